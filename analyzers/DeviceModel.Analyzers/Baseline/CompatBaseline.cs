using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace DeviceModel.Analyzers.Baseline
{
    /// <summary>
    /// The compat defaults baseline of a compilation: its <c>CompatDefaults.Shipped.txt</c> and
    /// <c>CompatDefaults.Unshipped.txt</c> AdditionalFiles, recognised by file name. Without either file the baseline
    /// checks are off (a project opts in by adding the files).
    /// </summary>
    internal sealed class CompatBaseline
    {
        private CompatBaseline(AdditionalText? shippedText, CompatDefaultsFile? shipped, AdditionalText? unshippedText, CompatDefaultsFile? unshipped)
        {
            ShippedText = shippedText;
            Shipped = shipped;
            UnshippedText = unshippedText;
            Unshipped = unshipped;
        }

        public AdditionalText? ShippedText { get; }
        public CompatDefaultsFile? Shipped { get; }
        public AdditionalText? UnshippedText { get; }
        public CompatDefaultsFile? Unshipped { get; }

        /// <summary>The baseline of the compilation, or null when it has neither file.</summary>
        public static CompatBaseline? Load(ImmutableArray<AdditionalText> files, CancellationToken cancellationToken)
        {
            AdditionalText? shippedText = null, unshippedText = null;
            foreach (AdditionalText file in files)
            {
                if (shippedText is null && CompatDefaultsFormat.IsShipped(file.Path)) shippedText = file;
                else if (unshippedText is null && CompatDefaultsFormat.IsUnshipped(file.Path)) unshippedText = file;
            }
            if (shippedText is null && unshippedText is null) return null;
            CompatDefaultsFile? shipped = shippedText is null ? null : CompatDefaultsFile.Get(shippedText, cancellationToken);
            CompatDefaultsFile? unshipped = unshippedText is null ? null : CompatDefaultsFile.Get(unshippedText, cancellationToken);
            if (shipped is null && unshipped is null) return null;
            return new CompatBaseline(shippedText, shipped, unshippedText, unshipped);
        }

        public static CompatBaseline? Load(AnalyzerOptions options, CancellationToken cancellationToken) => Load(options.AdditionalFiles, cancellationToken);

        /// <summary>A location inside a baseline file, for diagnostics on its lines.</summary>
        public static Location LocationOf(AdditionalText file, CompatDefaultsLine line) => Location.Create(file.Path, line.Span, line.LineSpan);

        public static Location LocationOf(AdditionalText file, TextSpan span, LinePositionSpan lineSpan) => Location.Create(file.Path, span, lineSpan);
    }
}
