using Governance.Core.Aggregates;
using Governance.Core.Audit;
using Governance.Core.Policies;
using Governance.Core.Pricing.Scanning;
using Governance.Core.Storage;
using Governance.Core.Timeline;

namespace Governance.Core.Pricing.Scans;

/// <summary>What a scan reports as its status: <c>running</c> until its findings are recorded, then <c>completed</c>; <c>failed</c> with a reason.</summary>
public static class PricingScanStatuses
{
    public const string Running = "running";
    public const string Completed = "completed";
    public const string Failed = "failed";
}

/// <summary>How a scan was started.</summary>
public static class PricingScanTriggers
{
    public const string Api = "api";
    public const string Schedule = "schedule";
}

/// <summary>
/// The thresholds and legal basis a scan decided on when it started, so every step (each shard, the finalize step)
/// and the report apply and state the same method even if the active profile changes meanwhile.
/// </summary>
public sealed record PricingMethod(string Profile, PricingPolicy Policy, IReadOnlyList<PolicyRule> LegalBasis)
{
    public static PricingMethod Of(PolicyProfile profile) => new(profile.Id, profile.Pricing, profile.Pricing.LegalBasis.Select(profile.Rule).ToList());
}

/// <summary>
/// A discriminatory-pricing scan as an aggregate. Starting it fans out one queue message per product shard; each
/// shard's completion is recorded once (<see cref="ShardsDone"/>), whatever the number of deliveries; the completion
/// of the last shard owes the finalize message; the finalize step records the findings page by page (each page's
/// <c>governance.pricing.finding</c> events and timeline facts commit with it, in this scan's partition, so the
/// events are ordered per scan) and completes the scan with the last page. A shard or finalize step that keeps
/// failing fails the scan with a reason. Nothing here touches storage.
/// </summary>
public sealed record PricingScan(
    string ScanId,
    DateTimeOffset From,
    DateTimeOffset To,
    string Trigger,
    string RequestedBy,
    DateTimeOffset CreatedAt,
    int Shards,
    PricingMethod Method,
    long Version)
{
    public const string StartedAction = "pricing.scan.started";
    public const string CompletedAction = "pricing.scan.completed";
    public const string FailedAction = "pricing.scan.failed";

    /// <summary>Queue messages a fan-out follow-up carries (a 64 KB payload holds them easily).</summary>
    private const int MessagesPerFollowUp = 64;

    public string Status { get; init; } = PricingScanStatuses.Running;

    /// <summary>Shards whose results are stored, ascending.</summary>
    public IReadOnlyList<int> ShardsDone { get; init; } = [];

    public long Observations { get; init; }

    public long Cells { get; init; }

    public long Tests { get; init; }

    /// <summary>Findings recorded so far (all of them once completed).</summary>
    public int Findings { get; init; }

    /// <summary>When the finalize step first recorded findings: the <c>detectedAt</c> of every finding of the scan.</summary>
    public DateTimeOffset? DetectedAt { get; init; }

    public DateTimeOffset? CompletedAt { get; init; }

    /// <summary>Why the scan failed.</summary>
    public string? Reason { get; init; }

    public ScanWindow Window => new(From, To);

    public bool AllShardsDone => ShardsDone.Count == Shards;

    public static string Resource(string scanId) => "pricing/scans/" + scanId;

    public static Change<PricingScan> Start(string scanId, ScanWindow window, string trigger, AuditActor actor, int shards, PricingMethod method, DateTimeOffset now)
    {
        var createdAt = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
        var scan = new PricingScan(scanId, window.From, window.To, trigger, actor.Id, createdAt, shards, method, 1);
        var messages = Enumerable.Range(0, shards).Select(shard => PricingScanMessage.ForShard(scanId, shard).ToJson()).ToList();
        return new Change<PricingScan>(scan)
            .Then(AuditFollowUp.Of(new AuditRecord(actor, StartedAction, Resource(scanId), PricingScanStatuses.Running, null, new Dictionary<string, string>
            {
                ["from"] = ReaderTime(window.From),
                ["to"] = ReaderTime(window.To),
                ["shards"] = shards.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["profile"] = method.Profile,
                ["trigger"] = trigger,
            }), $"{Resource(scanId)}:started"))
            .Then(messages.Chunk(MessagesPerFollowUp).Select((chunk, i) =>
                QueueFollowUp.OfEach($"{scanId}:shards:{i}", PricingScanMessage.QueueSetting, chunk)));
    }

    /// <summary>Records a shard's stored result; null (nothing to change) when it was recorded before or the scan is over.</summary>
    public Change<PricingScan>? CompleteShard(int shard, ShardCounts counts)
    {
        if (Status != PricingScanStatuses.Running || shard < 0 || shard >= Shards || ShardsDone.Contains(shard))
        {
            return null;
        }

        var next = this with
        {
            ShardsDone = [.. ShardsDone.Append(shard).Order()],
            Observations = Observations + counts.Observations,
            Cells = Cells + counts.Cells,
            Tests = Tests + counts.Tests,
            Version = Version + 1,
        };
        var change = new Change<PricingScan>(next);
        return next.AllShardsDone
            ? change.Then(QueueFollowUp.Of($"{ScanId}:finalize", PricingScanMessage.QueueSetting, PricingScanMessage.ForFinalize(ScanId).ToJson()))
            : change;
    }

    /// <summary>
    /// Records the page of findings that starts at <paramref name="first"/> (their events and timeline facts) and,
    /// with the last page, completes the scan with the finalize step's totals. Null when another run of the finalize
    /// step recorded this page already (the caller reads the scan again) or the scan is not finalizing.
    /// </summary>
    public Change<PricingScan>? RecordFindings(int first, IReadOnlyList<PricingFinding> page, ScanSummary summary, DateTimeOffset now)
    {
        if (Status != PricingScanStatuses.Running || !AllShardsDone || Findings != first || first + page.Count > summary.Findings)
        {
            return null;
        }

        var detectedAt = DetectedAt ?? now;
        var next = this with { Findings = first + page.Count, DetectedAt = detectedAt, Version = Version + 1 };
        var change = new Change<PricingScan>(next);
        foreach (var finding in page)
        {
            change = change
                .Emit(PricingFindingEvent.Of(finding, detectedAt))
                .Then(TimelineFollowUp.Of(TimelineKinds.PricingFinding, finding.FindingId, detectedAt, PricingFindingEvent.TimelineSummary(finding)));
        }

        if (next.Findings < summary.Findings)
        {
            return change;
        }

        var completed = next with
        {
            Status = PricingScanStatuses.Completed,
            Observations = summary.Observations,
            Cells = summary.Cells,
            Tests = summary.Tests,
            CompletedAt = now,
        };
        return (change with { State = completed })
            .Then(AuditFollowUp.Of(new AuditRecord(AuditActor.System("pricing-scan"), CompletedAction, Resource(ScanId), PricingScanStatuses.Completed, null,
                new Dictionary<string, string>
                {
                    ["observations"] = Count(summary.Observations),
                    ["cells"] = Count(summary.Cells),
                    ["tests"] = Count(summary.Tests),
                    ["findings"] = Count(summary.Findings),
                }), $"{Resource(ScanId)}:completed"));
    }

    /// <summary>Fails a running scan with <paramref name="reason"/>; null when it is over already.</summary>
    public Change<PricingScan>? Fail(string reason, DateTimeOffset now)
    {
        if (Status != PricingScanStatuses.Running)
        {
            return null;
        }

        var next = this with { Status = PricingScanStatuses.Failed, Reason = reason, CompletedAt = now, Version = Version + 1 };
        return new Change<PricingScan>(next)
            .Then(AuditFollowUp.Of(new AuditRecord(AuditActor.System("pricing-scan"), FailedAction, Resource(ScanId), PricingScanStatuses.Failed, null,
                new Dictionary<string, string> { ["reason"] = reason }), $"{Resource(ScanId)}:failed"));
    }

    private static string ReaderTime(DateTimeOffset time) => time.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture);

    private static string Count(long value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>Scan rows in the <c>PricingScans</c> table: PartitionKey = scan id (see <see cref="ScanIds"/>), RowKey <c>scan</c>.</summary>
public sealed class PricingScanMap : JsonAggregateMap<PricingScan>
{
    public override string Table => TableNames.PricingScans;

    public override string Name => "Pricing scan";

    public override string PartitionKey(string id) => id;

    public override string RowKey(string id) => "scan";

    protected override IEnumerable<KeyValuePair<string, object?>> Columns(PricingScan state) =>
    [
        new("Status", state.Status),
        new("From", state.From),
        new("To", state.To),
        new("CreatedAt", state.CreatedAt),
        new("ShardsDone", state.ShardsDone.Count),
        new("Findings", state.Findings),
    ];
}
