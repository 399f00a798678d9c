using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using DeviceModel.Config;

namespace DeviceModel.Fuzz.Campaigns
{
    /// <summary>Mutated JSON machine configs (text edits, then sometimes byte edits that break UTF-8): read, then
    /// resolve, dump and reload.</summary>
    public sealed class JsonConfigCampaign : FuzzCampaign
    {
        private static readonly string[] Seeds =
        {
            "{\"machine\": \"pc-i440fx-7.2\", \"devices\": [\n { \"driver\": \"virtio-rng-pci\", \"id\": \"rng0\", \"max-bytes\": 1024, \"period\": 1000 },\n \"virtio-rng-pci,id=rng1,addr=05.0\"\n]}",
            "{\"machine\": \"pc-i440fx-5.2\", \"smp\": 2, \"devices\": [\n {\"driver\": \"virtio-net-pci\", \"id\": \"net0\", \"mac\": \"52:54:00:12:34:56\", \"netdev\": \"hostnet0\"},\n {\"driver\": \"virtio-blk-pci\", \"id\": \"disk0\", \"drive\": \"drive0\", \"serial\": \"root-disk\"},\n \"virtio-rng-pci,id=rng0,max-bytes=1024,period=1000\"\n]}",
            "{\"machine\": \"q35\", \"devices\": [{\"driver\": \"pcie-root-port\", \"id\": \"rp0\", \"chassis\": 1, \"addr\": \"04.0\"},\n {\"driver\": \"virtio-net-pci\", \"bus\": \"rp0\", \"vectors\": \"auto\", \"speed\": -1, \"duplex\": null, \"packed\": true}]}",
            "{\"devices\": []}",
        };

        private static readonly IReadOnlyList<string> Dictionary =
            ConfigPipeline.Catalog.Devices.Select(d => "\"" + d.Name + "\"")
                .Concat(ConfigPipeline.Catalog.Devices.SelectMany(d => d.Options.Select(o => "\"" + o.Name + "\": ")))
                .Concat(new[]
                {
                    "{", "}", "[", "]", "\"", ":", ",", "null", "true", "false", "\"auto\"", "\"smp\": ", "\"devices\": ", "\"machine\": ",
                    "\"driver\": ", "\"id\": ", "{}", "[]", "[1,2]", "{\"a\":1}", "\"\\u0000\"", "\"\\ud800\"", "\"\\u001b[1m\"", "//c\n", "/*", "\"a,,b\"",
                    new string('[', 70), new string('[', 1100), "1e309", "-0", "0.5",
                })
                .Distinct(StringComparer.Ordinal).ToArray();

        private readonly bool _dumpAndReload;

        /// <summary>A campaign; <paramref name="dumpAndReload"/> also dumps and reloads the hints of every configuration that resolves.</summary>
        public JsonConfigCampaign(bool dumpAndReload = true) => _dumpAndReload = dumpAndReload;

        /// <inheritdoc/>
        public override string Name => "json-config";

        /// <inheritdoc/>
        protected override FuzzOutcome RunOne(Random random, long index, out string input)
        {
            string text = Mutator.Mutate(random, Seeds[random.Next(Seeds.Length)], Dictionary, Seeds);
            byte[] utf8 = Encoding.UTF8.GetBytes(text);
            input = text;
            if (random.Next(4) == 0)
            {
                utf8 = Mutator.MutateBytes(random, utf8, 2);
                input = "bytes " + Hex(utf8, 600);
            }
            ParseResult<MachineConfig> parsed = JsonConfigReader.ReadMachineConfig(utf8, ConfigPipeline.Catalog, "fuzz.json");
            ConfigPipeline.CheckShape(parsed);
            if (!parsed.Succeeded) return FuzzOutcome.Rejected;
            // A hints path names a file: the campaign has none, so it is the file's absence that is tested, once.
            MachineConfig config = parsed.Value!;
            if (config.HintsPath is not null) config = config with { HintsPath = null };
            return ConfigPipeline.ResolveDumpReload(config, null, _dumpAndReload);
        }
    }
}
