using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using DeviceModel.Catalog;
using DeviceModel.Config;
using DeviceModel.Hints;

namespace DeviceModel.Compat
{
    /// <summary>One device after resolution: its options hold their effective values, each with provenance (<see cref="Device.SourceOf"/>).</summary>
    /// <param name="Device">The device, resolved in place.</param>
    /// <param name="Key">The key of its hints record: its id, or <c>addr:SS.F</c> when it has none.</param>
    /// <param name="Context">The realize context its auto options were decided in.</param>
    /// <param name="EffectiveVersion">The version its versioned defaults were taken at.</param>
    /// <param name="HintsApplied">Whether a hints record was applied to it.</param>
    public sealed record ResolvedDevice(Device Device, string Key, RealizeContext Context, MachineVersion EffectiveVersion, bool HintsApplied);

    /// <summary>A hints record that matched no device of the configuration (and so was ignored).</summary>
    public sealed record IgnoredHint(string Key, string Driver, string Reason);

    /// <summary>A configuration after resolution.</summary>
    /// <param name="Machine">The machine type.</param>
    /// <param name="Smp">Number of vCPUs.</param>
    /// <param name="Devices">The devices, in config order.</param>
    /// <param name="IgnoredHints">Hints records that matched no device.</param>
    /// <param name="Hints">The hints file that was applied, if any.</param>
    public sealed record ResolvedMachine(MachineType Machine, int Smp, ImmutableArray<ResolvedDevice> Devices, ImmutableArray<IgnoredHint> IgnoredHints, HintsFile? Hints)
    {
        /// <summary>
        /// The hints of this configuration: every guest-visible option of every device, with its effective
        /// value ("we can't predict the future": not only the options that have a history today), stamped with
        /// <paramref name="product"/>'s version as producer version.
        /// </summary>
        public HintsFile ToHintsFile(MachineCatalog product)
        {
            ArgumentNullException.ThrowIfNull(product);
            var records = ImmutableArray.CreateBuilder<HintsRecord>(Devices.Length);
            foreach (ResolvedDevice device in Devices)
            {
                // One exact-size copy of the values: the record outlives later changes to the device.
                HintsShape shape = HintsShape.Full(device.Device.Info);
                var values = new OptionValue[shape.Count];
                for (int p = 0; p < values.Length; p++) values[p] = device.Device.GetOption(shape.Indices![p]);
                records.Add(new HintsRecord(device.Key, shape, values));
            }
            return new HintsFile(product.ProductVersion, Machine.Name, records.MoveToImmutable(), null, HintsFile.CurrentFormatVersion);
        }

        /// <summary>
        /// The bytes of this configuration's hints file (what <see cref="ToHintsFile"/> holds, in the current format
        /// version), encoded straight from the resolved devices: no records are built, the array is sized up front.
        /// </summary>
        /// <exception cref="ArgumentException">The file would exceed a format limit (the resolver refuses such configurations).</exception>
        public byte[] ToHintsBytes(MachineCatalog product)
        {
            ArgumentNullException.ThrowIfNull(product);
            return HintsFileWriter.Encode(product.ProductVersion, Machine.Name, new DeviceSource(Devices));
        }

        /// <summary>Writes this configuration's hints file to <paramref name="path"/> atomically and durably, as <see cref="HintsFileWriter.WriteAtomic"/> does.</summary>
        /// <exception cref="ArgumentException">The file would exceed a format limit.</exception>
        /// <exception cref="System.IO.IOException">The file cannot be written; the message names <paramref name="path"/>.</exception>
        /// <exception cref="UnauthorizedAccessException">Writing is not permitted; the message names <paramref name="path"/>.</exception>
        public void WriteHintsFile(string path, MachineCatalog product) => HintsFileWriter.WriteBytesAtomic(path, ToHintsBytes(product));

