using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Runtime.CompilerServices;
using DeviceModel.Pci;
using DeviceModel.Virtio;

namespace DeviceModel
{
    /// <summary>
    /// Computes a device's <see cref="VirtioDeviceAbi"/> from its type's virtio declarations (gathered once per type into a
    /// <see cref="Plan"/>, whose names are checked there) and its resolved options.
    /// </summary>
    internal static class VirtioAbiBuilder
    {
        private static readonly ConditionalWeakTable<DeviceInfo, Plan> Plans = new();

        /// <summary>The declarations of a type, its names checked against its options and backend inputs.</summary>
        internal sealed class Plan
        {
            public readonly List<(int Option, VirtioFeatureAttribute Rule)> OptionFeatures = [];
            public readonly List<VirtioDeviceFeatureAttribute> DeviceFeatures = [];
            public readonly Dictionary<string, VirtioBackendInputAttribute> Inputs = new(StringComparer.Ordinal);
            public readonly List<VirtioQueueAttribute> Queues = [];
            public readonly List<DeviceConfigFieldAttribute> Fields = [];
            public readonly List<VirtioCheckAttribute> Checks = [];
            public readonly List<VirtioFallbackFeatureAttribute> FallbackFeatures = [];
            public readonly Dictionary<DeviceConfigFieldAttribute, Dictionary<string, long>> Maps = new(ReferenceEqualityComparer.Instance);

            public Plan(DeviceInfo info)
            {
                foreach (DeviceRuleAttribute rule in info.Rules)
                {
                    switch (rule)
                    {
                        case VirtioDeviceFeatureAttribute feature: DeviceFeatures.Add(feature); break;
                        case VirtioBackendInputAttribute input:
                            if (!Inputs.TryAdd(input.Name, input)) throw new ArgumentException(info.Name + " declares backend input '" + input.Name + "' twice");
                            if (info.IndexOf(input.Name) >= 0) throw new ArgumentException(info.Name + ": backend input '" + input.Name + "' has the name of an option");
                            break;
                        case VirtioQueueAttribute queue: Queues.Add(queue); break;
                        case DeviceConfigFieldAttribute field: Fields.Add(field); break;
                        case VirtioCheckAttribute check: Checks.Add(check); break;
                        case VirtioFallbackFeatureAttribute fallback: FallbackFeatures.Add(fallback); break;
                    }
                }
                foreach (OptionInfo option in info.Options)
                {
                    foreach (OptionRuleAttribute rule in option.Rules)
                    {
                        if (rule is VirtioFeatureAttribute feature) OptionFeatures.Add((option.Index, feature));
                    }
                }
                foreach ((_, VirtioFeatureAttribute rule) in OptionFeatures) CheckFeature(info, rule.Bit, rule.RequiresExpression);
                foreach (VirtioDeviceFeatureAttribute rule in DeviceFeatures) CheckFeature(info, rule.Bit, rule.RequiresExpression);
                foreach (VirtioFallbackFeatureAttribute rule in FallbackFeatures) CheckFeature(info, rule.Bit, null);
                foreach (VirtioQueueAttribute queue in Queues)
                {
                    CheckNames(info, queue.SizeExpression, "virtqueue " + queue.Name);
                    if (queue.CountExpression is VirtioExpression count) CheckNames(info, count, "virtqueue " + queue.Name);
                }
                foreach (VirtioCheckAttribute check in Checks) CheckNames(info, check.ConditionExpression, "backend check");
                foreach (DeviceConfigFieldAttribute field in Fields)
                {
                    if (field.ValueExpression is VirtioExpression value) CheckNames(info, value, "device config field " + field.Name);
                    if (field.LengthExpression is VirtioExpression length) CheckNames(info, length, "device config field " + field.Name);
                    if (field.Map is not null) Maps[field] = ParseMap(info, field);
                }
            }

            private void CheckFeature(DeviceInfo info, int bit, VirtioExpression? backend)
            {
                if (bit is < 0 or > 63) throw new ArgumentException(info.Name + ": virtio feature bit " + bit.ToString(CultureInfo.InvariantCulture) + " is not between 0 and 63");
                if (backend is not null) CheckNames(info, backend, "virtio feature bit " + bit.ToString(CultureInfo.InvariantCulture));
            }

            private void CheckNames(DeviceInfo info, VirtioExpression expression, string where)
            {
                foreach (string name in expression.Names)
                {
                    if (info.IndexOf(name) >= 0 || Inputs.ContainsKey(name)) continue;
                    if (LengthOperandOption(info, name) is int text and >= 0)
                    {
                        if (info.Options[text].Kind == OptionKind.String) continue;
                        throw new ArgumentException(info.Name + ": " + where + " reads '" + name + "', but only a string option has a length");
                    }
                    throw new ArgumentException(info.Name + ": " + where + " reads '" + name + "', which is neither an option nor a backend input of the type");
                }
            }
        }

