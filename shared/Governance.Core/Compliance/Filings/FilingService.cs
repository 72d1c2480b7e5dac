using Azure.Data.Tables;
using Governance.Core.Aggregates;
using Governance.Core.Audit;
using Governance.Core.Compliance.Catalog;
using Governance.Core.Platform;
using Governance.Core.Policies;
using Governance.Core.Problems;
using Governance.Core.Storage;
using Governance.Core.Validation;

namespace Governance.Core.Compliance.Filings;

/// <summary>Regulatory filings: records an event with the duties it carries, closes duties, reads them back.</summary>
public sealed class FilingService(
    AggregateStore<Filing> store,
    DataCatalogService catalog,
    PlatformProfileService platform,
    IPolicyProfileProvider profiles,
    TableServiceClient tables,
    TimeProvider time)
{
    public const int MaxPageSize = 100;

    private readonly TableClient _table = tables.GetTableClient(TableNames.Filings);

    public async Task<FilingView> CreateAsync(RegulatoryFilingRequest? request, AuditActor actor, string operationId, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        if (request is null)
        {
            throw GovernanceProblem.BadRequest("A JSON object describing the event is required.");
        }

        var errors = new ValidationErrors().OneOf("kind", request.Kind, FilingKinds.All);
        if (request.OccursAt is not { } occurs)
        {
            errors.Add("occursAt", "is required (an ISO 8601 date and time).");
        }
        else if (occurs < ComplianceInput.Earliest || occurs > now.AddYears(20))
        {
            errors.Add("occursAt", "must be between 2000-01-01 and 20 years from now.");
        }

        errors.ThrowIfAny();
        var profile = profiles.Current;
        var totals = await catalog.TotalsAsync(cancellationToken);
        var basis = new FilingBasis(
            request.Facts?.AffectsNationalSecurity ?? false,
            totals.ImportantDataHeld,
            totals.PersonalInformationHeld,
            totals.PersonalInformationIndividuals,
            await platform.IsLargePlatformAsync(cancellationToken));
        var occursAt = request.OccursAt!.Value.ToUniversalTime();
        var filing = new Filing(
            ComplianceIds.For(ComplianceIds.FilingPrefix, operationId),
            request.Kind!,
            occursAt,
            basis,
            FilingDuties.Decide(request.Kind!, occursAt, basis, profile),
            ComplianceInput.ToMillisecond(now),
            actor.Id,
            profile.Id,
            operationId,
            1);
        var created = await store.CreateAsync(filing.FilingId, Filing.Record(filing, actor), cancellationToken);
        return created.State.ToView(time.GetUtcNow());
    }

    public async Task<FilingView> CloseDutyAsync(string filingId, string duty, FilingDutyDoneRequest? request, AuditActor actor, CancellationToken cancellationToken = default)
    {
        if (!ComplianceIds.Is(filingId, ComplianceIds.FilingPrefix))
        {
            throw NotFound(filingId);
        }

        if (request is null)
        {
            throw GovernanceProblem.BadRequest("A JSON object {at, reference} is required.");
        }

        new ValidationErrors()
            .Past("at", request.At, time.GetUtcNow())
            .Line("reference", request.Reference, ComplianceInput.MaxReferenceLength)
            .ThrowIfAny();
        var stored = await store.UpdateAsync(filingId, f => f.Close(duty, request.At!.Value.ToUniversalTime(), request.Reference!.Trim(), actor), () => NotFound(filingId), cancellationToken);
        return stored.State.ToView(time.GetUtcNow());
    }

    public async Task<FilingView> GetAsync(string filingId, CancellationToken cancellationToken = default)
        => (await FindAsync(filingId, cancellationToken) ?? throw NotFound(filingId)).ToView(time.GetUtcNow());

    public async Task<Filing?> FindAsync(string filingId, CancellationToken cancellationToken = default)
        => ComplianceIds.Is(filingId, ComplianceIds.FilingPrefix) && await store.FindAsync(filingId, cancellationToken) is { } stored ? stored.State : null;

    public async Task<FilingPage> ListAsync(string? continuationToken, int pageSize, CancellationToken cancellationToken = default)
    {
        var (ids, next) = await ComplianceIndex.PageAsync(_table, FilingIndex.All, continuationToken, Math.Clamp(pageSize, 1, MaxPageSize), cancellationToken);
        var now = time.GetUtcNow();
        return new FilingPage((await Task.WhenAll(ids.Select(id => FindAsync(id, cancellationToken)))).OfType<Filing>().Select(f => f.ToView(now)).ToList(), next);
    }

    private static GovernanceProblem NotFound(string filingId) => GovernanceProblem.NotFound($"No filing with id '{filingId}'.");
}
