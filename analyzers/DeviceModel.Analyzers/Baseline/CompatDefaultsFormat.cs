using DeviceModel.Declarations;
using System;
using System.Globalization;
using System.Text;
using DeviceModel.Analyzers.Model;

namespace DeviceModel.Analyzers.Baseline
{
    /// <summary>
    /// The line format of <c>CompatDefaults.Shipped.txt</c> / <c>CompatDefaults.Unshipped.txt</c>
    /// (docs/compat-defaults-format.md): <c>DEVICE OPTION=VALUE</c> with the value in canonical value syntax and
    /// escaped, or <c>DEVICE OPTION</c> for "no value"; <c>#</c> comments and blank lines; sorted by device then option.
    /// </summary>
    internal static class CompatDefaultsFormat
    {
        public const string ShippedFileName = "CompatDefaults.Shipped.txt";
        public const string UnshippedFileName = "CompatDefaults.Unshipped.txt";

        /// <summary>The sort key of a line: device and option joined by a space, which sorts below every name character.</summary>
        public static string Key(string device, string option) => device + " " + option;

        /// <summary>The device name of a <see cref="Key"/> (names hold no spaces).</summary>
        public static string DeviceOfKey(string key) => key.Substring(0, key.IndexOf(' '));

        /// <summary>The line text (no line break) recording <paramref name="value"/> for the option.</summary>
        public static string FormatLine(string device, string option, CanonicalValue value) =>
            value.Text is null ? device + " " + option : device + " " + option + "=" + Escape(value.Text);

        /// <summary>
        /// Escapes a value so that it stays on one line and keeps leading and trailing spaces: <c>\\</c>, <c>\n</c>,
        /// <c>\r</c>, <c>\t</c>, <c>\s</c> (a space at either end) and <c>\uXXXX</c> for other control and line-break characters.
        /// </summary>
        public static string Escape(string value)
        {
            StringBuilder? builder = null;
            for (int i = 0; i < value.Length; i++)
            {
                char c = value[i];
                string? escape = c switch
                {
                    '\\' => "\\\\",
                    '\n' => "\\n",
                    '\r' => "\\r",
                    '\t' => "\\t",
                    ' ' when i == 0 || i == value.Length - 1 => "\\s",
                    _ when c < ' ' || c == '\u007f' || c == '\u0085' || c == '\u2028' || c == '\u2029' => "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture),
                    _ => null,
                };
                if (escape is null)
                {
                    builder?.Append(c);
                    continue;
                }
                builder ??= new StringBuilder(value, 0, i, value.Length + 8);
                builder.Append(escape);
            }
            return builder?.ToString() ?? value;
        }

        /// <summary>Reverses <see cref="Escape"/>; false on an unknown or truncated escape.</summary>
        public static bool TryUnescape(string text, out string value)
        {
            value = text;
            int backslash = text.IndexOf('\\');
            if (backslash < 0) return true;
            var builder = new StringBuilder(text.Length);
            builder.Append(text, 0, backslash);
            for (int i = backslash; i < text.Length; i++)
            {
                char c = text[i];
                if (c != '\\')
                {
                    builder.Append(c);
                    continue;
                }
                if (++i >= text.Length) return false;
                switch (text[i])
                {
                    case '\\': builder.Append('\\'); break;
                    case 'n': builder.Append('\n'); break;
                    case 'r': builder.Append('\r'); break;
                    case 't': builder.Append('\t'); break;
                    case 's': builder.Append(' '); break;
                    case 'u':
                        if (i + 4 >= text.Length) return false;
                        if (!int.TryParse(text.Substring(i + 1, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out int code)) return false;
                        builder.Append((char)code);
                        i += 4;
                        break;
                    default:
                        return false;
                }
            }
            value = builder.ToString();
            return true;
        }

        /// <summary>Whether a name can appear in a line: non-empty, no whitespace, no <c>=</c>, no <c>#</c> at the start.</summary>
        public static bool IsLineName(string name)
        {
            if (name.Length == 0 || name[0] == '#') return false;
            foreach (char c in name)
            {
                if (char.IsWhiteSpace(c) || c == '=' || char.IsControl(c)) return false;
            }
            return true;
        }

        /// <summary>Whether a file name is one of the two baseline files (case-insensitive, like PublicAPI.*.txt).</summary>
        public static bool IsShipped(string path) => FileNameIs(path, ShippedFileName);
        public static bool IsUnshipped(string path) => FileNameIs(path, UnshippedFileName);

        private static bool FileNameIs(string path, string name)
        {
            int slash = Math.Max(path.LastIndexOf('/'), path.LastIndexOf('\\'));
            return string.Equals(path.Substring(slash + 1), name, StringComparison.OrdinalIgnoreCase);
        }
    }
}
