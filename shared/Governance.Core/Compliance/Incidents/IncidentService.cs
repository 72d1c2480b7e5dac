using Azure.Data.Tables;
using Governance.Core.Aggregates;
using Governance.Core.Audit;
using Governance.Core.Compliance.Catalog;
using Governance.Core.Platform;
using Governance.Core.Policies;
using Governance.Core.Problems;
using Governance.Core.Storage;
using Governance.Core.Validation;

namespace Governance.Core.Compliance.Incidents;

/// <summary>
/// Incidents: records one with every deadline the profile gives it (by severity, the operator type declared in the
/// platform profile — <c>other</c> until one is declared — and the data it touches), records actions, and raises
/// the deadline alerts from the due rows.
/// </summary>
public sealed class IncidentService(
    AggregateStore<Incident> store,
    DataCatalogService catalog,
    PlatformProfileService platform,
    IPolicyProfileProvider profiles,
    TableServiceClient tables,
    TimeProvider time)
{
    public const int MaxAssets = 50;
    public const int MaxPageSize = 100;
    public const long MaxIndividuals = 100_000_000_000;

    private readonly TableClient _table = tables.GetTableClient(TableNames.Incidents);

    public async Task<IncidentView> CreateAsync(IncidentRequest? request, AuditActor actor, string operationId, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        if (request is null)
        {
            throw GovernanceProblem.BadRequest("A JSON object describing the incident is required.");
        }

        var errors = new ValidationErrors()
            .Past("detectedAt", request.DetectedAt, now)
            .Text("description", request.Description)
            .OneOf("severity", request.Severity, IncidentSeverities.All)
            .Ids("assetIds", request.AssetIds, ComplianceIds.AssetPrefix, MaxAssets, min: 0);
        if (request.IndividualsAffected is not (>= 0 and <= MaxIndividuals))
        {
            errors.Add("individualsAffected", $"is required: a whole number from 0 to {MaxIndividuals}.");
        }

        errors.ThrowIfAny();
        var assets = await catalog.RequireAsync(request.AssetIds!.Select(a => a!).ToList(), "assetIds", cancellationToken);
        var declared = (await platform.GetAsync(cancellationToken)).OperatorType;
        var profile = profiles.Current;
        var detectedAt = request.DetectedAt!.Value.ToUniversalTime();
        var facts = new IncidentFacts(request.Severity!, declared ?? OperatorTypes.Other, request.IndividualsAffected!.Value, assets.Select(a => a.Classification).Distinct().ToList());
        var incident = new Incident(
            ComplianceIds.For(ComplianceIds.IncidentPrefix, operationId),
            detectedAt,
            request.Description!.Trim(),
            facts.Severity,
            assets.Select(a => a.AssetId).ToList(),
            facts.Classifications,
            facts.IndividualsAffected,
            facts.OperatorType,
            declared is not null,
            ComplianceInput.ToMillisecond(now),
            actor.Id,
            profile.Id,
            operationId,
            1)
        {
            Deadlines = IncidentDeadlines.Compute(facts, DeadlineStarts.Detected, detectedAt, profile),
        };
        var created = await store.CreateAsync(incident.IncidentId, Incident.Record(incident, actor), cancellationToken);
        return created.State.ToView(time.GetUtcNow());
    }

    public async Task<IncidentView> AddActionAsync(string incidentId, IncidentActionRequest? request, AuditActor actor, string operationId, CancellationToken cancellationToken = default)
    {
        if (!ComplianceIds.Is(incidentId, ComplianceIds.IncidentPrefix))
        {
            throw NotFound(incidentId);
        }

        var now = time.GetUtcNow();
        if (request is null)
        {
            throw GovernanceProblem.BadRequest("A JSON object describing the action is required.");
        }

        var errors = new ValidationErrors()
            .OneOf("kind", request.Kind, IncidentActionKinds.All)
            .Past("at", request.At, now)
            .Line("reference", request.Reference, ComplianceInput.MaxReferenceLength, required: false)
            .Text("note", request.Note, required: false)
            .Line("duty", request.Duty, 64, required: false);
        errors.ThrowIfAny();
        var action = new IncidentAction(ComplianceIds.For(ComplianceIds.ActionPrefix, operationId), request.Kind!, request.At!.Value.ToUniversalTime(),
            ComplianceInput.Trimmed(request.Reference), ComplianceInput.Trimmed(request.Note), ComplianceInput.Trimmed(request.Duty), ComplianceInput.ToMillisecond(now), actor.Id);
        var stored = await store.UpdateAsync(incidentId, i => i.AddAction(action, profiles.Current, actor, time.GetUtcNow()), () => NotFound(incidentId), cancellationToken);
        return stored.State.ToView(time.GetUtcNow());
    }

    public async Task<IncidentView> GetAsync(string incidentId, CancellationToken cancellationToken = default)
        => (await FindAsync(incidentId, cancellationToken) ?? throw NotFound(incidentId)).ToView(time.GetUtcNow());

    public async Task<Incident?> FindAsync(string incidentId, CancellationToken cancellationToken = default)
        => ComplianceIds.Is(incidentId, ComplianceIds.IncidentPrefix) && await store.FindAsync(incidentId, cancellationToken) is { } stored ? stored.State : null;

    /// <summary>One page of incidents, by detection time, oldest first.</summary>
    public async Task<IncidentPage> ListAsync(string? continuationToken, int pageSize, CancellationToken cancellationToken = default)
    {
        var (ids, next) = await ComplianceIndex.PageAsync(_table, IncidentIndex.All, continuationToken, Math.Clamp(pageSize, 1, MaxPageSize), cancellationToken);
        var now = time.GetUtcNow();
        var incidents = (await Task.WhenAll(ids.Select(id => FindAsync(id, cancellationToken)))).OfType<Incident>().Select(i => i.ToView(now)).ToList();
        return new IncidentPage(incidents, next);
    }

    /// <summary>The deadline timer: raises the approaching and missed alerts that are due (from the due rows, never a scan).</summary>
    public async Task<int> RaiseDueAlertsAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var changed = 0;
        foreach (var incidentId in await DueIndex.DueIdsAsync(_table, now, cancellationToken))
        {
            if (await FindAsync(incidentId, cancellationToken) is not { } before)
            {
                continue;
            }

            var after = await store.UpdateAsync(incidentId, i => i.RaiseAlerts(now), () => NotFound(incidentId), cancellationToken);
            changed += after.State.Version != before.Version ? 1 : 0;
        }

        return changed;
    }

    private static GovernanceProblem NotFound(string incidentId) => GovernanceProblem.NotFound($"No incident with id '{incidentId}'.");
}
