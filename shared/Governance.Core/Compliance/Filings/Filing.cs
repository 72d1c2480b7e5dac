using System.Globalization;
using Governance.Core.Aggregates;
using Governance.Core.Audit;
using Governance.Core.Problems;
using Governance.Core.Storage;
using Governance.Core.Timeline;

namespace Governance.Core.Compliance.Filings;

/// <summary>
/// A corporate event and the duties it carries, as an aggregate in its own partition of the <c>Filings</c> table.
/// The duties are decided once, when the event is recorded (from the profile, the catalog and the platform as they
/// stood then: <see cref="Basis"/>), and closed one by one.
/// </summary>
public sealed record Filing(
    string FilingId,
    string Kind,
    DateTimeOffset OccursAt,
    FilingBasis Basis,
    IReadOnlyList<FilingDuty> Duties,
    DateTimeOffset RecordedAt,
    string RecordedBy,
    string Profile,
    string OperationId,
    long Version)
{
    public static string Resource(string filingId) => "compliance/filings/" + filingId;

    public static Change<Filing> Record(Filing filing, AuditActor actor)
        => new Change<Filing>(filing)
            .Then(AuditFollowUp.Of(
                new AuditRecord(actor, "filing.recorded", Resource(filing.FilingId), filing.Kind, filing.Duties.FirstOrDefault()?.Rule, new Dictionary<string, string>
                {
                    ["kind"] = filing.Kind,
                    ["occursAt"] = filing.OccursAt.ToString("O", CultureInfo.InvariantCulture),
                    ["duties"] = string.Join(",", filing.Duties.Select(d => d.Duty)),
                    ["affectsNationalSecurity"] = filing.Basis.AffectsNationalSecurity ? "true" : "false",
                    ["individualsWithPersonalInformation"] = filing.Basis.IndividualsWithPersonalInformation.ToString(CultureInfo.InvariantCulture),
                }),
                $"{Resource(filing.FilingId)}:recorded"))
            .Then(TimelineFollowUp.Of(TimelineKinds.FilingRecorded, filing.FilingId, filing.RecordedAt, new FilingFact(filing.FilingId, filing.Kind, filing.OccursAt, filing.Duties.Count)))
            .Then(ComplianceIndex.Put(TableNames.Filings, FilingIndex.All, filing.RecordedAt, filing.FilingId, filing.Version));

    /// <summary>Closes <paramref name="duty"/>: the same reference again changes nothing; another reference for a closed duty is a 409.</summary>
    public Change<Filing>? Close(string duty, DateTimeOffset at, string reference, AuditActor actor)
    {
        var index = Duties.ToList().FindIndex(d => d.Duty == duty);
        if (index < 0)
        {
            throw GovernanceProblem.NotFound($"Filing {FilingId} has no duty '{duty}' (its duties: {(Duties.Count == 0 ? "none" : string.Join(", ", Duties.Select(d => d.Duty)))}).");
        }

        var current = Duties[index];
        if (current.DoneAt is not null)
        {
            return current.Reference == reference
                ? null
                : throw GovernanceProblem.Conflict($"Duty '{duty}' of filing {FilingId} was closed at {current.DoneAt:O} with reference '{current.Reference}'.");
        }

        var duties = Duties.ToList();
        duties[index] = current with { DoneAt = at, Reference = reference, DoneBy = actor.Id };
        var next = this with { Duties = duties, Version = Version + 1 };
        return new Change<Filing>(next)
            .Then(AuditFollowUp.Of(new AuditRecord(actor, "filing.duty_done", Resource(FilingId), duty, current.Rule,
                new Dictionary<string, string> { ["duty"] = duty, ["at"] = at.ToString("O", CultureInfo.InvariantCulture), ["reference"] = reference }),
                $"{Resource(FilingId)}:done:{duty}"));
    }

    public FilingView ToView(DateTimeOffset now)
        => new(FilingId, Kind, OccursAt, Basis, Duties.Select(d => FilingDuties.View(d, now)).ToList(), RecordedAt, RecordedBy, Profile);
}

public static class FilingIndex
{
    public static string All => ComplianceIndex.Partition("all");
}

/// <summary>Filing rows: PartitionKey = filing id, RowKey <c>filing</c>.</summary>
public sealed class FilingMap : JsonAggregateMap<Filing>
{
    public override string Table => TableNames.Filings;

    public override string Name => "Filing";

    public override string PartitionKey(string id) => id;

    public override string RowKey(string id) => "filing";

    protected override IEnumerable<KeyValuePair<string, object?>> Columns(Filing state) =>
    [
        new("Kind", state.Kind),
        new("OccursAt", state.OccursAt),
    ];
}
