// Shared source: compiled into the runtime, the generator and the analyzers, so that config values,
// [CompatHint] values, baseline files and hints files are all read and written by this one module.
// It must stay netstandard2.0-compatible: spans only, no culture, no allocation on the parse path.
using System;
using System.Text;

namespace DeviceModel
{
    /// <summary>Why a value did not parse.</summary>
#if DEVICEMODEL_ROSLYN
    internal
#else
    public
#endif
    enum ValueParseError
    {
        /// <summary>The value parsed.</summary>
        None = 0,
        /// <summary>The value is empty.</summary>
        Empty,
        /// <summary>The value is not in the expected form.</summary>
        Syntax,
        /// <summary>The value is well-formed but outside the type's range.</summary>
        OutOfRange,
        /// <summary>A number written with a leading zero, which QEMU would read as octal.</summary>
        AmbiguousLeadingZero,
    }

    /// <summary>
    /// The one parser and formatter of option values, culture-invariant and allocation-free when parsing.
    /// Every syntax follows QEMU: bool <c>on/off/yes/no/true/false</c>; integers decimal or <c>0x</c> hex;
    /// sizes with <c>k/M/G/T/P/E</c> suffixes; <c>on/off/auto</c>; MAC <c>xx:xx:xx:xx:xx:xx</c>;
    /// PCI address <c>slot[.fn]</c> in hex; enum members by kebab-case name.
    /// For every value v of every kind, parsing the formatted text of v gives v again.
    /// </summary>
#if DEVICEMODEL_ROSLYN
    internal
#else
    public
#endif
    static class ValueSyntax
    {
        /// <summary>Values of an <c>OnOffAuto</c> option, numbered as QEMU numbers them.</summary>
        public const int Auto = 0, On = 1, Off = 2;

        /// <summary>The smallest value of an integer kind (as a signed 64-bit number).</summary>
        public static long MinOf(OptionKind kind)
        {
            switch (kind)
            {
                case OptionKind.Int8: return sbyte.MinValue;
                case OptionKind.Int16: return short.MinValue;
                case OptionKind.Int32: return int.MinValue;
                case OptionKind.Int64: return long.MinValue;
                default: return 0;
            }
        }

        /// <summary>The largest value of an integer kind.</summary>
        public static ulong MaxOf(OptionKind kind)
        {
            switch (kind)
            {
                case OptionKind.Int8: return (ulong)sbyte.MaxValue;
                case OptionKind.UInt8: return byte.MaxValue;
                case OptionKind.Int16: return (ulong)short.MaxValue;
                case OptionKind.UInt16: return ushort.MaxValue;
                case OptionKind.Int32: return int.MaxValue;
                case OptionKind.UInt32: return uint.MaxValue;
                case OptionKind.Int64: return long.MaxValue;
                default: return ulong.MaxValue;
            }
        }

        /// <summary>Whether the kind is a signed integer.</summary>
        public static bool IsSigned(OptionKind kind) =>
            kind == OptionKind.Int8 || kind == OptionKind.Int16 || kind == OptionKind.Int32 || kind == OptionKind.Int64;

        /// <summary>Whether the kind is an integer or a size, stored as 64 bits.</summary>
        public static bool IsInteger(OptionKind kind) => kind >= OptionKind.Int8 && kind <= OptionKind.Size;

        /// <summary>QEMU's name of the kind, as <c>-device X,help</c> prints it.</summary>
        public static string TypeName(OptionKind kind)
        {
            switch (kind)
            {
                case OptionKind.Bool: return "bool";
                case OptionKind.Int8: return "int8";
                case OptionKind.UInt8: return "uint8";
                case OptionKind.Int16: return "int16";
                case OptionKind.UInt16: return "uint16";
                case OptionKind.Int32: return "int32";
                case OptionKind.UInt32: return "uint32";
                case OptionKind.Int64: return "int64";
                case OptionKind.UInt64: return "uint64";
                case OptionKind.Size: return "size";
                case OptionKind.OnOffAuto: return "OnOffAuto";
                case OptionKind.MacAddress: return "macaddr";
                case OptionKind.PciAddress: return "pci-devfn";
                case OptionKind.String: return "str";
                case OptionKind.Enum: return "enum";
                default: return "unknown";
            }
        }