        /// <summary>The plan of <paramref name="info"/>'s type (built and checked on first use).</summary>
        /// <exception cref="ArgumentException">A declaration names an unknown option or input, or does not parse.</exception>
        internal static Plan PlanOf(DeviceInfo info) => Plans.GetValue(info, static i => new Plan(i));

        private static Dictionary<string, long> ParseMap(DeviceInfo info, DeviceConfigFieldAttribute field)
        {
            var map = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (string pair in field.Map!.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                int colon = pair.LastIndexOf(':');
                string number = colon < 0 ? "" : pair[(colon + 1)..];
                bool hex = number.StartsWith("0x", StringComparison.OrdinalIgnoreCase);
                if (colon < 0 || !long.TryParse(hex ? number[2..] : number, hex ? NumberStyles.AllowHexSpecifier : NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value))
                    throw new ArgumentException(info.Name + ": device config field " + field.Name + ": map entry '" + pair + "' is not text:number");
                map[pair[..colon]] = value;
            }
            return map;
        }

        /// <summary>
        /// Refuses what the type's <see cref="VirtioCheckAttribute"/>s refuse for <paramref name="backend"/>, and a backend
        /// input the type does not declare (realize runs it with the reference setup's backend).
        /// </summary>
        /// <exception cref="PciConfigurationException">A check holds, or the backend gives an input the type does not declare.</exception>
        public static void Check(Device device, VirtioBackend backend)
        {
            DeviceInfo info = device.Info;
            Plan plan = PlanOf(info);
            foreach (string name in backend.Values.Keys)
            {
                if (!plan.Inputs.ContainsKey(name))
                    throw new PciConfigurationException(info.Name + " has no backend input '" + name + "' (" + (plan.Inputs.Count == 0 ? "it has none" : "it has " + string.Join(", ", plan.Inputs.Keys)) + ")");
            }
            foreach (VirtioCheckAttribute check in plan.Checks)
            {
                if (check.AppliesTo(device) && check.ConditionExpression.Evaluate(name => Operand(device, plan, name, backend)) != 0) throw new PciConfigurationException(check.Message);
            }
        }

        /// <summary>The ABI of a device whose options are resolved and realize-validated (with <see cref="Check"/> for <paramref name="backend"/>).</summary>
        public static VirtioDeviceAbi Build(VirtioPciDevice device, ushort deviceType, bool modern, bool legacy, VirtioBackend backend)
        {
            Plan plan = PlanOf(device.Info);
            long Resolve(string name) => Operand(device, plan, name, backend);

            ulong features = 0, legacyOnly = 0;
            foreach ((int option, VirtioFeatureAttribute rule) in plan.OptionFeatures)
            {
                if (rule.LegacyOnly) legacyOnly |= 1UL << rule.Bit;
                if (RuleValues.IsSet(device, option) && rule.AppliesTo(device) && (rule.RequiresExpression is not VirtioExpression b || b.Evaluate(Resolve) != 0)) features |= 1UL << rule.Bit;
            }
            foreach (VirtioDeviceFeatureAttribute rule in plan.DeviceFeatures)
            {
                if (rule.LegacyOnly) legacyOnly |= 1UL << rule.Bit;
                if (rule.AppliesTo(device) && (rule.RequiresExpression is not VirtioExpression b || b.Evaluate(Resolve) != 0)) features |= 1UL << rule.Bit;
            }

            ulong fallback = 0;
            foreach (VirtioFallbackFeatureAttribute rule in plan.FallbackFeatures)
            {
                if (rule.AppliesTo(device)) fallback |= 1UL << rule.Bit;
            }

            return new VirtioDeviceAbi(deviceType, modern, legacy, features, legacyOnly, fallback, Queues(device, plan, Resolve), Config(device, plan, backend, Resolve));
        }

        /// <summary>An option's value as an expression operand (see <see cref="VirtioExpression"/>).</summary>
        private static long OperandOf(in OptionValue value)
        {
            if (value.Kind == OptionKind.OnOffAuto && value.IsAuto) return -1;
            if (value.IsNull || value.IsAuto) return 0;
            return value.Kind switch
            {
                OptionKind.String or OptionKind.Enum when value.Text is not null => value.Kind == OptionKind.Enum ? (long)value.Bits : value.Text.Length > 0 ? 1 : 0,
                OptionKind.OnOffAuto => value.Bits == (ulong)OnOffAuto.On ? 1 : 0,
                _ => value.Int64,
            };
        }

