using Governance.Core.Audit;
using Governance.Core.Events;
using Governance.Core.Pricing.Scanning;
using Governance.Core.Pricing.Scans;
using Governance.Core.Pricing.Statistics;
using Governance.Core.Storage;
using Governance.Core.Timeline;

namespace Governance.Core.Tests.Pricing;

public sealed class PricingScanTests
{
    private static readonly DateTimeOffset Now = new(2026, 5, 2, 2, 0, 0, TimeSpan.Zero);
    private static readonly ScanWindow Window = ScanWindow.PreviousDay(Now);
    private static readonly PricingMethod Method = PricingMethod.Of(PricingScanHarness.Profile());

    private static PricingScan Started(int shards = 3)
        => PricingScan.Start("scan-1", Window, PricingScanTriggers.Api, AuditActor.Staff("op-1", "operator"), shards, Method, Now).State;

    private static PricingScan AllShardsDone(int shards = 3)
    {
        var scan = Started(shards);
        for (var shard = 0; shard < shards; shard++)
        {
            scan = scan.CompleteShard(shard, new ShardCounts(100, 10, 20, 1))!.State;
        }

        return scan;
    }

    public static PricingFinding Finding(string scanId, int n, double effect = 0.05)
    {
        var prices = Enumerable.Range(0, 40).Select(i => 1000.0 + i).ToArray();
        var candidate = new TestCandidate($"sku-{n}", "{\"region\":\"north\"}", 1, "CNY", Window.From, Window.To, "deviceOs",
            new FindingCohort("ios", 40, 1050), new FindingRest(60, 1000), effect, 1e-6, [$"o-{n}-1", $"o-{n}-2"], PriceDistribution.Of(prices, prices));
        return PricingFinding.From(scanId, candidate, 1e-4, Method.LegalBasis);
    }

    [Fact]
    public void Starting_a_scan_owes_one_queue_message_per_shard_in_fan_out_follow_ups_and_its_audit_entry()
    {
        var change = PricingScan.Start("scan-1", Window, PricingScanTriggers.Api, AuditActor.Staff("op-1", "operator"), 200, Method, Now);

        var messages = change.FollowUps.Where(f => f.Type == QueueFollowUp.Type).SelectMany(f => f.Read<QueueMessagePayload>().Messages!).ToList();
        Assert.Equal(Enumerable.Range(0, 200), messages.Select(m => PricingScanMessage.TryParse(m)!.Shard!.Value));
        Assert.All(messages, m => Assert.Equal("scan-1", PricingScanMessage.TryParse(m)!.ScanId));
        Assert.True(change.FollowUps.Count < 10, "a fan-out must fit a table batch");
        Assert.Contains(change.FollowUps, f => f.Type == AuditFollowUp.Type && f.Id == "pricing/scans/scan-1:started");
        Assert.Equal((PricingScanStatuses.Running, 0, 200), (change.State.Status, change.State.ShardsDone.Count, change.State.Shards));
    }

    [Fact]
    public void A_shard_counts_once_however_often_its_completion_is_recorded()
    {
        var once = Started().CompleteShard(1, new ShardCounts(100, 10, 20, 1))!.State;

        Assert.Null(once.CompleteShard(1, new ShardCounts(100, 10, 20, 1)));
        Assert.Equal((100, 10, 20), (once.Observations, once.Cells, once.Tests));
        Assert.Null(once.CompleteShard(3, new ShardCounts(1, 1, 1, 0)));
    }

    [Fact]
    public void Only_the_last_shard_owes_the_finalize_message()
    {
        var scan = Started();
        var first = scan.CompleteShard(2, new ShardCounts(1, 1, 1, 0))!;
        var second = first.State.CompleteShard(0, new ShardCounts(1, 1, 1, 0))!;
        var last = second.State.CompleteShard(1, new ShardCounts(1, 1, 1, 0))!;

        Assert.Empty(first.FollowUps);
        Assert.Empty(second.FollowUps);
        var finalize = Assert.Single(last.FollowUps).Read<QueueMessagePayload>();
        Assert.Equal(PricingScanMessage.FinalizeStep, PricingScanMessage.TryParse(finalize.Message)!.Step);
        Assert.Equal([0, 1, 2], last.State.ShardsDone);
    }

