using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.ComponentModel;

namespace DeviceModel
{
    /// <summary>
    /// Generated metadata of one concrete device type: its name, description, options (inherited ones
    /// included, in ordinal order of names) and a factory. The CLI, the docs and the hints file read it.
    /// </summary>
    public sealed class DeviceInfo
    {
        private readonly Func<Device> _factory;
        private readonly IndexOfOption _indexOf;

        /// <summary>The generated name switch: the option's index, or -1.</summary>
        // Hidden from IntelliSense: only generated code calls this; it stays public because generated code in the product assembly must reach it.
        [EditorBrowsable(EditorBrowsableState.Never)]
        public delegate int IndexOfOption(ReadOnlySpan<char> name);

        /// <summary>Used by generated code.</summary>
        // Hidden from IntelliSense: only generated code calls this; it stays public because generated code in the product assembly must reach it.
        [EditorBrowsable(EditorBrowsableState.Never)]
        public DeviceInfo(string name, string? description, string clrType, string? parent, OptionInfo[] options,
            Func<Device> factory, IndexOfOption indexOf, CapabilityInfo[]? capabilities = null)
        {
            Capabilities = capabilities is null ? ImmutableArray<CapabilityInfo>.Empty : ImmutableArray.Create(capabilities);
            Name = name;
            Description = description;
            ClrType = clrType;
            Parent = parent;
            Options = ImmutableArray.Create(options);
            _factory = factory;
            _indexOf = indexOf;
            Device prototype = factory();
            for (int i = 0; i < options.Length; i++)
            {
                if (options[i].Index != i) throw new ArgumentException("option indexes must follow the array order", nameof(options));
                options[i].Device = this;
                options[i].Default = prototype.GetOption(i);
            }
        }

        /// <summary>The driver name.</summary>
        public string Name { get; }
        /// <summary>One line of description.</summary>
        public string? Description { get; }
        /// <summary>The C# type, fully qualified.</summary>
        public string ClrType { get; }
        /// <summary>The nearest base device type's name (abstract families included), if any.</summary>
        public string? Parent { get; }
        /// <summary>Every option, inherited ones included, in ordinal order of names.</summary>
        public ImmutableArray<OptionInfo> Options { get; }

        /// <summary>The declared PCI capabilities, base types' first, in declaration order (standard then extended lists).</summary>
        public ImmutableArray<CapabilityInfo> Capabilities { get; }

        /// <summary>Creates a device with every option at its current default.</summary>
        public Device Create() => _factory();

        /// <summary>The index of the option named <paramref name="name"/>, or -1 (a generated switch).</summary>
        public int IndexOf(ReadOnlySpan<char> name) => _indexOf(name);

        /// <summary>The option named <paramref name="name"/>, or null.</summary>
        public OptionInfo? FindOption(ReadOnlySpan<char> name)
        {
            int index = _indexOf(name);
            return index < 0 ? null : Options[index];
        }

        /// <summary>Names of options close to <paramref name="name"/>, best first (for "did you mean").</summary>
        public string? Suggest(string name)
        {
            var names = new List<string>(Options.Length);
            foreach (OptionInfo option in Options) names.Add(option.Name);
            return Spelling.Closest(name, names);
        }

        /// <inheritdoc/>
        public override string ToString() => Name;
    }
}