        /// <summary>The resolved devices as the hints encoder reads them: each device's values in its type's full shape (looked up once per device).</summary>
        internal readonly struct DeviceSource : HintsFileWriter.ISource
        {
            private readonly ImmutableArray<ResolvedDevice> _devices;
            private readonly HintsShape[] _shapes;

            public DeviceSource(ImmutableArray<ResolvedDevice> devices)
            {
                _devices = devices;
                _shapes = new HintsShape[devices.Length];
                HintsShape? previous = null;
                for (int i = 0; i < devices.Length; i++)
                {
                    DeviceInfo info = devices[i].Device.Info;
                    _shapes[i] = previous = ReferenceEquals(previous?.Info, info) ? previous! : HintsShape.Full(info);
                }
            }

            public int Count => _devices.Length;
            public string KeyAt(int record) => _devices[record].Key;
            public HintsShape ShapeAt(int record) => _shapes[record];

            public void ReadValues(int record, Span<OptionValue> values)
            {
                // Straight to the generated accessors by slot: the device's type is the shape's, looked up once.
                Device device = _devices[record].Device;
                ReadOnlySpan<int> slots = _shapes[record].Slots;
                for (int p = 0; p < values.Length; p++) values[p] = device.GetSlot(slots[p]);
            }
        }
    }

    /// <summary>
    /// The compat engine: resolves every option of every device with the founding rules, highest first:
    /// explicit config &gt; the device's hints record &gt; the versioned default (history at the record's producer
    /// version and the family of the record's machine type for a device with a record, else at the machine's version
    /// and family) &gt; the current default, with "auto"
    /// decided last from the machine and bus. Nothing here compares versions outside the declared histories.
    /// </summary>
    public static class CompatResolver
    {
        /// <summary>
        /// Resolves <paramref name="config"/> in place (its devices are updated), applying the hints file named by
        /// <see cref="MachineConfig.HintsPath"/> when there is one. A relative path is taken from the current directory
        /// (<see cref="JsonConfigReader.ReadMachineConfigFile"/> already makes a config file's hints path absolute,
        /// relative to the config file). A hints file that cannot be read or decoded is an error, never "no hints":
        /// resolving without them would silently give the guest the newest defaults. All-or-nothing on errors.
        /// </summary>
        public static ParseResult<ResolvedMachine> Resolve(MachineConfig config, DeviceCatalog catalog)
        {
            ArgumentNullException.ThrowIfNull(config);
            ArgumentNullException.ThrowIfNull(catalog);
            HintsFile? hints = null;
            if (config.HintsPath is not null)
            {
                ParseResult<HintsFile> read = HintsFileReader.ReadFile(config.HintsPath, catalog);
                if (!read.Succeeded) return ParseResult<ResolvedMachine>.Failure(read.Errors);
                hints = read.Value!;
            }
            return ResolveCore(config, catalog, hints);
        }

        /// <summary>
        /// Resolves <paramref name="config"/> in place with hints already in memory (e.g. received from a migration
        /// source). The config must name no hints file: hints come from exactly one place, so a
        /// <see cref="MachineConfig.HintsPath"/> here is an error rather than a file silently left unread.
        /// All-or-nothing on errors.
        /// </summary>
        public static ParseResult<ResolvedMachine> Resolve(MachineConfig config, DeviceCatalog catalog, HintsFile hints)
        {
            ArgumentNullException.ThrowIfNull(config);
            ArgumentNullException.ThrowIfNull(catalog);
            ArgumentNullException.ThrowIfNull(hints);
            if (config.HintsPath is not null)
            {
                return ParseResult<ResolvedMachine>.Failure(new[]
                {
                    new ConfigError(ConfigErrorKind.InvalidReference, "the config names hints file '" + config.HintsPath + "' and hints were also passed in: give one of them",
                        new SourceLocation(config.HintsPath, 0, 0), Option: "hints", Value: config.HintsPath),
                });
            }
            return ResolveCore(config, catalog, hints);
        }

        /// <summary>
        /// The machine type named <paramref name="name"/> (or an alias), the product's default when null, or an
        /// <see cref="ConfigErrorKind.UnknownMachine"/> error listing the close matches.
        /// </summary>
        public static ParseResult<MachineType> ResolveMachine(MachineCatalog machines, string? name, string? source = null)
        {
            ArgumentNullException.ThrowIfNull(machines);
            if (name is null) return ParseResult<MachineType>.Success(machines.Default);
            MachineType? machine = machines.Find(name);
            if (machine is not null) return ParseResult<MachineType>.Success(machine);
            IReadOnlyList<string> close = machines.Suggest(name);
            string message = "unknown machine type '" + name + "'" + (close.Count > 0 ? "; close matches: " + string.Join(", ", close) : "; see 'devmodel machines'");
            return ParseResult<MachineType>.Failure(new[] { new ConfigError(ConfigErrorKind.UnknownMachine, message, new SourceLocation(source, 0, 0), Option: "machine", Value: name) });
        }

