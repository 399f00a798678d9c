using System;
using System.Buffers.Binary;
using System.Collections.Immutable;
using System.Linq;
using DeviceModel.Config;
using DeviceModel.Hints;

namespace DeviceModel.Fuzz.Campaigns
{
    /// <summary>
    /// Hints files of every format version — version 2 dumped from resolved machines, version 1 from the checked-in
    /// samples (tests/goldens/hints-v1, embedded) — then damaged: bit flips and truncations (the CRC must catch them),
    /// and tampering behind a recomputed CRC-32C (with the payload length and record count sometimes made to agree),
    /// which reaches the decoder. A file that loads is applied to its configuration, which must resolve, dump and
    /// reload or refuse cleanly.
    /// </summary>
    public sealed class HintsFileCampaign : FuzzCampaign
    {
        private static readonly (string Machine, string[] Devices)[] Machines =
        {
            ("pc-i440fx-2.6", new[] { "virtio-net-pci,id=n0,mac=52:54:00:aa:bb:cc", "virtio-blk-pci,id=b0,serial=disk,,1", "virtio-rng-pci" }),
            ("pc-q35-7.2", new[] { "pcie-root-port,id=rp0,chassis=1,addr=04.0", "virtio-net-pci,id=n0,bus=rp0,addr=00.0,ats=on,aer=on", "virtio-blk-pci,drive=d0,werror=stop" }),
            ("pc-i440fx-5.2", new[] { "virtio-rng-pci,id=r0,max-bytes=1024", "virtio-net-pci,vectors=0,addr=6.0" }),
        };

        private sealed record Sample(string Name, Func<MachineConfig> Config, byte[] File);

        private static readonly string[] Version1Samples = { "i440fx-2.6-mixed", "i440fx-5.2-vm", "q35-4.0.1-ports" };

        private static readonly Sample[] Samples = Machines
            .Select(m => new Sample(m.Machine + " (format 2)", () => Config(m.Machine, m.Devices), Dump(m.Machine, m.Devices)))
            .Concat(Version1Samples.Select(name => new Sample(name + " (format 1)", () => JsonConfig(name), Resource("hints-v1/" + name + ".dmh"))))
            .ToArray();

        /// <summary>The format versions the campaign's undamaged inputs are in.</summary>
        public static int[] FormatVersions => Samples.Select(s => (int)BinaryPrimitives.ReadUInt16LittleEndian(s.File.AsSpan(HintsFileFormat.FormatVersionOffset))).Distinct().Order().ToArray();

        private static byte[] Resource(string name)
        {
            using System.IO.Stream stream = typeof(HintsFileCampaign).Assembly.GetManifestResourceStream(name) ?? throw new InvalidOperationException("missing embedded resource " + name);
            using var copy = new System.IO.MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        }

        private static MachineConfig JsonConfig(string name) =>
            JsonConfigReader.ReadMachineConfig(Resource("hints-v1/" + name + ".config.json"), ConfigPipeline.Catalog, name + ".config.json").GetValueOrThrow();

        private readonly bool _dumpAndReload;

        /// <summary>A campaign; <paramref name="dumpAndReload"/> also dumps and reloads the hints of every configuration that resolves.</summary>
        public HintsFileCampaign(bool dumpAndReload = true) => _dumpAndReload = dumpAndReload;

        /// <inheritdoc/>
        public override string Name => "hints-file";

        private static MachineConfig Config(string machine, string[] devices) =>
            new(machine, null, null, devices.Select(d => KeyvalParser.ParseDevice(d, ConfigPipeline.Catalog).Value!).ToImmutableArray());

        private static byte[] Dump(string machine, string[] devices) =>
            HintsFileWriter.Serialize(Compat.CompatResolver.Resolve(Config(machine, devices), ConfigPipeline.Catalog).GetValueOrThrow().ToHintsFile(ConfigPipeline.Catalog.RequireMachines()));

        /// <inheritdoc/>
        protected override FuzzOutcome RunOne(Random random, long index, out string input)
        {
            Sample sample = Samples[random.Next(Samples.Length)];
            byte[] file = sample.File;
            string how;
            switch (random.Next(8))
            {
                case 0:
                    {
                        file = (byte[])file.Clone();
                        int bit = random.Next(file.Length * 8);
                        file[bit / 8] ^= (byte)(1 << (bit % 8));
                        how = "bit " + bit + " flipped";
                        break;
                    }
                case 1:
                    {
                        int length = random.Next(file.Length);
                        file = file[..length];
                        how = "truncated to " + length;
                        break;
                    }
                default:
                    {
                        file = Mutator.MutateBytes(random, file, 3);
                        how = "tampered";
                        if (file.Length >= HintsFileFormat.HeaderSize && random.Next(4) != 0)
                        {
                            BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(HintsFileFormat.PayloadLengthOffset), (uint)(file.Length - HintsFileFormat.HeaderSize));
                            how += ", payload length fixed";
                        }
                        if (file.Length >= HintsFileFormat.ChecksumOffset + 4)
                        {
                            BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(HintsFileFormat.ChecksumOffset), HintsFileFormat.Checksum(file));
                            how += ", CRC-32C recomputed";
                        }
                        break;
                    }
            }
            input = sample.Name + " file, " + how + ": " + Hex(file, 300);
            ParseResult<HintsHeader> header = HintsFileReader.ReadHeader(file, "fuzz.dmh");
            ConfigPipeline.CheckShape(header);
            ParseResult<HintsFile> read = HintsFileReader.Read(file, ConfigPipeline.Catalog, "fuzz.dmh");
            ConfigPipeline.CheckShape(read);
            if (!read.Succeeded) return FuzzOutcome.Rejected;
            if (how.StartsWith("bit", StringComparison.Ordinal) || how.StartsWith("trunc", StringComparison.Ordinal))
                throw new FuzzInvariantException("a damaged file (" + how + ") was accepted: the CRC did not catch it");
            return ConfigPipeline.ResolveDumpReload(sample.Config(), read.Value!, _dumpAndReload);
        }
    }
}
