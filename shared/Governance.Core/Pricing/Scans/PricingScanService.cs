using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Governance.Core.Aggregates;
using Governance.Core.Audit;
using Governance.Core.Policies;
using Governance.Core.Pricing.Scanning;
using Governance.Core.Problems;
using Governance.Core.Validation;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Governance.Core.Pricing.Scans;

/// <summary>
/// Discriminatory-pricing scans: starts them (by request or the daily timer), runs their queue steps (one shard, or
/// the finalize step) and answers for their status and findings. Each step reads the scan, does its idempotent work
/// and records the outcome on the <see cref="PricingScan"/> aggregate, so a redelivered message changes nothing.
/// <para>
/// Crash reasoning. Start: the scan and the messages it owes commit together. Shard: its result is stored
/// create-only before its completion is recorded; a crash in between leaves the message to be redelivered, which
/// finds the result and records it. Finalize: the outcome is a pure function of the stored shard results; each page
/// of findings is written (upsert) before the commit that records it with its events, so a crash repeats at most
/// one page's writes and never an event. A step that keeps failing ends in the poison queue, whose consumer fails
/// the scan (<see cref="FailAsync"/>), so no scan stays running for ever.
/// </para>
/// </summary>
public sealed class PricingScanService(
    AggregateStore<PricingScan> store,
    ShardScanner scanner,
    ScanFinalizer finalizer,
    PricingFindingStore findings,
    IPolicyProfileProvider profiles,
    IOptions<PricingOptions> options,
    TimeProvider time,
    ILogger<PricingScanService> logger)
{
    /// <summary>Findings recorded per commit: each brings an event and a timeline fact, and a table batch holds 100 actions.</summary>
    public const int FindingsPerCommit = 30;

    public const int MaxReasonLength = 1000;

    public static readonly DateTimeOffset EarliestFrom = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Starts a scan of the requested window; the same operation (a retried request) is the same scan.</summary>
    public Task<PricingScanView> StartAsync(PricingScanRequest request, string operationId, AuditActor actor, CancellationToken cancellationToken = default)
    {
        var window = Validate(request, time.GetUtcNow());
        var scanId = "scan-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(operationId)).AsSpan(0, 12));
        return StartAsync(scanId, window, PricingScanTriggers.Api, actor, cancellationToken);
    }

    /// <summary>Starts the scan of the previous UTC day, once per day: its id is the day (<c>daily-YYYY-MM-DD</c>), so a second firing finds it.</summary>
    public Task<PricingScanView> StartDailyAsync(CancellationToken cancellationToken = default)
    {
        var window = ScanWindow.PreviousDay(time.GetUtcNow());
        var scanId = DailyScanId(DateOnly.FromDateTime(window.From.UtcDateTime));
        return StartAsync(scanId, window, PricingScanTriggers.Schedule, AuditActor.System("pricing-daily-scan"), cancellationToken);
    }

    public static string DailyScanId(DateOnly day) => "daily-" + day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public async Task<PricingScanView> GetAsync(string scanId, CancellationToken cancellationToken = default)
        => PricingScanView.Of(await RequireAsync(scanId, cancellationToken));

    /// <summary>The scan, or a 404 problem (also for a text that cannot be a scan id).</summary>
    public async Task<PricingScan> RequireAsync(string? scanId, CancellationToken cancellationToken = default)
        => ScanIds.IsValid(scanId) && await store.FindAsync(scanId!, cancellationToken) is { } stored
            ? stored.State
            : throw NotFound(scanId);

    /// <summary>A page of a scan's findings, largest first (404 for an unknown scan).</summary>
    public async Task<PricingFindingPage> FindingsAsync(string? scanId, string? continuationToken, int pageSize, CancellationToken cancellationToken = default)
    {
        var scan = await RequireAsync(scanId, cancellationToken);
        var (page, next) = await findings.PageAsync(scan.ScanId, continuationToken, pageSize, cancellationToken);
        return new PricingFindingPage(page.Select(f => PricingFindingView.Of(f.Finding)).ToList(), next);
    }

    /// <summary>The scan and its <paramref name="count"/> largest findings, for the report.</summary>
    public async Task<(PricingScan Scan, IReadOnlyList<RankedFinding> Findings)> ReportAsync(string scanId, int count, CancellationToken cancellationToken = default)
    {
        var scan = await RequireAsync(scanId, cancellationToken);
        return (scan, await findings.TopAsync(scan.ScanId, count, cancellationToken));
    }

    /// <summary>Runs one queue step of a scan.</summary>
    public Task RunAsync(PricingScanMessage message, CancellationToken cancellationToken = default)
        => message.Step == PricingScanMessage.ShardStep
            ? RunShardAsync(message.ScanId, message.Shard!.Value, cancellationToken)
            : FinalizeAsync(message.ScanId, cancellationToken);

    /// <summary>Fails a running scan (its step kept failing); a scan that is over, or unknown, is left as it is.</summary>
    public async Task FailAsync(string scanId, string reason, CancellationToken cancellationToken = default)
    {
        if (!ScanIds.IsValid(scanId) || await store.FindAsync(scanId, cancellationToken) is null)
        {
            logger.LogWarning("A failed step names scan {ScanId}, which does not exist; nothing to fail.", scanId);
            return;
        }

        var text = reason.Length <= MaxReasonLength ? reason : reason[..MaxReasonLength] + "…";
        await store.UpdateAsync(scanId, s => s.Fail(text, time.GetUtcNow()), () => NotFound(scanId), cancellationToken);
    }

    private async Task<PricingScanView> StartAsync(string scanId, ScanWindow window, string trigger, AuditActor actor, CancellationToken cancellationToken)
    {
        var change = PricingScan.Start(scanId, window, trigger, actor, options.Value.ShardCount, PricingMethod.Of(profiles.Current), time.GetUtcNow());
        var created = await store.CreateAsync(scanId, change, cancellationToken);
        return PricingScanView.Of(created.State);
    }

    private async Task RunShardAsync(string scanId, int shard, CancellationToken cancellationToken)
    {
        var scan = (await store.FindAsync(scanId, cancellationToken))?.State;
        if (scan is null || scan.Status != PricingScanStatuses.Running || scan.ShardsDone.Contains(shard))
        {
            return;
        }

        if (shard >= scan.Shards)
        {
            throw new InvalidOperationException($"Scan {scanId} has {scan.Shards} shards; a message names shard {shard}.");
        }

        var result = await scanner.ScanAsync(scanId, scan.Window, shard, scan.Method.Policy, cancellationToken);
        await store.UpdateAsync(scanId, s => s.CompleteShard(shard, result.Counts), () => NotFound(scanId), cancellationToken);
    }

    private async Task FinalizeAsync(string scanId, CancellationToken cancellationToken)
    {
        var scan = (await store.FindAsync(scanId, cancellationToken))?.State;
        if (scan is null || scan.Status != PricingScanStatuses.Running || !scan.AllShardsDone)
        {
            return;
        }

        var outcome = await finalizer.FinalizeAsync(scanId, Enumerable.Range(0, scan.Shards).ToList(), scan.Method.Policy, scan.Method.LegalBasis, cancellationToken);
        while (scan.Status == PricingScanStatuses.Running)
        {
            var first = scan.Findings;
            if (first > outcome.Findings.Count)
            {
                throw new InvalidOperationException($"Scan {scanId} recorded {first} findings, but its stored results give {outcome.Findings.Count}.");
            }

            var page = outcome.Findings.Skip(first).Take(FindingsPerCommit).ToList();
            await findings.WriteAsync(page.Select((f, i) => new RankedFinding(first + i, f)).ToList(), cancellationToken);
            var now = time.GetUtcNow();
            scan = (await store.UpdateAsync(scanId, s => s.RecordFindings(first, page, outcome.Summary, now), () => NotFound(scanId), cancellationToken)).State;
            if (scan.Status == PricingScanStatuses.Running && scan.Findings == first)
            {
                throw new InvalidOperationException($"Scan {scanId} did not take findings {first}.. of {outcome.Findings.Count}; its stored results disagree with it.");
            }
        }
    }

    private static ScanWindow Validate(PricingScanRequest request, DateTimeOffset now)
    {
        var errors = new ValidationErrors();
        if (request.From is not { } from)
        {
            errors.Add("from", "is required (ISO 8601 with an offset, e.g. 2026-05-01T00:00:00Z).");
        }
        else if (from < EarliestFrom)
        {
            errors.Add("from", "must not be before 2000-01-01.");
        }
        else if (from > now)
        {
            errors.Add("from", "must not be in the future.");
        }

        if (request.To is not { } to)
        {
            errors.Add("to", "is required (ISO 8601 with an offset, e.g. 2026-05-02T00:00:00Z).");
        }
        else if (request.From is { } start && to <= start)
        {
            errors.Add("to", "must be after from.");
        }
        else if (request.From is { } begin && to - begin > TimeSpan.FromDays(ScanWindow.MaxDays))
        {
            errors.Add("to", $"must be at most {ScanWindow.MaxDays} days after from.");
        }

        errors.ThrowIfAny();
        return new ScanWindow(request.From!.Value, request.To!.Value);
    }

    private static GovernanceProblem NotFound(string? scanId)
        => GovernanceProblem.NotFound($"No pricing scan with id '{(scanId is { Length: > 64 } ? scanId[..64] + "…" : scanId)}'.");
}