        private static ParseResult<ResolvedMachine> ResolveCore(MachineConfig config, DeviceCatalog catalog, HintsFile? hints)
        {
            MachineCatalog machines = catalog.RequireMachines();
            ParseResult<MachineType> machineResult = ResolveMachine(machines, config.Machine);
            if (!machineResult.Succeeded) return ParseResult<ResolvedMachine>.Failure(machineResult.Errors);
            MachineType machine = machineResult.Value!;
            int smp = config.Smp ?? 1;
            var errors = new List<ConfigError>();

            var records = new Dictionary<string, HintsRecord>(StringComparer.Ordinal);
            if (hints is not null)
            {
                foreach (HintsRecord record in hints.Records) records[record.Key] = record;
            }

            // Buses and addresses first: a device without an id is keyed by its address in hints files, and a
            // device with an id keeps the address its record holds unless the config gives one.
            foreach (Device device in config.Devices)
            {
                if (device is PciDevice { Addr: null } pci && device.Id is not null && records.TryGetValue(device.Id, out HintsRecord? byId)
                    && byId.Driver == device.Info.Name && byId.TryGetValue("addr", out OptionValue recorded) && !recorded.IsAuto)
                {
                    pci.Addr = recorded.AsPciAddress();
                }
            }
            Dictionary<Device, (BusKind Bus, PciAddress Address)> placement = Place(config, machine, records, errors);
            if (errors.Count > 0) return ParseResult<ResolvedMachine>.Failure(errors);
            // A recorded device's defaults are evaluated where the record was written: at the producer version, for the
            // family of the file's machine type (family-less when this product does not know that machine).
            string? hintsFamily = hints is null ? null : machines.Find(hints.Machine)?.Family;
            var used = new HashSet<string>(StringComparer.Ordinal);
            var session = new RealizeSession(machines.RomImages);
            var resolved = ImmutableArray.CreateBuilder<ResolvedDevice>(config.Devices.Length);
            foreach (Device device in config.Devices)
            {
                (BusKind bus, PciAddress address) = placement[device];
                string key = KeyOf(device, address);
                HintsRecord? record = null;
                if (records.TryGetValue(key, out HintsRecord? candidate))
                {
                    if (candidate.Driver != device.Info.Name)
                    {
                        errors.Add(new ConfigError(ConfigErrorKind.InvalidReference,
                            "the hints record for '" + key + "' is for a " + candidate.Driver + ", not a " + device.Info.Name, new SourceLocation(hints!.Path, 0, 0),
                            device.Info.Name, device.Id));
                        continue;
                    }
                    record = candidate;
                    used.Add(key);
                }
                MachineVersion effective = record is not null ? hints!.ProducerVersion : machine.Version;
                string? family = record is not null ? hintsFamily : machine.Family;
                var context = new RealizeContext(machine, bus, smp, address, session);
                ApplyDefaultsAndHints(device, record, effective, family);
                resolved.Add(new ResolvedDevice(device, key, context, effective, record is not null));
            }
            if (errors.Count > 0) return ParseResult<ResolvedMachine>.Failure(errors);

            ImmutableArray<ResolvedDevice> devices = resolved.MoveToImmutable();
            // Auto values last, in config order, once every explicit and hinted value is known (so a default
            // MAC never repeats one a hints record or the config holds).
            foreach (ResolvedDevice device in devices)
            {
                for (int i = 0; i < device.Device.Info.Options.Length; i++)
                {
                    OptionValue value = device.Device.GetOption(i);
                    if (value.Kind == OptionKind.MacAddress && !value.IsNull && !value.IsAuto) session.ReserveMac(value.AsMac());
                }
            }
            foreach (ResolvedDevice device in devices) ApplyAuto(device.Device, device.Context);
            CheckUnique(config, devices, errors);
            CheckHintsLimits(devices, errors);
            if (errors.Count > 0) return ParseResult<ResolvedMachine>.Failure(errors);

            var ignored = ImmutableArray.CreateBuilder<IgnoredHint>();
            if (hints is not null)
            {
                foreach (HintsRecord record in hints.Records)
                {
                    if (!used.Contains(record.Key)) ignored.Add(new IgnoredHint(record.Key, record.Driver, "no device '" + record.Key + "' in the configuration"));
                }
            }
            return ParseResult<ResolvedMachine>.Success(new ResolvedMachine(machine, smp, devices, ignored.ToImmutable(), hints));
        }

