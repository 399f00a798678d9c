using System;
using System.Collections.Immutable;
using System.Linq;
using DeviceModel.Compat;
using DeviceModel.Config;
using DeviceModel.Pci;

namespace DeviceModel.Fuzz.Campaigns
{
    /// <summary>
    /// Raw guest accesses to realized functions, as a VMM forwards them: configuration space through
    /// <see cref="ConfigSpace.GuestRead"/>/<see cref="ConfigSpace.GuestWrite"/>, the MSI-X BAR through
    /// <see cref="MsixTable.ReadRegion"/>/<see cref="MsixTable.WriteRegion"/>; any offset, any width. Nothing may
    /// throw, and no read-only configuration bit may change.
    /// </summary>
    public sealed class GuestAccessCampaign : FuzzCampaign
    {
        private static readonly (string Machine, string[] Devices)[] Functions =
        {
            ("pc-i440fx-7.2", new[] { "virtio-net-pci,id=n0,addr=03.0" }),
            ("pc-q35-7.2", new[] { "pcie-root-port,id=rp0,chassis=1,addr=04.0", "virtio-net-pci,id=n0,bus=rp0,addr=00.0,ats=on,aer=on" }),
            ("pc-q35-7.2", new[] { "pcie-root-port,id=rp0,chassis=1,addr=04.0" }),
            ("pc-q35-7.2", new[] { "pcie-root-port,id=rp0,chassis=1,addr=04.0", "virtio-blk-pci,drive=d0,bus=rp0,vectors=2048" }),
            ("pc-i440fx-2.6", new[] { "virtio-rng-pci,vectors=0" }),
        };

        /// <summary>Accesses per realized function before a fresh one (and a read-only check).</summary>
        private const int AccessesPerFunction = 64;

        /// <inheritdoc/>
        public override string Name => "guest-access";

        private static RealizedPciFunction Realize(string machine, string[] devices)
        {
            var config = new MachineConfig(machine, null, null, devices.Select(d => KeyvalParser.ParseDevice(d, ConfigPipeline.Catalog).Value!).ToImmutableArray());
            ResolvedMachine resolved = CompatResolver.Resolve(config, ConfigPipeline.Catalog).GetValueOrThrow();
            ResolvedDevice last = resolved.Devices[^1];
            return ((PciDevice)last.Device).Realize(last.Context);
        }

        /// <summary>One input: <see cref="AccessesPerFunction"/> accesses to a freshly realized function; accepted when
        /// all were served (guest accesses have no error outcome).</summary>
        protected override FuzzOutcome RunOne(Random random, long index, out string input)
        {
            int which = random.Next(Functions.Length);
            (string machine, string[] devices) = Functions[which];
            RealizedPciFunction function = Realize(machine, devices);
            ConfigSpace space = function.Config;
            byte[] before = space.ToArray();
            byte[] writable = new byte[space.Size];
            for (int at = 0; at < space.Size; at++) writable[at] = (byte)(space.WriteMask.Get8(at) | space.WriteOneToClearMask.Get8(at));
            var log = new System.Text.StringBuilder(machine + " " + string.Join(" ", devices) + ":");
            input = log.ToString();
            for (int n = 0; n < AccessesPerFunction; n++)
            {
                int width = random.Next(10) - 1;
                uint value = random.Next(4) switch { 0 => 0, 1 => uint.MaxValue, _ => (uint)random.NextInt64(1L << 32) };
                bool write = random.Next(2) == 0;
                if (function.Msix is MsixTable msix && random.Next(4) == 0)
                {
                    ulong offset = random.Next(8) == 0 ? (ulong)random.NextInt64() * 2 : (ulong)random.NextInt64((long)msix.RegionSize + 16);
                    log.Append(write ? " msix-w " : " msix-r ").Append(offset.ToString("x")).Append('/').Append(width);
                    input = log.ToString();
                    if (write) msix.WriteRegion(offset, width, ((ulong)value << 32) | value);
                    else _ = msix.ReadRegion(offset, width);
                }
                else
                {
                    int offset = random.Next(8) switch
                    {
                        0 => random.Next(),
                        1 => -random.Next(16),
                        2 => space.Size - 8 + random.Next(16),
                        3 => 0xfc + random.Next(8),
                        _ => random.Next(space.Size + 16),
                    };
                    log.Append(write ? " cfg-w " : " cfg-r ").Append(offset.ToString("x")).Append('/').Append(width);
                    input = log.ToString();
                    if (write) space.GuestWrite(offset, width, value);
                    else
                    {
                        uint read = space.GuestRead(offset, width);
                        if (width is 1 or 2 && read >> (8 * width) != 0) throw new FuzzInvariantException("a " + width + "-byte read returned 0x" + read.ToString("x"));
                    }
                }
            }
            byte[] after = space.ToArray();
            for (int at = 0; at < after.Length; at++)
            {
                if (writable[at] == 0 && before[at] != after[at])
                    throw new FuzzInvariantException("read-only configuration byte 0x" + at.ToString("x") + " changed from 0x" + before[at].ToString("x2") + " to 0x" + after[at].ToString("x2"));
            }
            return FuzzOutcome.Accepted;
        }
    }
}