    [Fact]
    public void Findings_are_recorded_page_by_page_with_their_events_and_timeline_facts_and_the_last_page_completes_the_scan()
    {
        var scan = AllShardsDone();
        var findings = Enumerable.Range(0, 5).Select(i => Finding("scan-1", i)).ToList();
        var summary = new ScanSummary(300, 30, 60, 5);

        var page1 = scan.RecordFindings(0, findings[..3], summary, Now)!;
        var replay = scan.RecordFindings(0, findings[..3], summary, Now);
        var stale = page1.State.RecordFindings(0, findings[..3], summary, Now);
        var page2 = page1.State.RecordFindings(3, findings[3..], summary, Now.AddSeconds(5))!;

        Assert.NotNull(replay);
        Assert.Null(stale);
        Assert.Equal((PricingScanStatuses.Running, 3), (page1.State.Status, page1.State.Findings));
        Assert.Equal(findings[..3].Select(f => f.FindingId), page1.Events.Select(e => e.Id));
        Assert.All(page1.Events.Concat(page2.Events), e => Assert.Equal((EventTypes.PricingFinding, EventSources.Pricing, "scan-1"), (e.Type, e.Source, e.AggregateId)));
        Assert.Equal(3, page1.FollowUps.Count(f => f.Type == IndexFollowUp.Type && f.Read<IndexRow>() is { Table: TableNames.Timeline } row && row.RowKey.StartsWith(TimelineKinds.PricingFinding + "|", StringComparison.Ordinal)));
        Assert.Equal((PricingScanStatuses.Completed, 5, 300L, 60L), (page2.State.Status, page2.State.Findings, page2.State.Observations, page2.State.Tests));
        Assert.Equal(Now, page2.State.DetectedAt);
        Assert.Contains(page2.FollowUps, f => f.Type == AuditFollowUp.Type && f.Id == "pricing/scans/scan-1:completed");
    }

    [Fact]
    public void A_scan_without_findings_completes_in_one_step_and_is_not_finalized_before_every_shard_is_done()
    {
        var summary = new ScanSummary(300, 30, 60, 0);

        Assert.Null(Started().RecordFindings(0, [], summary, Now));
        var done = AllShardsDone().RecordFindings(0, [], summary, Now)!;

        Assert.Empty(done.Events);
        Assert.Equal(PricingScanStatuses.Completed, done.State.Status);
    }

    [Fact]
    public void A_running_scan_fails_once_with_its_reason_and_a_scan_that_is_over_does_not_fail()
    {
        var failed = Started().Fail("shard 2 of scan scan-1 kept failing", Now)!;
        var completed = AllShardsDone().RecordFindings(0, [], new ScanSummary(0, 0, 0, 0), Now)!.State;

        Assert.Equal((PricingScanStatuses.Failed, "shard 2 of scan scan-1 kept failing"), (failed.State.Status, failed.State.Reason));
        Assert.Null(failed.State.Fail("again", Now));
        Assert.Null(completed.Fail("late", Now));
        Assert.Null(failed.State.CompleteShard(0, new ShardCounts(1, 1, 1, 0)));
    }

    [Fact]
    public void The_finding_event_keeps_the_documented_fields_and_adds_the_findings_own()
    {
        var finding = Finding("scan-1", 7);

        var data = PricingFindingEvent.Data(finding, Now);

        Assert.Equal((finding.FindingId, "scan-1", "sku-7", "deviceOs"), (data.FindingId, data.ScanId, data.ItemId, data.Attribute));
        Assert.Equal((1000L, 1050L, "CNY"), (data.LowestPrice.Amount, data.HighestPrice.Amount, data.HighestPrice.Currency));
        Assert.Equal(100, data.Observations);
        Assert.Equal((Method.LegalBasis[0].Id, Method.LegalBasis[0].Citation), (data.Rule, data.Citation));
        Assert.Equal((finding.AdjustedPValue, finding.RelativeDifference, "ios"), (data.AdjustedPValue, data.RelativeDifference, data.Cohort.Value));
        Assert.Equal(finding.SampleObservationIds, data.SampleObservationIds);
    }

    [Fact]
    public void An_event_that_would_be_too_large_leaves_out_its_samples_and_then_its_conditions_never_the_finding()
    {
        var huge = Finding("scan-1", 1) with
        {
            SampleObservationIds = [.. Enumerable.Range(0, 100).Select(i => new string('观', 120) + i)],
            Conditions = Enumerable.Range(0, 32).ToDictionary(i => "k" + i, i => new string('条', 128)),
        };

        var data = PricingFindingEvent.Data(huge, Now);
        var domainEvent = PricingFindingEvent.Of(huge, Now);

        Assert.Null(data.SampleObservationIds);
        Assert.Null(data.Conditions);
        Assert.Equal(huge.FindingId, data.FindingId);
        Assert.True(OutboxRow.Create("scan-1", domainEvent, 1, Now).Count > 0);
    }

    [Theory]
    [InlineData("{\"scanId\":\"scan-1\",\"step\":\"shard\",\"shard\":3}", true)]
    [InlineData("{\"scanId\":\"scan-1\",\"step\":\"finalize\"}", true)]
    [InlineData("{\"scanId\":\"scan 1\",\"step\":\"finalize\"}", false)]
    [InlineData("{\"scanId\":\"scan-1\",\"step\":\"shard\"}", false)]
    [InlineData("{\"scanId\":\"scan-1\",\"step\":\"finalize\",\"shard\":1}", false)]
    [InlineData("{\"scanId\":\"scan-1\",\"step\":\"shard\",\"shard\":-1}", false)]
    [InlineData("not json", false)]
    public void Queue_messages_are_scan_steps_or_nothing(string text, bool valid)
        => Assert.Equal(valid, PricingScanMessage.TryParse(text) is not null);
}