        /// <summary>
        /// Refuses, naming the limit, a configuration whose hints file could not be written (a device built in code
        /// with an id or string past <see cref="ConfigLimits"/>, or records past the file size): whatever resolves dumps.
        /// </summary>
        private static void CheckHintsLimits(ImmutableArray<ResolvedDevice> devices, List<ConfigError> errors)
        {
            if (devices.Length > ConfigLimits.MaxDevices)
            {
                errors.Add(new ConfigError(ConfigErrorKind.LimitExceeded, devices.Length + " devices, more than the limit of " + ConfigLimits.MaxDevices
                    + " (ConfigLimits.MaxDevices: the most a machine can place)", default, Option: "devices"));
                return;
            }
            foreach (ResolvedDevice device in devices)
            {
                if (device.Device.Id is { Length: > ConfigLimits.MaxIdLength } id)
                {
                    errors.Add(new ConfigError(ConfigErrorKind.LimitExceeded, "id is " + id.Length + " characters, more than the limit of " + ConfigLimits.MaxIdLength
                        + " (ConfigLimits.MaxIdLength)", default, device.Device.Info.Name, id, "id", id));
                }
            }
            if (errors.Count > 0) return;
            var source = new ResolvedMachine.DeviceSource(devices);
            long size = HintsFileWriter.Measure(source, (record, problem, position) =>
            {
                Device device = devices[record].Device;
                string? option = position < 0 ? null : HintsShape.Full(device.Info).Names[position];
                errors.Add(new ConfigError(ConfigErrorKind.LimitExceeded, problem, default, device.Info.Name, device.Id, option,
                    option is null ? null : device.GetOption(device.Info.IndexOf(option)).Text));
            });
            if (errors.Count == 0 && size > ConfigLimits.MaxHintsFileBytes)
            {
                errors.Add(new ConfigError(ConfigErrorKind.LimitExceeded, "the hints file of this configuration would be " + size + " bytes, more than the limit of "
                    + ConfigLimits.MaxHintsFileBytes + " (ConfigLimits.MaxHintsFileBytes)", default, Option: "devices"));
            }
        }

        /// <summary>
        /// <see cref="UniqueInMachineAttribute"/>: in device order, a device whose values are already used in the scope by
        /// an earlier device is refused (QEMU realizes devices in order and refuses the second).
        /// </summary>
        private static void CheckUnique(MachineConfig config, ImmutableArray<ResolvedDevice> devices, List<ConfigError> errors)
        {
            Dictionary<string, int>? seen = null;
            for (int index = 0; index < devices.Length; index++)
            {
                Device device = devices[index].Device;
                foreach (DeviceRuleAttribute rule in device.Info.Rules)
                {
                    if (rule is not UniqueInMachineAttribute unique || !unique.AppliesTo(device)) continue;
                    string key = unique.KeyOf(device);
                    seen ??= new Dictionary<string, int>(StringComparer.Ordinal);
                    if (!seen.TryGetValue(key, out int first))
                    {
                        seen.Add(key, index);
                        continue;
                    }
                    Device other = devices[first].Device;
                    string otherName = other.Info.Name + (other.Id is null ? " (device #" + (first + 1) + ")" : " '" + other.Id + "'");
                    string values = unique.ValuesOf(device);
                    errors.Add(new ConfigError(ConfigErrorKind.InvalidValue,
                        unique.Message.Replace("{values}", values, StringComparison.Ordinal).Replace("{other}", otherName, StringComparison.Ordinal),
                        config.LocationOf(index), device.Info.Name, device.Id, unique.Options[0], values,
                        "values of " + string.Join(", ", unique.Options.ToArray()) + " that no other '" + unique.Scope + "' device uses"));
                }
            }
        }

