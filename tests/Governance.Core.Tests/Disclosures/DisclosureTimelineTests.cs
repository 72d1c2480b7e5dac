using Governance.Core.Disclosures;

namespace Governance.Core.Tests.Disclosures;

public sealed class DisclosureTimelineTests
{
    private const string Kind = DisclosureKinds.PlatformRules;
    private static readonly DateTimeOffset T = DisclosureSamples.Start;

    [Fact]
    public void The_current_version_is_the_highest_whose_time_has_come_and_the_next_is_the_earliest_scheduled()
    {
        var versions = new[]
        {
            DisclosureSamples.Version(Kind, 1, T.AddDays(-30)),
            DisclosureSamples.Version(Kind, 2, T.AddDays(-1)),
            DisclosureSamples.Version(Kind, 3, T.AddDays(10)),
            DisclosureSamples.Version(Kind, 4, T.AddDays(20)),
        };

        Assert.Equal(2, DisclosureTimeline.Current(versions, T)!.Version);
        Assert.Equal(3, DisclosureTimeline.Next(versions, T)!.Version);
        Assert.Equal(3, DisclosureTimeline.Current(versions, T.AddDays(10))!.Version);
        Assert.Equal(4, DisclosureTimeline.Current(versions, T.AddDays(25))!.Version);
        Assert.Null(DisclosureTimeline.Next(versions, T.AddDays(25)));
    }

    [Fact]
    public void Nothing_is_current_before_the_first_effective_date()
    {
        var versions = new[] { DisclosureSamples.Version(Kind, 1, T.AddDays(1)) };

        Assert.Null(DisclosureTimeline.Current(versions, T));
        Assert.Equal(1, DisclosureTimeline.Current(versions, T.AddDays(1))!.Version);
    }

    [Fact]
    public void A_later_version_taking_effect_first_supersedes_a_scheduled_one_for_good()
    {
        var versions = new[]
        {
            DisclosureSamples.Version(Kind, 1, T.AddDays(-30)),
            DisclosureSamples.Version(Kind, 2, T.AddDays(30)),
            DisclosureSamples.Version(Kind, 3, T.AddDays(8)),
        };

        Assert.True(DisclosureTimeline.IsSuperseded(versions[1], versions));
        Assert.Equal(3, DisclosureTimeline.Next(versions, T)!.Version);
        Assert.Equal(3, DisclosureTimeline.Current(versions, T.AddDays(40))!.Version);
        Assert.Equal(VersionStatuses.Superseded, DisclosureTimeline.StatusAt(versions[1], versions, T));
        Assert.Equal(VersionStatuses.Effective, DisclosureTimeline.StatusAt(versions[0], versions, T));
        Assert.Equal(VersionStatuses.Scheduled, DisclosureTimeline.StatusAt(versions[2], versions, T));
    }

    [Fact]
    public async Task The_reader_serves_a_scheduled_version_as_current_from_its_time_before_activation_records_it()
    {
        var h = new DisclosureReadHarness();
        await h.PublishAsync(Kind, T, "# One\n");
        var second = await h.PublishAsync(Kind, T.AddDays(8), "# Two\n");

        Assert.Equal(1, (await h.Reader.CurrentAsync(Kind)).Version);
        h.Clock.Advance(TimeSpan.FromDays(8));

        var current = await h.Reader.CurrentAsync(Kind);
        Assert.Equal((second.Version, "# Two\n", VersionStatuses.Effective), (current.Version, current.Content, current.Status));
        Assert.Equal(VersionStatuses.Scheduled, (await h.Records.GetVersionAsync(Kind, second.Version))!.Status);
    }
}
