using System.Collections.Generic;

namespace DeviceModel.Fuzz.Campaigns
{
    /// <summary>Every campaign, in report order.</summary>
    public static class FuzzCampaigns
    {
        /// <summary>The campaigns: keyval, json-config, hints-file, guest-access. <paramref name="dumpAndReload"/>: every
        /// configuration that resolves must also dump its hints file and load it back (issue 11 item 1).</summary>
        public static IReadOnlyList<FuzzCampaign> Create(bool dumpAndReload = true) =>
            new FuzzCampaign[] { new KeyvalCampaign(dumpAndReload), new JsonConfigCampaign(dumpAndReload), new HintsFileCampaign(dumpAndReload), new GuestAccessCampaign() };
    }
}