        /// <summary>
        /// The hints key of a device: its id, else its address — <c>addr:SS.F</c> on the root bus, <c>addr:BUS/SS.F</c>
        /// behind the port or bridge whose id is <c>BUS</c> (slots repeat on every bus).
        /// </summary>
        public static string KeyOf(Device device, PciAddress address) => device.Id ?? AddressKey(device.Bus, address);

        private static string AddressKey(string? bus, PciAddress address) => bus is null ? "addr:" + address : "addr:" + bus + "/" + address;

        private static void ApplyDefaultsAndHints(Device device, HintsRecord? record, MachineVersion effective, string? family)
        {
            DeviceInfo info = device.Info;
            for (int i = 0; i < info.Options.Length; i++)
            {
                if (device.SourceOf(i) == OptionSource.Explicit) continue;
                OptionInfo option = info.Options[i];
                if (record is not null && record.TryGetValue(option, out OptionValue hinted))
                {
                    device.SetOption(i, hinted, OptionSource.Hints);
                    continue;
                }
                if (option.HostOnly) continue;
                int entry = option.HistoryIndexFor(effective, family);
                if (entry >= 0) device.SetOption(i, option.History[entry].Value, OptionSource.Machine);
                else device.SetOption(i, option.Default, OptionSource.Default);
            }
        }

        private static void ApplyAuto(Device device, RealizeContext context)
        {
            DeviceInfo info = device.Info;
            OptionValue[] before = System.Buffers.ArrayPool<OptionValue>.Shared.Rent(info.Options.Length);
            try
            {
                for (int i = 0; i < info.Options.Length; i++) before[i] = device.GetOption(i);
                if (device is PciDevice pci && pci.Addr is null) pci.Addr = context.Address;
                device.ResolveDeclaredRules(context);
                device.ResolveAuto(context);
                device.ApplyRealizeRules(context);
                // Auto values decided, and values a realize-time rule changed (QEMU's virtio-blk drops any_layout
                // without virtio 1.0), are reported as decided at realize.
                for (int i = 0; i < info.Options.Length; i++)
                {
                    OptionValue value = device.GetOption(i);
                    if (!value.IsAuto && (before[i].IsAuto || value != before[i])) device.SetOption(i, value, OptionSource.Auto);
                }
            }
            finally
            {
                System.Buffers.ArrayPool<OptionValue>.Shared.Return(before, clearArray: true);
            }
        }

        /// <summary>A function already on a bus: a device of the configuration, or one the machine itself has.</summary>
        private readonly record struct Occupant(string Type, string? Id, bool Multifunction);

        /// <summary>
        /// The functions a machine populates on its root bus before any <c>-device</c> (QEMU 7.2 with <c>-nodefaults</c>,
        /// recorded in tests/goldens/qemu-placement): i440FX host bridge and the PIIX3 functions (i440fx); MCH and the
        /// ICH9 functions at 1f (q35). Function 0 of slot 1 / 1f is multifunction, so 1.2 / 1f.1 stay free.
        /// </summary>
        private static Occupant?[] RootFunctions(MachineType machine)
        {
            var functions = new Occupant?[PciFunctions];
            if (machine.PciExpress)
            {
                functions[new PciAddress(0, 0).DevFn] = new Occupant("mch", null, false);
                functions[new PciAddress(0x1f, 0).DevFn] = new Occupant("ICH9-LPC", null, true);
                functions[new PciAddress(0x1f, 2).DevFn] = new Occupant("ich9-ahci", null, false);
                functions[new PciAddress(0x1f, 3).DevFn] = new Occupant("ICH9-SMB", null, false);
            }
            else
            {
                functions[new PciAddress(0, 0).DevFn] = new Occupant("i440FX", null, false);
                functions[new PciAddress(1, 0).DevFn] = new Occupant("PIIX3", null, true);
                functions[new PciAddress(1, 1).DevFn] = new Occupant("piix3-ide", null, false);
                functions[new PciAddress(1, 3).DevFn] = new Occupant("PIIX4_PM", null, false);
            }
            return functions;
        }

        private const int PciFunctions = 256;

        /// <summary>How many unknown bus names get a "did you mean": each costs a pass over the ports' ids, so a config of thousands of bad names stays linear.</summary>
        private const int MaxBusSuggestions = 16;

