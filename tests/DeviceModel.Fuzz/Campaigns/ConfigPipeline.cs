using System;
using DeviceModel.Catalog;
using DeviceModel.Compat;
using DeviceModel.Config;
using DeviceModel.Hints;
using DeviceModel.Samples.Qemu;

namespace DeviceModel.Fuzz.Campaigns
{
    /// <summary>
    /// What a VM manager does with a config that parsed: resolve it, dump its hints file and load that back. Each
    /// step either succeeds or returns its documented error; and whatever resolves must dump and reload (issue 11).
    /// </summary>
    public static class ConfigPipeline
    {
        /// <summary>The QEMU 7.2 product's catalog.</summary>
        public static DeviceCatalog Catalog => QemuCatalog.Catalog;

        /// <summary>Resolves <paramref name="config"/>; when it resolves and <paramref name="dumpAndReload"/>, dumps and reloads its hints.</summary>
        public static FuzzOutcome ResolveDumpReload(MachineConfig config, HintsFile? hints, bool dumpAndReload)
        {
            ParseResult<ResolvedMachine> resolved = hints is null ? CompatResolver.Resolve(config, Catalog) : CompatResolver.Resolve(config, Catalog, hints);
            CheckShape(resolved);
            if (!resolved.Succeeded) return FuzzOutcome.Rejected;
            if (!dumpAndReload) return FuzzOutcome.Accepted;
            byte[] file = HintsFileWriter.Serialize(resolved.Value!.ToHintsFile(Catalog.RequireMachines()));
            ParseResult<HintsFile> reloaded = HintsFileReader.Read(file, Catalog, "dumped.dmh");
            if (!reloaded.Succeeded)
                throw new FuzzInvariantException("a configuration that resolved dumped a hints file that does not reload: " + FuzzCampaign.Shorten(reloaded.Errors[0].ToString(), 300));
            return FuzzOutcome.Accepted;
        }

        /// <summary>A result is a value or errors, never both or neither; every error renders.</summary>
        public static void CheckShape<T>(ParseResult<T> result) where T : class
        {
            if (result.Succeeded == !result.Errors.IsEmpty) throw new FuzzInvariantException("a result with both a value and errors, or neither");
            foreach (ConfigError error in result.Errors)
            {
                if (string.IsNullOrWhiteSpace(error.Message)) throw new FuzzInvariantException("an error without a message");
                _ = error.ToString();
            }
        }
    }
}
