using System.Linq;
using DeviceModel.Fuzz.Campaigns;
using Xunit.Abstractions;

namespace DeviceModel.Tests.Reliability;

/// <summary>
/// The short, seeded run of each fuzz campaign (tests/DeviceModel.Fuzz runs the long one, docs/reliability.md): every
/// input gives a clean result or the entry point's documented error, never another exception.
/// </summary>
public sealed class FuzzCampaignTests(ITestOutputHelper output)
{
    private const int Seed = 20261204;

    // Every configuration that resolves is also dumped to a hints file and read back (limits agree end to end).
    [Fact]
    public void Mutated_device_strings_parse_or_give_config_errors() => Check(new KeyvalCampaign(), 2000);

    [Fact]
    public void Mutated_machine_configs_read_or_give_config_errors() => Check(new JsonConfigCampaign(), 3000);

    [Fact]
    public void Flipped_truncated_and_tampered_hints_files_load_or_give_hints_errors() => Check(new HintsFileCampaign(), 4000);

    [Fact]
    public void The_hints_campaign_damages_files_of_every_format_version() =>
        Assert.Equal(Enumerable.Range(1, DeviceModel.Hints.HintsFile.CurrentFormatVersion).ToArray(), HintsFileCampaign.FormatVersions);

    [Fact]
    public void Random_guest_accesses_never_throw_nor_change_read_only_bits() => Check(new GuestAccessCampaign(), 1000);

    private void Check(FuzzCampaign campaign, long inputs)
    {
        FuzzResult result = campaign.Run(Seed, inputs);
        output.WriteLine(result.Summary);
        Assert.Equal(inputs, result.Inputs);
        Assert.True(result.UnexpectedCount == 0, string.Join("\n", result.Failures.Select(f => f.ToString())));
    }
}