        /// <summary>
        /// Decides each device's bus (root, or behind the port named by <c>bus=</c>) and slot.function the way QEMU 7.2
        /// realizes <c>-device</c>s (hw/pci/pci.c <c>do_pci_register_device</c>, <c>pci_init_multifunction</c>): one
        /// device after the other in config order, so the outcome depends on the order exactly as QEMU's does. An
        /// explicit address must name a free function; an automatic one takes the first slot whose function 0 is free.
        /// Then function 0 without <c>multifunction=on</c> refuses other functions of its slot, whichever comes first.
        /// A refused device occupies nothing, and the next devices are placed as if it were absent.
        /// </summary>
        private static Dictionary<Device, (BusKind, PciAddress)> Place(MachineConfig config, MachineType machine, IReadOnlyDictionary<string, HintsRecord> records, List<ConfigError> errors)
        {
            ImmutableArray<Device> devices = config.Devices;
            var byId = new Dictionary<string, int>(StringComparer.Ordinal);
            var portIds = new List<string>();
            for (int index = 0; index < devices.Length; index++)
            {
                if (devices[index].Id is not { } id) continue;
                byId[id] = index;
                if (ProvidesBus(devices[index])) portIds.Add(id);
            }
            var suggestions = new Dictionary<string, string?>(StringComparer.Ordinal);
            var buses = new Dictionary<string, Occupant?[]>(StringComparer.Ordinal);
            var result = new Dictionary<Device, (BusKind, PciAddress)>();
            for (int index = 0; index < devices.Length; index++)
            {
                Device device = devices[index];
                SourceLocation at = config.LocationOf(index);
                BusKind kind = machine.PciExpress ? BusKind.ExpressRoot : BusKind.ConventionalRoot;
                if (device.Bus is not null)
                {
                    if (!byId.TryGetValue(device.Bus, out int portIndex))
                    {
                        // A bus must be a port, so only ports' ids are suggested, once per name and for the first few names.
                        if (!suggestions.TryGetValue(device.Bus, out string? suggestion))
                        {
                            suggestion = suggestions.Count < MaxBusSuggestions ? Spelling.Closest(device.Bus, portIds) : null;
                            suggestions[device.Bus] = suggestion;
                        }
                        errors.Add(new ConfigError(ConfigErrorKind.InvalidReference, "bus '" + device.Bus + "' names no device of the configuration", at,
                            device.Info.Name, device.Id, "bus", device.Bus, "the id of a pcie-root-port or pci-bridge", suggestion));
                        continue;
                    }
                    Device port = devices[portIndex];
                    if (portIndex > index)
                    {
                        // QEMU creates devices in order: a bus that comes later is not found ("Bus 'rp0' not found").
                        errors.Add(new ConfigError(ConfigErrorKind.InvalidReference, "bus '" + device.Bus + "' is a device that comes after this one: QEMU creates devices in order, so the port must come first", at,
                            device.Info.Name, device.Id, "bus", device.Bus, "the id of a pcie-root-port or pci-bridge given before this device"));
                        continue;
                    }
                    if (!ProvidesBus(port))
                    {
                        errors.Add(new ConfigError(ConfigErrorKind.InvalidReference, "bus '" + device.Bus + "' is a " + port.Info.Name + ", not a PCI Express port or PCI bridge", at,
                            device.Info.Name, device.Id, "bus", device.Bus, "the id of a pcie-root-port or pci-bridge"));
                        continue;
                    }
                    if (port is PciToPciBridge)
                    {
                        // A conventional bridge's secondary bus: 32 slots of 8 functions, conventional on every machine.
                        kind = BusKind.ConventionalBridge;
                    }
                    else if (!machine.PciExpress)
                    {
                        errors.Add(new ConfigError(ConfigErrorKind.Unsupported, "machine " + machine.Name + " has no PCI Express root complex for port '" + device.Bus + "'", at,
                            device.Info.Name, device.Id, "bus", device.Bus));
                        continue;
                    }
                    else
                    {
                        kind = BusKind.ExpressPort;
                    }
                }
                if (device is not PciDevice pci)
                {
                    result[device] = (kind, default);
                    continue;
                }
                string busKey = device.Bus ?? "";
                if (!buses.TryGetValue(busKey, out Occupant?[]? functions))
                {
                    functions = busKey.Length == 0 ? RootFunctions(machine) : new Occupant?[PciFunctions];
                    buses[busKey] = functions;
                }
                PciAddress address;
                if (pci.Addr is { } explicitAddress)
                {
                    // QEMU 7.2 takes any slot behind a root port too (the guest only finds slot 0 there).
                    address = explicitAddress;
                    if (functions[address.DevFn] is { } occupant)
                    {
                        errors.Add(new ConfigError(ConfigErrorKind.InvalidReference,
                            "PCI: slot " + address.Slot.ToString(CultureInfo.InvariantCulture) + " function " + address.Function.ToString(CultureInfo.InvariantCulture)
                            + " not available for " + device.Info.Name + ", in use by " + occupant.Type + ",id=" + (occupant.Id ?? "(null)"),
                            at, device.Info.Name, device.Id, "addr", address.ToString()));
                        continue;
                    }
                }
                else
                {
                    int slot = 0;
                    while (slot < 32 && functions[new PciAddress(slot, 0).DevFn] is not null) slot++;
                    if (slot == 32)
                    {
                        errors.Add(new ConfigError(ConfigErrorKind.Unsupported, "PCI: no slot/function available for " + device.Info.Name + ", all in use or reserved", at,
                            device.Info.Name, device.Id, "addr"));
                        continue;
                    }
                    address = new PciAddress(slot, 0);
                }
                string? refusal = MultifunctionRefusal(functions, address, IsMultifunction(pci, records));
                if (refusal is not null)
                {
                    errors.Add(new ConfigError(ConfigErrorKind.Unsupported, refusal, at, device.Info.Name, device.Id, pci.Addr is null ? "multifunction" : "addr", address.ToString()));
                    continue;
                }
                functions[address.DevFn] = new Occupant(device.Info.Name, device.Id, IsMultifunction(pci, records));
                result[device] = (kind, address);
            }
            return result;
        }

