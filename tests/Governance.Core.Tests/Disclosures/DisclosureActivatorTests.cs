using Governance.Core.Disclosures;

namespace Governance.Core.Tests.Disclosures;

public sealed class DisclosureActivatorTests
{
    private const string Kind = DisclosureKinds.PrivacyPolicy;

    [Fact]
    public async Task A_scheduled_version_is_marked_effective_once_when_its_time_comes()
    {
        var h = new DisclosureServiceHarness();
        var published = await h.PublishAsync(Kind, h.Clock.GetUtcNow().AddDays(8));

        Assert.Equal(0, (await h.Activator.RunAsync()).Activated);
        h.Clock.Advance(TimeSpan.FromDays(8));
        var first = await h.Activator.RunAsync();
        var second = await h.Activator.RunAsync();

        Assert.Equal((1, 0), (first.Activated, second.Activated));
        var version = (await h.Store.GetVersionAsync(Kind, published.Version))!;
        Assert.Equal(VersionStatuses.Effective, version.Status);
        Assert.Equal(h.Clock.GetUtcNow(), version.ActivatedAt);
        Assert.False(version.ActivationAuditPending);
        Assert.Single(h.Audit.Records, r => r.Action == "disclosure.effective" && r.Resource == $"disclosures/{Kind}/versions/{published.Version}");
    }

    [Fact]
    public async Task The_current_version_is_right_before_the_timer_runs()
    {
        var h = new DisclosureServiceHarness();
        await h.PublishAsync(Kind, h.Clock.GetUtcNow(), "# One\n");
        var second = await h.PublishAsync(Kind, h.Clock.GetUtcNow().AddDays(8), "# Two\n");

        Assert.Equal(1, (await h.Reader.CurrentAsync(Kind)).Version);
        h.Clock.Advance(TimeSpan.FromDays(8));

        var current = await h.Reader.CurrentAsync(Kind);
        Assert.Equal((second.Version, "# Two\n", VersionStatuses.Effective), (current.Version, current.Content, current.Status));
        Assert.Equal(VersionStatuses.Scheduled, (await h.Store.GetVersionAsync(Kind, second.Version))!.Status);
    }

    [Fact]
    public async Task A_version_overtaken_by_a_later_one_is_recorded_as_superseded()
    {
        var h = new DisclosureServiceHarness();
        await h.PublishAsync(Kind, h.Clock.GetUtcNow(), "# One\n");
        await h.PublishAsync(Kind, h.Clock.GetUtcNow().AddDays(30), "# Two\n");
        await h.PublishAsync(Kind, h.Clock.GetUtcNow().AddDays(8), "# Three\n");

        h.Clock.Advance(TimeSpan.FromDays(31));
        await h.Activator.RunAsync();

        Assert.Equal(VersionStatuses.Superseded, (await h.Store.GetVersionAsync(Kind, 2))!.Status);
        Assert.Equal(VersionStatuses.Effective, (await h.Store.GetVersionAsync(Kind, 3))!.Status);
        Assert.Equal(3, (await h.Reader.CurrentAsync(Kind)).Version);
    }

    [Fact]
    public async Task A_publish_audit_lost_in_a_crash_is_appended_by_the_timer_after_the_repair_delay()
    {
        var h = new DisclosureServiceHarness();
        var crashed = DisclosureSamples.Version(Kind, 1, h.Clock.GetUtcNow().AddDays(1), publishedAt: h.Clock.GetUtcNow()) with { PublishAuditPending = true };
        h.Store.Seed(crashed);

        await h.Activator.RunAsync();
        Assert.DoesNotContain(h.Audit.Records, r => r.Action == DisclosureAuditor.PublishedAction);

        h.Clock.Advance(DisclosureActivator.AuditRepairDelay);
        var report = await h.Activator.RunAsync();
        await h.Activator.RunAsync();

        Assert.Equal(1, report.AuditsRepaired);
        var audit = Assert.Single(h.Audit.Records, r => r.Action == DisclosureAuditor.PublishedAction);
        Assert.Equal("operator-1", audit.Actor.Id);
        Assert.False((await h.Store.GetVersionAsync(Kind, 1))!.PublishAuditPending);
    }
}
