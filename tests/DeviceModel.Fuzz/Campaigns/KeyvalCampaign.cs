using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using DeviceModel.Config;

namespace DeviceModel.Fuzz.Campaigns
{
    /// <summary>Mutated <c>-device</c> keyval strings: parse, then on a machine type resolve, dump and reload.</summary>
    public sealed class KeyvalCampaign : FuzzCampaign
    {
        private static readonly string[] Seeds =
        {
            "virtio-rng-pci,id=rng0,max-bytes=1024,period=0x10,romfile=a,,b,disable-legacy=auto",
            "virtio-net-pci,id=n0,mac=52:54:00:12:34:56,mq=on,rx_queue_size=512,bootindex=-1,addr=1f.7",
            "virtio-blk-pci,drive=d0,werror=stop,logical_block_size=4k,discard_granularity=1.5M,write-cache=auto,num-queues=auto",
            "virtio-blk-pci,id=b0,serial=disk,,1,vectors=0,multifunction=on,addr=3.0",
            "virtio-net-pci,netdev=n,vectors=2048,disable-modern=on,disable-legacy=off",
            "virtio-rng-pci",
        };

        private static readonly string[] Machines = { "pc", "q35", "pc-i440fx-2.6", "pc-q35-4.0.1", "pc-i440fx-5.2", "pc-q35-7.2" };

        private static readonly IReadOnlyList<string> Dictionary =
            ConfigPipeline.Catalog.Devices.Select(d => d.Name)
                .Concat(ConfigPipeline.Catalog.Devices.SelectMany(d => d.Options.Select(o => "," + o.Name + "=")))
                .Concat(new[] { ",", ",,", "=", "on", "off", "auto", "yes", "no", "true", "false", "id=", "addr=", "bus=", ".7", ":", "0x", "k", "M" })
                .Distinct(StringComparer.Ordinal).ToArray();

        private readonly bool _dumpAndReload;

        /// <summary>A campaign; <paramref name="dumpAndReload"/> also dumps and reloads the hints of every configuration that resolves.</summary>
        public KeyvalCampaign(bool dumpAndReload = true) => _dumpAndReload = dumpAndReload;

        /// <inheritdoc/>
        public override string Name => "keyval";

        /// <inheritdoc/>
        protected override FuzzOutcome RunOne(Random random, long index, out string input)
        {
            string text = Mutator.Mutate(random, Seeds[random.Next(Seeds.Length)], Dictionary, Seeds);
            string machine = Machines[random.Next(Machines.Length)];
            input = machine + " | " + text;
            ParseResult<Device> parsed = KeyvalParser.ParseDevice(text, ConfigPipeline.Catalog, "--device");
            ConfigPipeline.CheckShape(parsed);
            if (!parsed.Succeeded) return FuzzOutcome.Rejected;
            return ConfigPipeline.ResolveDumpReload(new MachineConfig(machine, null, null, ImmutableArray.Create(parsed.Value!)), null, _dumpAndReload);
        }
    }
}