        /// <summary>Whether other devices can sit behind <paramref name="device"/> with <c>bus=</c>: a PCI Express port or a PCI-to-PCI bridge.</summary>
        private static bool ProvidesBus(Device device) => device is PciExpressPort or PciToPciBridge;

        /// <summary>QEMU's <c>pci_init_multifunction</c> for a function about to join <paramref name="functions"/>: its refusal, or null.</summary>
        private static string? MultifunctionRefusal(Occupant?[] functions, PciAddress address, bool multifunction)
        {
            string slot = address.Slot.ToString("x", CultureInfo.InvariantCulture);
            if (address.Function != 0)
            {
                // Function 0 decides: a function > 0 joins a slot whose function 0 is absent or multifunction.
                return functions[new PciAddress(address.Slot, 0).DevFn] is { Multifunction: false }
                    ? "PCI: single function device can't be populated in function " + slot + "." + address.Function.ToString("x", CultureInfo.InvariantCulture)
                    : null;
            }
            if (multifunction) return null;
            for (int function = 1; function < 8; function++)
            {
                if (functions[new PciAddress(address.Slot, function).DevFn] is not null)
                {
                    return "PCI: " + slot + ".0 indicates single function, but " + slot + "." + function.ToString("x", CultureInfo.InvariantCulture) + " is already populated.";
                }
            }
            return null;
        }

        /// <summary>
        /// Whether the device will be multifunction once resolved: explicit config, else its hints record (found by id, or
        /// by an explicit address for a device without id; an automatic address is not known yet), else its value.
        /// </summary>
        private static bool IsMultifunction(PciDevice device, IReadOnlyDictionary<string, HintsRecord> records)
        {
            int index = device.Info.IndexOf("multifunction");
            if (index < 0) return device.Multifunction;
            if (device.SourceOf(index) != OptionSource.Explicit)
            {
                string? key = device.Id ?? (device.Addr is { } addr ? AddressKey(device.Bus, addr) : null);
                if (key is not null && records.TryGetValue(key, out HintsRecord? record) && record.Driver == device.Info.Name
                    && record.TryGetValue("multifunction", out OptionValue recorded) && recorded.Kind == OptionKind.Bool)
                {
                    return recorded == OptionValue.FromBool(true);
                }
            }
            return device.Multifunction;
        }
    }
}