        /// <summary>The expected form of a value of the kind, for error messages.</summary>
        public static string Expected(OptionKind kind)
        {
            switch (kind)
            {
                case OptionKind.Bool: return "a boolean (on/off, yes/no, true/false)";
                case OptionKind.Size: return "a size in bytes (decimal or 0x hex, optional suffix k/M/G/T/P/E)";
                case OptionKind.OnOffAuto: return "on, off or auto";
                case OptionKind.MacAddress: return "a MAC address xx:xx:xx:xx:xx:xx";
                case OptionKind.PciAddress: return "a PCI address slot[.fn] in hex (slot 00-1f, fn 0-7)";
                case OptionKind.String: return "a string";
                case OptionKind.Enum: return "one of the listed names";
                default:
                    if (IsSigned(kind))
                    {
                        return "a " + TypeName(kind) + " integer (" + MinOf(kind).ToString(System.Globalization.CultureInfo.InvariantCulture)
                            + " to " + MaxOf(kind).ToString(System.Globalization.CultureInfo.InvariantCulture) + ", decimal or 0x hex)";
                    }
                    return "a " + TypeName(kind) + " integer (0 to " + MaxOf(kind).ToString(System.Globalization.CultureInfo.InvariantCulture) + ", decimal or 0x hex)";
            }
        }

        // ---- bool ----

        /// <summary>Parses <c>on/off/yes/no/true/false</c> (case-sensitive, as QEMU).</summary>
        public static ValueParseError ParseBool(ReadOnlySpan<char> text, out bool value)
        {
            value = false;
            if (text.IsEmpty) return ValueParseError.Empty;
            if (Is(text, "on") || Is(text, "yes") || Is(text, "true")) { value = true; return ValueParseError.None; }
            if (Is(text, "off") || Is(text, "no") || Is(text, "false")) return ValueParseError.None;
            return ValueParseError.Syntax;
        }

        /// <summary>Formats a bool as QEMU prints it on a command line.</summary>
        public static string FormatBool(bool value) => value ? "on" : "off";

        // ---- integers ----

        /// <summary>
        /// Parses an integer of <paramref name="kind"/>: decimal, or hex with <c>0x</c>, optional sign for signed kinds.
        /// The result is the value's 64-bit two's-complement bits.
        /// </summary>
        public static ValueParseError ParseInteger(ReadOnlySpan<char> text, OptionKind kind, out ulong bits)
        {
            bits = 0;
            if (text.IsEmpty) return ValueParseError.Empty;
            bool negative = false;
            ReadOnlySpan<char> digits = text;
            if (digits[0] == '-' || digits[0] == '+')
            {
                negative = digits[0] == '-';
                digits = digits.Slice(1);
                if (!IsSigned(kind) && negative)
                {
                    // "-0" is still zero, but QEMU refuses any sign on an unsigned property: so do we.
                    return ParseMagnitude(digits, out _) == ValueParseError.None ? ValueParseError.OutOfRange : ValueParseError.Syntax;
                }
            }
            ValueParseError error = ParseMagnitude(digits, out ulong magnitude);
            if (error != ValueParseError.None) return error;
            if (IsSigned(kind))
            {
                ulong limit = negative ? (ulong)(-(MinOf(kind) + 1)) + 1 : MaxOf(kind);
                if (magnitude > limit) return ValueParseError.OutOfRange;
                bits = negative ? unchecked(0UL - magnitude) : magnitude;
                return ValueParseError.None;
            }
            if (magnitude > MaxOf(kind)) return ValueParseError.OutOfRange;
            bits = magnitude;
            return ValueParseError.None;
        }

