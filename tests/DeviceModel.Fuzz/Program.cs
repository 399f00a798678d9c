using System;
using System.Globalization;
using System.Linq;
using DeviceModel.Fuzz.Campaigns;

namespace DeviceModel.Fuzz
{
    /// <summary>
    /// Runs the seeded campaigns: <c>--inputs N</c> (default 1,000,000) per campaign, <c>--seed S</c> (default 1),
    /// <c>--campaign NAME</c> (repeatable; default all), <c>--minutes M</c> (a time budget per campaign: the counts
    /// reached are printed), <c>--no-dump</c> (do not dump and reload the hints of configurations that resolve),
    /// <c>--first I</c> (start at input I: with <c>--inputs 1</c>, replays one failure).
    /// Exit 0 when no input gave an unexpected exception, 1 otherwise, 2 on bad arguments.
    /// </summary>
    internal static class Program
    {
        private static int Main(string[] args)
        {
            long inputs = 1_000_000, first = 0;
            int seed = 1;
            TimeSpan? budget = null;
            bool dumpAndReload = true;
            var names = new System.Collections.Generic.List<string>();
            for (int i = 0; i < args.Length; i++)
            {
                string? next = i + 1 < args.Length ? args[i + 1] : null;
                switch (args[i])
                {
                    case "--inputs" when long.TryParse(next, NumberStyles.None, CultureInfo.InvariantCulture, out inputs): i++; break;
                    case "--seed" when int.TryParse(next, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out seed): i++; break;
                    case "--first" when long.TryParse(next, NumberStyles.None, CultureInfo.InvariantCulture, out first): i++; break;
                    case "--minutes" when double.TryParse(next, NumberStyles.Float, CultureInfo.InvariantCulture, out double minutes): budget = TimeSpan.FromMinutes(minutes); i++; break;
                    case "--no-dump": dumpAndReload = false; break;
                    case "--campaign" when next is not null && FuzzCampaigns.Create().Any(c => c.Name == next): names.Add(next); i++; break;
                    default:
                        Console.Error.WriteLine("usage: DeviceModel.Fuzz [--inputs N] [--seed S] [--first I] [--minutes M] [--no-dump] [--campaign "
                            + string.Join("|", FuzzCampaigns.Create().Select(c => c.Name)) + "]...");
                        return 2;
                }
            }
            long unexpected = 0;
            foreach (FuzzCampaign campaign in FuzzCampaigns.Create(dumpAndReload).Where(c => names.Count == 0 || names.Contains(c.Name)))
            {
                FuzzResult result = campaign.Run(seed, inputs, budget, first);
                Console.WriteLine(result.Summary);
                foreach ((string kind, long count) in result.UnexpectedByKind) Console.WriteLine("  " + count + " × " + kind);
                foreach (FuzzFailure failure in result.Failures) Console.WriteLine("  " + failure);
                unexpected += result.UnexpectedCount;
            }
            return unexpected == 0 ? 0 : 1;
        }
    }
}
