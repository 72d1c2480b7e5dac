using System.Globalization;
using System.Text.Json;
using Governance.Core.Audit;
using Governance.Core.Compliance.Exports;
using Governance.Core.Compliance.Filings;
using Governance.Core.Compliance.Incidents;
using Governance.Core.Policies;
using Governance.Core.Timeline;
using Governance.Core.Validation;

namespace Governance.Core.Compliance.Reports;

/// <summary>
/// One bundle for the regulator: what every duty did in a period (<see cref="From"/> inclusive to <see cref="To"/>
/// exclusive), and the audit log's combined root when the bundle was made (<see cref="AuditRootHash"/>, the
/// <c>headHash</c> of <c>GET /api/audit/verify</c>), so an auditor can check the bundle against the anchors.
/// </summary>
public sealed record ComplianceBundle(
    DateTimeOffset From,
    DateTimeOffset To,
    DateTimeOffset GeneratedAt,
    string Profile,
    string AuditRootHash,
    long AuditEntries,
    TimelineSection DisclosuresPublished,
    TimelineSection AppsOnboarded,
    TimelineSection AppsSuspended,
    TimelineSection ClaimsFiled,
    TimelineSection ClaimsPrepaid,
    TimelineSection PricingFindings,
    ExportSection Exports,
    IncidentSection Incidents,
    FilingSection Filings);

/// <summary>Facts another duty recorded on the timeline, each with the small summary it wrote.</summary>
public sealed record TimelineSection(int Count, IReadOnlyList<TimelineItem> Items);

public sealed record TimelineItem(string Id, DateTimeOffset At, JsonElement Summary);

/// <summary>Transfers recorded in the period, as they stand now.</summary>
public sealed record ExportSection(int Count, IReadOnlyList<ExportView> Items);

/// <summary>Incidents detected in the period with their deadlines as they stand now, and how many were met, missed or are still open.</summary>
public sealed record IncidentSection(int Count, int DeadlinesMet, int DeadlinesMissed, int DeadlinesOpen, IReadOnlyList<IncidentView> Items);

/// <summary>Filings recorded in the period with their duties as they stand now.</summary>
public sealed record FilingSection(int Count, int DutiesDone, int DutiesOpen, int DutiesOverdue, IReadOnlyList<FilingView> Items);

/// <summary>
/// Builds the bundle from the timeline (one partition query per day of the period, whatever the kinds) and the
/// compliance records the period's facts name (one point read each): its cost follows the period's facts, never
/// the size of a table.
/// </summary>
public sealed class ComplianceBundleService(
    TimelineReader timeline,
    IAuditLog audit,
    ExportService exports,
    IncidentService incidents,
    FilingService filings,
    IPolicyProfileProvider profiles,
    TimeProvider time)
{
    /// <summary>The longest period one bundle covers.</summary>
    public const int MaxDays = 366;

    private static readonly string[] Kinds =
    [
        TimelineKinds.DisclosurePublished, TimelineKinds.AppOnboarded, TimelineKinds.AppSuspended, TimelineKinds.ClaimFiled,
        TimelineKinds.ClaimPrepaid, TimelineKinds.PricingFinding, TimelineKinds.ExportRecorded, TimelineKinds.IncidentRecorded, TimelineKinds.FilingRecorded,
    ];

    /// <summary>The period of <c>?from=&amp;to=</c> (ISO 8601; a date alone is midnight UTC): both required, from before to, at most <see cref="MaxDays"/> days; 400 otherwise.</summary>
    public static (DateTimeOffset From, DateTimeOffset To) Period(string? from, string? to)
    {
        var errors = new ValidationErrors();
        var start = Instant("from", from, errors);
        var end = Instant("to", to, errors);
        errors.ThrowIfAny();
        if (end <= start)
        {
            errors.Add("to", "must be later than from.");
        }
        else if ((end - start).TotalDays > MaxDays)
        {
            errors.Add("to", $"must be at most {MaxDays} days after from: a bundle covers one period of up to a year; ask for several.");
        }

        errors.ThrowIfAny();
        return (start, end);
    }

    public async Task<ComplianceBundle> BuildAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        var generatedAt = time.GetUtcNow();
        var head = await audit.GetHeadAsync(cancellationToken);
        var facts = new Dictionary<string, List<TimelineEntry>>(StringComparer.Ordinal);
        await foreach (var fact in timeline.ReadPeriodAsync(Kinds, from, to.AddTicks(-1), cancellationToken))
        {
            if (!facts.TryGetValue(fact.Kind, out var list))
            {
                facts[fact.Kind] = list = [];
            }

            list.Add(fact);
        }

        IReadOnlyList<TimelineEntry> Of(string kind) => facts.GetValueOrDefault(kind) ?? [];
        TimelineSection Section(string kind) => new(Of(kind).Count, Of(kind).Select(f => new TimelineItem(f.Id, f.At, f.Summary)).ToList());

        var profile = profiles.Current;
        var exportItems = (await Task.WhenAll(Of(TimelineKinds.ExportRecorded).Select(f => exports.FindAsync(f.Id, cancellationToken))))
            .OfType<ExportApproval>().Select(e => e.ToView(profile)).ToList();
        var incidentItems = (await Task.WhenAll(Of(TimelineKinds.IncidentRecorded).Select(f => incidents.FindAsync(f.Id, cancellationToken))))
            .OfType<Incident>().Select(i => i.ToView(generatedAt)).ToList();
        var filingItems = (await Task.WhenAll(Of(TimelineKinds.FilingRecorded).Select(f => filings.FindAsync(f.Id, cancellationToken))))
            .OfType<Filing>().Select(f => f.ToView(generatedAt)).ToList();
        var deadlines = incidentItems.SelectMany(i => i.Deadlines).ToList();
        var duties = filingItems.SelectMany(f => f.Duties).ToList();
        return new ComplianceBundle(
            from,
            to,
            generatedAt,
            profile.Id,
            head.Hash,
            head.Sequence,
            Section(TimelineKinds.DisclosurePublished),
            Section(TimelineKinds.AppOnboarded),
            Section(TimelineKinds.AppSuspended),
            Section(TimelineKinds.ClaimFiled),
            Section(TimelineKinds.ClaimPrepaid),
            Section(TimelineKinds.PricingFinding),
            new ExportSection(exportItems.Count, exportItems),
            new IncidentSection(incidentItems.Count, Count(deadlines, DeadlineStatuses.Met), Count(deadlines, DeadlineStatuses.Missed), Count(deadlines, DeadlineStatuses.Open), incidentItems),
            new FilingSection(filingItems.Count, duties.Count(d => d.Status == FilingDutyStatuses.Done), duties.Count(d => d.Status == FilingDutyStatuses.Open),
                duties.Count(d => d.Status == FilingDutyStatuses.Overdue), filingItems));
    }

    private static int Count(IEnumerable<DeadlineView> deadlines, string status) => deadlines.Count(d => d.Status == status);

    private static DateTimeOffset Instant(string field, string? value, ValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(field, "is required (an ISO 8601 date or date and time, e.g. 2026-01-01 or 2026-01-01T00:00:00Z).");
            return default;
        }

        if (value.Length > 40 || !DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var instant))
        {
            errors.Add(field, "is not an ISO 8601 date or date and time.");
            return default;
        }

        if (instant < ComplianceInput.Earliest || instant.Year > 9000)
        {
            errors.Add(field, "must be from 2000-01-01 on.");
        }

        return instant;
    }
}