        private static ImmutableArray<ushort> Queues(Device device, Plan plan, Func<string, long> resolve)
        {
            var sizes = ImmutableArray.CreateBuilder<ushort>();
            for (int i = 0; i < plan.Queues.Count;)
            {
                VirtioQueueAttribute first = plan.Queues[i];
                int end = i + 1;
                while (first.Group is not null && end < plan.Queues.Count && plan.Queues[end].Group == first.Group) end++;
                if (first.AppliesTo(device))
                {
                    long count = first.CountExpression?.Evaluate(resolve) ?? 1;
                    if (count is < 0 or > VirtioPciLayout.QueueMax)
                        throw new PciConfigurationException(device.Info.Name + ": virtqueue " + first.Name + " count " + count.ToString(CultureInfo.InvariantCulture) + " is not between 0 and " + VirtioPciLayout.QueueMax.ToString(CultureInfo.InvariantCulture));
                    for (long n = 0; n < count; n++)
                    {
                        for (int q = i; q < end; q++)
                        {
                            if (q > i && !plan.Queues[q].AppliesTo(device)) continue;
                            long size = plan.Queues[q].SizeExpression.Evaluate(resolve);
                            if (size is < 0 or > ushort.MaxValue)
                                throw new PciConfigurationException(device.Info.Name + ": virtqueue " + plan.Queues[q].Name + " size " + size.ToString(CultureInfo.InvariantCulture) + " is out of range");
                            sizes.Add((ushort)size);
                        }
                    }
                    if (sizes.Count > VirtioPciLayout.QueueMax)
                        throw new PciConfigurationException(device.Info.Name + ": more than " + VirtioPciLayout.QueueMax.ToString(CultureInfo.InvariantCulture) + " virtqueues");
                }
                i = end;
            }
            return sizes.ToImmutable();
        }

        /// <summary>
        /// A name of an expression: an option's operand, <c>OPTION.length</c> (a string option's UTF-8 length), or a backend
        /// input (the backend's value, else its declared default).
        /// </summary>
        private static long Operand(Device device, Plan plan, string name, VirtioBackend? backend)
        {
            int index = device.Info.IndexOf(name);
            if (index >= 0) return OperandOf(device.GetOption(index));
            if (LengthOperandOption(device.Info, name) is int text and >= 0)
                return device.GetOption(text).Text is string s ? System.Text.Encoding.UTF8.GetByteCount(s) : 0;
            return backend is not null && backend.TryGet(name, out long value) ? value : plan.Inputs[name].Default;
        }

        /// <summary>The index of option <c>X</c> when <paramref name="name"/> is <c>X.length</c>; -1 otherwise.</summary>
        private static int LengthOperandOption(DeviceInfo info, string name) =>
            name.EndsWith(".length", StringComparison.Ordinal) ? info.IndexOf(name.AsSpan(0, name.Length - ".length".Length)) : -1;

        /// <summary>The device config's length: the end of the last present field (<see cref="DeviceConfigFieldAttribute.Length"/> where given).</summary>
        internal static int ConfigLength(Device device, VirtioBackend? backend)
        {
            Plan plan = PlanOf(device.Info);
            int length = 0;
            foreach (DeviceConfigFieldAttribute field in plan.Fields)
            {
                if (!field.AppliesTo(device)) continue;
                long size = field.LengthExpression is VirtioExpression e ? Math.Clamp(e.Evaluate(name => Operand(device, plan, name, backend)), 0, field.Size) : field.Size;
                if (field.Offset + size > length) length = field.Offset + (int)size;
            }
            return length;
        }

        private static ImmutableArray<byte> Config(Device device, Plan plan, VirtioBackend backend, Func<string, long> resolve)
        {
            int length = ConfigLength(device, backend);
            var bytes = new byte[length];
            Span<byte> scratch = stackalloc byte[8];
            foreach (DeviceConfigFieldAttribute field in plan.Fields)
            {
                // Every field below the length is written, present or not: QEMU's get_config fills the whole structure.
                if (field.Offset + field.Size > length || field.ValueExpression is not VirtioExpression value) continue; // a Length field holds no value
                Span<byte> target = bytes.AsSpan(field.Offset, field.Size);
                string[] names = value.Names;
                int single = names.Length == 1 && value.Text.Trim() == names[0] ? device.Info.IndexOf(names[0]) : -1;
                if (single >= 0 && device.GetOption(single) is { Kind: OptionKind.MacAddress } mac)
                {
                    BinaryPrimitives.WriteUInt64BigEndian(scratch, mac.IsNull || mac.IsAuto ? 0 : mac.Bits);
                    scratch[2..(2 + Math.Min(6, field.Size))].CopyTo(target);
                    continue;
                }
                long number;
                if (single >= 0 && field.Map is not null)
                {
                    OptionValue text = device.GetOption(single);
                    Dictionary<string, long> map = plan.Maps[field];
                    string key = text.IsNull || text.IsAuto ? "" : text.Text ?? text.ToString();
                    number = map.TryGetValue(key, out long mapped) ? mapped : 0;
                }
                else
                {
                    number = value.Evaluate(resolve);
                }
                BinaryPrimitives.WriteInt64LittleEndian(scratch, number);
                scratch[..Math.Min(8, field.Size)].CopyTo(target);
            }
            return ImmutableArray.Create(bytes);
        }
    }
}
