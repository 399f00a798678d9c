// Shared source: compiled into the runtime, the generator and the analyzers.
using System;
using System.Globalization;

namespace DeviceModel
{
    /// <summary>
    /// A machine or product version <c>x.y</c> or <c>x.y.z</c>, compared numerically
    /// (<c>2.10 &gt; 2.9</c>, <c>4.0.1 &gt; 4.0</c>).
    /// </summary>
#if DEVICEMODEL_ROSLYN
    internal
#else
    public
#endif
    readonly struct MachineVersion : IEquatable<MachineVersion>, IComparable<MachineVersion>
    {
        /// <summary>Creates a version.</summary>
        public MachineVersion(int major, int minor, int patch = 0)
        {
            Major = major;
            Minor = minor;
            Patch = patch;
            HasPatch = patch != 0;
        }

        /// <summary>A version written with three parts even when the third is 0 (<c>1.0.0</c>): it prints as written.</summary>
        public static MachineVersion WithPatch(int major, int minor, int patch) => new(major, minor, patch, hasPatch: true);

        private MachineVersion(int major, int minor, int patch, bool hasPatch)
        {
            Major = major;
            Minor = minor;
            Patch = patch;
            HasPatch = hasPatch;
        }

        /// <summary>The major number.</summary>
        public int Major { get; }
        /// <summary>The minor number.</summary>
        public int Minor { get; }
        /// <summary>The patch number (0 when absent).</summary>
        public int Patch { get; }
        /// <summary>Whether the version was written with three parts.</summary>
        public bool HasPatch { get; }
        /// <summary>Whether this is a real version rather than <c>default</c>.</summary>
        public bool IsValid => Major > 0 || Minor > 0 || Patch > 0;

        /// <summary>Parses <c>x.y</c> or <c>x.y.z</c> (decimal parts, no leading zeros beyond a single 0).</summary>
        public static bool TryParse(ReadOnlySpan<char> text, out MachineVersion version)
        {
            version = default;
            int major = 0, minor = 0, patch = 0, parts = 0, start = 0;
            for (int i = 0; i <= text.Length; i++)
            {
                if (i < text.Length && text[i] != '.') continue;
                ReadOnlySpan<char> part = text.Slice(start, i - start);
                if (part.IsEmpty || part.Length > 4 || (part.Length > 1 && part[0] == '0')) return false;
                int value = 0;
                foreach (char c in part)
                {
                    if (c < '0' || c > '9') return false;
                    value = value * 10 + (c - '0');
                }
                switch (parts)
                {
                    case 0: major = value; break;
                    case 1: minor = value; break;
                    case 2: patch = value; break;
                    default: return false;
                }
                parts++;
                start = i + 1;
            }
            if (parts < 2) return false;
            version = new MachineVersion(major, minor, patch, parts == 3);
            return version.IsValid;
        }

        /// <summary>Parses a version or throws <see cref="FormatException"/>.</summary>
        public static MachineVersion Parse(string text) =>
            TryParse(text.AsSpan(), out MachineVersion version) ? version : throw new FormatException("'" + text + "' is not a version x.y or x.y.z");

        /// <inheritdoc/>
        public int CompareTo(MachineVersion other)
        {
            int c = Major.CompareTo(other.Major);
            if (c != 0) return c;
            c = Minor.CompareTo(other.Minor);
            return c != 0 ? c : Patch.CompareTo(other.Patch);
        }

        /// <inheritdoc/>
        public bool Equals(MachineVersion other) => Major == other.Major && Minor == other.Minor && Patch == other.Patch;
        /// <inheritdoc/>
        public override bool Equals(object? obj) => obj is MachineVersion other && Equals(other);
        /// <inheritdoc/>
        public override int GetHashCode() => (Major * 1000 + Minor) * 1000 + Patch;
        /// <summary>Numeric comparison.</summary>
        public static bool operator <(MachineVersion a, MachineVersion b) => a.CompareTo(b) < 0;
        /// <summary>Numeric comparison.</summary>
        public static bool operator >(MachineVersion a, MachineVersion b) => a.CompareTo(b) > 0;
        /// <summary>Numeric comparison.</summary>
        public static bool operator <=(MachineVersion a, MachineVersion b) => a.CompareTo(b) <= 0;
        /// <summary>Numeric comparison.</summary>
        public static bool operator >=(MachineVersion a, MachineVersion b) => a.CompareTo(b) >= 0;
        /// <summary>Equality.</summary>
        public static bool operator ==(MachineVersion a, MachineVersion b) => a.Equals(b);
        /// <summary>Inequality.</summary>
        public static bool operator !=(MachineVersion a, MachineVersion b) => !a.Equals(b);

        /// <summary><c>x.y</c>, or <c>x.y.z</c> when written with a patch number.</summary>
        public override string ToString() =>
            HasPatch || Patch != 0
                ? Major.ToString(CultureInfo.InvariantCulture) + "." + Minor.ToString(CultureInfo.InvariantCulture) + "." + Patch.ToString(CultureInfo.InvariantCulture)
                : Major.ToString(CultureInfo.InvariantCulture) + "." + Minor.ToString(CultureInfo.InvariantCulture);
    }
}
