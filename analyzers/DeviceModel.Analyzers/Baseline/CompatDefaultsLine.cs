using Microsoft.CodeAnalysis.Text;

namespace DeviceModel.Analyzers.Baseline
{
    /// <summary>
    /// One data line of a compat defaults file: <c>DEVICE OPTION=VALUE</c>, or <c>DEVICE OPTION</c> for "no value".
    /// <see cref="Value"/> is unescaped; <see cref="Problem"/> says why a line is malformed (then only
    /// <see cref="Span"/> is meaningful).
    /// </summary>
    internal sealed class CompatDefaultsLine
    {
        public CompatDefaultsLine(string text, string device, string option, bool hasValue, string? value, TextSpan span, LinePositionSpan lineSpan, string? problem)
        {
            Text = text;
            Device = device;
            Option = option;
            HasValue = hasValue;
            Value = value;
            Span = span;
            LineSpan = lineSpan;
            Problem = problem;
        }

        /// <summary>The line as written, without surrounding whitespace.</summary>
        public string Text { get; }

        public string Device { get; }
        public string Option { get; }
        public bool HasValue { get; }

        /// <summary>The unescaped value; null when the line has no <c>=</c>.</summary>
        public string? Value { get; }

        /// <summary>The line's text without its line break.</summary>
        public TextSpan Span { get; }
        public LinePositionSpan LineSpan { get; }

        /// <summary>Why the line is malformed, or null.</summary>
        public string? Problem { get; }

        /// <summary>The sort key: lines are ordered by device, then option, ordinally.</summary>
        public string Key => CompatDefaultsFormat.Key(Device, Option);
    }
}