        /// <summary>Formats integer bits of <paramref name="kind"/> in decimal.</summary>
        public static string FormatInteger(ulong bits, OptionKind kind)
        {
            if (kind == OptionKind.Size) return FormatSize(bits);
            return IsSigned(kind)
                ? unchecked((long)bits).ToString(System.Globalization.CultureInfo.InvariantCulture)
                : bits.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        private static ValueParseError ParseMagnitude(ReadOnlySpan<char> digits, out ulong value)
        {
            value = 0;
            if (digits.IsEmpty) return ValueParseError.Syntax;
            if (digits.Length > 2 && digits[0] == '0' && (digits[1] == 'x' || digits[1] == 'X'))
            {
                ReadOnlySpan<char> hex = digits.Slice(2);
                foreach (char c in hex)
                {
                    int d = HexDigit(c);
                    if (d < 0) return ValueParseError.Syntax;
                    if (value > (ulong.MaxValue >> 4)) return ValueParseError.OutOfRange;
                    value = (value << 4) | (uint)d;
                }
                return ValueParseError.None;
            }
            foreach (char c in digits)
            {
                if (c < '0' || c > '9') return ValueParseError.Syntax;
            }
            if (digits.Length > 1 && digits[0] == '0') return ValueParseError.AmbiguousLeadingZero;
            foreach (char c in digits)
            {
                uint d = (uint)(c - '0');
                if (value > (ulong.MaxValue - d) / 10) return ValueParseError.OutOfRange;
                value = value * 10 + d;
            }
            return ValueParseError.None;
        }

        // ---- sizes ----

        /// <summary>Parses a size: <c>4096</c>, <c>0x1000</c>, <c>4k</c>, <c>1.5G</c> (suffixes are powers of 1024; the result must be whole bytes).</summary>
        public static ValueParseError ParseSize(ReadOnlySpan<char> text, out ulong bytes)
        {
            bytes = 0;
            if (text.IsEmpty) return ValueParseError.Empty;
            if (text.Length > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X'))
            {
                ValueParseError hexError = ParseMagnitude(text, out ulong hex);
                if (hexError == ValueParseError.None) bytes = hex;
                return hexError;
            }
            int shift = 0;
            char last = text[text.Length - 1];
            int suffixShift = SuffixShift(last);
            if (suffixShift >= 0)
            {
                shift = suffixShift;
                text = text.Slice(0, text.Length - 1);
                if (text.IsEmpty) return ValueParseError.Syntax;
            }
            int dot = text.IndexOf('.');
            ReadOnlySpan<char> whole = dot < 0 ? text : text.Slice(0, dot);
            ReadOnlySpan<char> fraction = dot < 0 ? ReadOnlySpan<char>.Empty : text.Slice(dot + 1);
            if (whole.IsEmpty || (dot >= 0 && fraction.IsEmpty)) return ValueParseError.Syntax;
            ValueParseError error = ParseMagnitudeDecimal(whole, out ulong integer);
            if (error != ValueParseError.None) return error;
            if (shift > 0 && integer > (ulong.MaxValue >> shift)) return ValueParseError.OutOfRange;
            ulong result = integer << shift;
            if (!fraction.IsEmpty)
            {
                // fraction / 10^n * 2^shift must be a whole number of bytes.
                if (fraction.Length > 18) return ValueParseError.Syntax;
                ulong numerator = 0, denominator = 1;
                foreach (char c in fraction)
                {
                    if (c < '0' || c > '9') return ValueParseError.Syntax;
                    numerator = numerator * 10 + (uint)(c - '0');
                    denominator *= 10;
                }
                // numerator * 2^shift / 10^n: cancel the 2s of 10^n against the shift first, so the product never
                // overflows; what is left of the denominator must then divide the numerator (2^remaining is coprime to it).
                int remaining = shift;
                while (remaining > 0 && denominator % 2 == 0) { denominator /= 2; remaining--; }
                if (numerator % denominator != 0) return ValueParseError.Syntax;
                ulong part = numerator / denominator;
                if (part > (ulong.MaxValue >> remaining)) return ValueParseError.OutOfRange;
                part <<= remaining;
                if (result > ulong.MaxValue - part) return ValueParseError.OutOfRange;
                result += part;
            }
            bytes = result;
            return ValueParseError.None;
        }

        private static ValueParseError ParseMagnitudeDecimal(ReadOnlySpan<char> digits, out ulong value)
        {
            value = 0;
            foreach (char c in digits)
            {
                if (c < '0' || c > '9') return ValueParseError.Syntax;
            }
            return ParseMagnitude(digits, out value);
        }

        private static int SuffixShift(char c)
        {
            switch (c)
            {
                case 'B': case 'b': return 0;
                case 'K': case 'k': return 10;
                case 'M': case 'm': return 20;
                case 'G': case 'g': return 30;
                case 'T': case 't': return 40;
                case 'P': case 'p': return 50;
                case 'E': case 'e': return 60;
                default: return -1;
            }
        }

        /// <summary>Formats a size with the largest suffix that divides it exactly (<c>262144</c> → <c>256k</c>).</summary>
        public static string FormatSize(ulong bytes)
        {
            if (bytes == 0) return "0";
            const string suffixes = "kMGTPE";
            int index = -1;
            ulong value = bytes;
            while (index < suffixes.Length - 1 && (value & 1023) == 0)
            {
                value >>= 10;
                index++;
            }
            string number = value.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return index < 0 ? number : number + suffixes[index];
        }

        // ---- OnOffAuto ----

        /// <summary>Parses <c>on</c>, <c>off</c> or <c>auto</c> into <see cref="On"/>, <see cref="Off"/> or <see cref="Auto"/>.</summary>
        public static ValueParseError ParseOnOffAuto(ReadOnlySpan<char> text, out int value)
        {
            value = Auto;
            if (text.IsEmpty) return ValueParseError.Empty;
            if (Is(text, "auto")) return ValueParseError.None;
            if (Is(text, "on")) { value = On; return ValueParseError.None; }
            if (Is(text, "off")) { value = Off; return ValueParseError.None; }
            return ValueParseError.Syntax;
        }

        /// <summary>Formats an <c>OnOffAuto</c> value.</summary>
        public static string FormatOnOffAuto(int value) => value == On ? "on" : value == Off ? "off" : "auto";

        // ---- MAC ----

        /// <summary>Parses <c>xx:xx:xx:xx:xx:xx</c> (or with <c>-</c>) into the 48-bit address, first octet most significant.</summary>
        public static ValueParseError ParseMac(ReadOnlySpan<char> text, out ulong value)
        {
            value = 0;
            if (text.IsEmpty) return ValueParseError.Empty;
            if (text.Length != 17) return ValueParseError.Syntax;
            ulong address = 0;
            for (int i = 0; i < 6; i++)
            {
                int hi = HexDigit(text[i * 3]), lo = HexDigit(text[i * 3 + 1]);
                if (hi < 0 || lo < 0) return ValueParseError.Syntax;
                if (i < 5 && text[i * 3 + 2] != ':' && text[i * 3 + 2] != '-') return ValueParseError.Syntax;
                address = (address << 8) | (uint)(hi << 4 | lo);
            }
            value = address;
            return ValueParseError.None;
        }

        /// <summary>Formats a 48-bit MAC address as lower-case <c>xx:xx:xx:xx:xx:xx</c>.</summary>
        public static string FormatMac(ulong value)
        {
            char[] chars = new char[17];
            for (int i = 0; i < 6; i++)
            {
                int octet = (int)((value >> (40 - 8 * i)) & 0xff);
                chars[i * 3] = HexChar(octet >> 4);
                chars[i * 3 + 1] = HexChar(octet & 0xf);
                if (i < 5) chars[i * 3 + 2] = ':';
            }
            return new string(chars);
        }

        // ---- PCI address ----

        /// <summary>Parses <c>slot[.fn]</c> (hex, slot 0-0x1f, function 0-7) into devfn = slot &lt;&lt; 3 | fn.</summary>
        public static ValueParseError ParsePciAddress(ReadOnlySpan<char> text, out int devfn)
        {
            devfn = 0;
            if (text.IsEmpty) return ValueParseError.Empty;
            int dot = text.IndexOf('.');
            ReadOnlySpan<char> slotText = dot < 0 ? text : text.Slice(0, dot);
            ReadOnlySpan<char> fnText = dot < 0 ? ReadOnlySpan<char>.Empty : text.Slice(dot + 1);
            if (slotText.IsEmpty || slotText.Length > 2 || (dot >= 0 && fnText.Length != 1)) return ValueParseError.Syntax;
            int slot = 0;
            foreach (char c in slotText)
            {
                int d = HexDigit(c);
                if (d < 0) return ValueParseError.Syntax;
                slot = slot * 16 + d;
            }
            int fn = 0;
            if (dot >= 0)
            {
                fn = HexDigit(fnText[0]);
                if (fn < 0) return ValueParseError.Syntax;
            }
            if (slot > 0x1f || fn > 7) return ValueParseError.OutOfRange;
            devfn = slot << 3 | fn;
            return ValueParseError.None;
        }

        /// <summary>Formats devfn as QEMU prints it: <c>03.0</c>.</summary>
        public static string FormatPciAddress(int devfn) =>
            new string(new[] { HexChar((devfn >> 7) & 1), HexChar((devfn >> 3) & 0xf), '.', HexChar(devfn & 7) });

        // ---- enums ----

        /// <summary>Finds <paramref name="text"/> among <paramref name="names"/> (ordinal).</summary>
        public static ValueParseError ParseEnum(ReadOnlySpan<char> text, string[] names, out int index)
        {
            index = -1;
            if (text.IsEmpty) return ValueParseError.Empty;
            for (int i = 0; i < names.Length; i++)
            {
                if (Is(text, names[i])) { index = i; return ValueParseError.None; }
            }
            return ValueParseError.Syntax;
        }

        /// <summary>
        /// The kebab-case spelling of a C# identifier: <c>PagePerVq</c> → <c>page-per-vq</c>, <c>IOThread</c> → <c>io-thread</c>.
        /// </summary>
        public static string ToKebabCase(string identifier)
        {
            var builder = new StringBuilder(identifier.Length + 4);
            for (int i = 0; i < identifier.Length; i++)
            {
                char c = identifier[i];
                if (c == '_') { builder.Append('-'); continue; }
                bool upper = c >= 'A' && c <= 'Z';
                if (upper && i > 0 && identifier[i - 1] != '_')
                {
                    char previous = identifier[i - 1];
                    bool previousLowerOrDigit = (previous >= 'a' && previous <= 'z') || (previous >= '0' && previous <= '9');
                    bool nextLower = i + 1 < identifier.Length && identifier[i + 1] >= 'a' && identifier[i + 1] <= 'z';
                    bool previousUpper = previous >= 'A' && previous <= 'Z';
                    if (previousLowerOrDigit || (previousUpper && nextLower)) builder.Append('-');
                }
                builder.Append(upper ? (char)(c + 32) : c);
            }
            return builder.ToString();
        }

        // ---- option names ----

        /// <summary>
        /// Whether <paramref name="name"/> can be an option name: non-empty, lower-case ASCII letters, digits,
        /// <c>-</c>, <c>_</c> and <c>.</c>; starting with a letter. No <c>,</c>, <c>=</c>, whitespace or upper case.
        /// </summary>
        public static bool IsValidOptionName(string name)
        {
            if (name.Length == 0 || name[0] < 'a' || name[0] > 'z') return false;
            foreach (char c in name)
            {
                bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
                if (!ok) return false;
            }
            return true;
        }

        // ---- helpers ----

        private static bool Is(ReadOnlySpan<char> text, string literal) => text.SequenceEqual(literal.AsSpan());

        private static int HexDigit(char c)
        {
            if (c >= '0' && c <= '9') return c - '0';
            if (c >= 'a' && c <= 'f') return c - 'a' + 10;
            if (c >= 'A' && c <= 'F') return c - 'A' + 10;
            return -1;
        }

        private static char HexChar(int digit) => (char)(digit < 10 ? '0' + digit : 'a' + digit - 10);
    }
}
