using Azure.Data.Tables;
using Governance.Core.Aggregates;
using Governance.Core.Audit;
using Governance.Core.Compliance.Catalog;
using Governance.Core.Platform;
using Governance.Core.Policies;
using Governance.Core.Problems;
using Governance.Core.Storage;
using Governance.Core.Validation;

namespace Governance.Core.Compliance.Exports;

/// <summary>
/// Cross-border transfers: records one when the profile's rules allow it (a 422 naming every unmet rule
/// otherwise), lists them from their index rows, flags them, runs their expiry, and refuses deletion before the
/// retention period is over.
/// </summary>
public sealed class ExportService(
    AggregateStore<ExportApproval> store,
    DataCatalogService catalog,
    PlatformProfileService platform,
    IPolicyProfileProvider profiles,
    TableServiceClient tables,
    TimeProvider time)
{
    public const int MaxAssets = 20;
    public const int MaxPageSize = 100;
    public static readonly AuditActor TimerActor = AuditActor.System("export-expiry");

    private readonly TableClient _table = tables.GetTableClient(TableNames.Exports);

    public async Task<ExportView> CreateAsync(ExportRequest? request, AuditActor actor, string operationId, CancellationToken cancellationToken = default)
    {
        var profile = profiles.Current;
        var now = time.GetUtcNow();
        Validate(request, profile, now);
        var assets = await catalog.RequireAsync(request!.AssetIds!.Select(a => a!).ToList(), "assetIds", cancellationToken);
        var exported = assets.Select(a => new ExportedAsset(a.AssetId, a.Name, a.Classification, a.Individuals, a.IsSensitive)).ToList();
        var operatorType = (await platform.GetAsync(cancellationToken)).OperatorType ?? OperatorTypes.Other;
        var decision = ExportPolicy.Evaluate(
            new ExportFacts(exported, request.Route!, ComplianceInput.Trimmed(request.Reference), request.ExpiresAt, now, operatorType, await catalog.TotalsAsync(cancellationToken)),
            profile);
        if (!decision.Allowed)
        {
            throw GovernanceProblem.Unprocessable(
                $"The transfer cannot be recorded under policy profile {profile.Id}: {decision.Refusals.Count} rule(s) unmet ({string.Join(", ", decision.Refusals.Keys)}).",
                decision.Refusals);
        }

        var recordedAt = ComplianceInput.ToMillisecond(now);
        var rules = profile.Compliance.Exports;
        var expiresAt = decision.ExpiresAt;
        var export = new ExportApproval(
            ComplianceIds.For(ComplianceIds.ExportPrefix, operationId),
            ExportStatuses.Approved,
            exported.Select(a => a.AssetId).ToList(),
            exported,
            new ExportRecipient(request.Recipient!.Name!.Trim(), request.Recipient.Country!),
            request.Purpose!.Trim(),
            request.Route,
            ComplianceInput.Trimmed(request.Reference),
            expiresAt,
            expiresAt?.AddDays(-rules.ExpiryWarningDays),
            recordedAt,
            actor.Id,
            (expiresAt is { } e && e > recordedAt ? e : recordedAt).AddYears(rules.RecordRetentionYears),
            decision.AppliedRules,
            profile.Id,
            operationId,
            1);
        var created = await store.CreateAsync(export.ExportId, ExportApproval.Record(export, actor), cancellationToken);
        return created.State.ToView(profile);
    }

    public async Task<ExportView> GetAsync(string exportId, CancellationToken cancellationToken = default)
        => (await FindAsync(exportId, cancellationToken) ?? throw NotFound(exportId)).ToView(profiles.Current);

    public async Task<ExportApproval?> FindAsync(string exportId, CancellationToken cancellationToken = default)
        => ComplianceIds.Is(exportId, ComplianceIds.ExportPrefix) && await store.FindAsync(exportId, cancellationToken) is { } stored ? stored.State : null;

    /// <summary>
    /// One page of exports, oldest first. The most selective filter given picks the index partition read (asset,
    /// then country, route, status); the others are checked on the records of that page, so a page may hold fewer
    /// than <paramref name="pageSize"/> exports while a continuation token says there are more.
    /// </summary>
    public async Task<ExportPage> ListAsync(ExportFilter filter, string? continuationToken, int pageSize, CancellationToken cancellationToken = default)
    {
        var errors = new ValidationErrors();
        if (filter.Status is not null)
        {
            errors.OneOf("status", filter.Status, ExportStatuses.All);
        }

        if (filter.RecipientCountry is not null)
        {
            errors.Country("recipientCountry", filter.RecipientCountry);
        }

        if (filter.Route is not null)
        {
            errors.OneOf("route", filter.Route, ExportRoutes.All);
        }

        if (filter.AssetId is not null && !ComplianceIds.Is(filter.AssetId, ComplianceIds.AssetPrefix))
        {
            errors.Add("assetId", "is not a data asset id (ast_…).");
        }

        errors.ThrowIfAny();
        var partition = filter.AssetId is { } asset ? ExportIndex.Asset(asset)
            : filter.RecipientCountry is { } country ? ExportIndex.Country(country)
            : filter.Route is { } route ? ExportIndex.Route(route)
            : filter.Status is { } status ? ExportIndex.Status(status)
            : ExportIndex.All;
        var (ids, next) = await ComplianceIndex.PageAsync(_table, partition, continuationToken, Math.Clamp(pageSize, 1, MaxPageSize), cancellationToken);
        var profile = profiles.Current;
        var exports = (await Task.WhenAll(ids.Select(id => FindAsync(id, cancellationToken))))
            .OfType<ExportApproval>()
            .Where(e => Matches(e, filter))
            .Select(e => e.ToView(profile))
            .ToList();
        return new ExportPage(exports, next);
    }

    public async Task<ExportView> DeleteAsync(string exportId, AuditActor actor, CancellationToken cancellationToken = default)
    {
        if (!ComplianceIds.Is(exportId, ComplianceIds.ExportPrefix))
        {
            throw NotFound(exportId);
        }

        var stored = await store.UpdateAsync(exportId, e => e.Delete(time.GetUtcNow(), profiles.Current, actor), () => NotFound(exportId), cancellationToken);
        return stored.State.ToView(profiles.Current);
    }

    /// <summary>Flags every approved export that lists <paramref name="assetId"/> (from the asset's index partition); returns how many changed.</summary>
    public async Task<int> FlagCoveringAsync(string assetId, string source, string reason, string? rule, AuditActor actor, CancellationToken cancellationToken = default)
    {
        var flagged = 0;
        foreach (var exportId in await ComplianceIndex.AllAsync(_table, ExportIndex.Asset(assetId), cancellationToken))
        {
            var before = await FindAsync(exportId, cancellationToken);
            if (before is null)
            {
                continue;
            }

            var after = await store.UpdateAsync(exportId, e => e.Flag(source, reason, rule, actor, time.GetUtcNow()), () => NotFound(exportId), cancellationToken);
            flagged += after.State.Version != before.Version ? 1 : 0;
        }

        return flagged;
    }

    /// <summary>The expiry timer: warns of approvals expiring within the profile's window and expires those whose time is up (from the due rows).</summary>
    public async Task<int> RunExpiryAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var changed = 0;
        foreach (var exportId in await DueIndex.DueIdsAsync(_table, now, cancellationToken))
        {
            var before = await FindAsync(exportId, cancellationToken);
            if (before is null)
            {
                continue;
            }

            // When the expiry itself is already due (the timer was off), the approval expires without a separate warning.
            var after = await store.UpdateAsync(exportId, e => e.Advance(now, profiles.Current, TimerActor), () => NotFound(exportId), cancellationToken);
            changed += after.State.Version != before.Version ? 1 : 0;
        }

        return changed;
    }

    private static bool Matches(ExportApproval export, ExportFilter filter)
        => (filter.Status is null || export.Status == filter.Status)
            && (filter.RecipientCountry is null || export.Recipient?.Country == filter.RecipientCountry)
            && (filter.Route is null || export.Route == filter.Route)
            && (filter.AssetId is null || export.AssetIds.Contains(filter.AssetId));

    private static void Validate(ExportRequest? request, PolicyProfile profile, DateTimeOffset now)
    {
        if (request is null)
        {
            throw GovernanceProblem.BadRequest("A JSON object describing the transfer is required.");
        }

        var errors = new ValidationErrors()
            .Ids("assetIds", request.AssetIds, ComplianceIds.AssetPrefix, MaxAssets)
            .Text("purpose", request.Purpose, 2000)
            .OneOf("route", request.Route, ExportRoutes.All)
            .Line("reference", request.Reference, ComplianceInput.MaxReferenceLength, required: false);
        if (request.Recipient is null)
        {
            errors.Add("recipient", "is required: {name, country}.");
        }
        else
        {
            errors.Line("recipient.name", request.Recipient.Name).Country("recipient.country", request.Recipient.Country);
            if (request.Recipient.Country == profile.Jurisdiction)
            {
                errors.Add("recipient.country", $"is {profile.Jurisdiction}, the jurisdiction of policy profile {profile.Id}: a transfer within it is not cross-border.");
            }
        }

        if (request.ExpiresAt is { } expires && expires <= now)
        {
            errors.Add("expiresAt", "must be in the future.");
        }
        else if (request.ExpiresAt > now.AddYears(50))
        {
            errors.Add("expiresAt", "must be within 50 years.");
        }

        errors.ThrowIfAny();
    }

    private static GovernanceProblem NotFound(string exportId) => GovernanceProblem.NotFound($"No export with id '{exportId}'.");
}
