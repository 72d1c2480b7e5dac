using Azure.Data.Tables;
using Governance.Core.Aggregates;
using Governance.Core.Audit;
using Governance.Core.Developers;
using Governance.Core.Problems;
using Governance.Core.Storage;
using Governance.Core.Validation;

namespace Governance.Core.Apps;

/// <summary>Looks up apps; what claims processing and recourse need from the registry.</summary>
public interface IAppDirectory
{
    /// <summary>The app, or null when no app has that id (an invalid id is simply not found).</summary>
    Task<AppRecord?> FindAsync(string appId, CancellationToken cancellationToken = default);
}

/// <summary>
/// The app registry: <see cref="App"/> aggregates in the <c>Apps</c> table through the one aggregate store.
/// Registration is create-if-absent; registering again under the same operation id (a retry of a request whose
/// answer was lost) is the same registration, answered again; another registration of the id is a 409.
/// </summary>
public sealed class AppRegistry(AggregateStore<App> store, TableServiceClient tables, DeveloperService developers, TimeProvider time) : IAppDirectory
{
    public const string RowKey = AppMap.AppRowKey;
    public const string RegisteredAction = App.RegisteredAction;
    private const int MaxNameLength = 200;

    /// <summary>The longest reason of a suspension or reinstatement.</summary>
    public const int MaxReasonLength = 4000;
    private const int MaxPageSize = 1000;

    private readonly TableClient _table = tables.GetTableClient(TableNames.Apps);

    /// <summary>Registers the app as operation <paramref name="operationId"/>; see the class remarks.</summary>
    public Task<AppRecord> RegisterAsync(AppRegistration request, AuditActor actor, string operationId, CancellationToken cancellationToken = default)
        => RegisterAsync(request, actor, operationId, data: null, rule: null, cancellationToken);

    /// <summary>
    /// Registers the app with what it declared about its data (onboarding's approval passes the manifest's
    /// categories and the request id as <paramref name="operationId"/>, so a retried approval is the same registration).
    /// </summary>
    public async Task<AppRecord> RegisterAsync(AppRegistration request, AuditActor actor, string? operationId, AppDataDeclaration? data, string? rule, CancellationToken cancellationToken = default)
    {
        operationId ??= Guid.NewGuid().ToString("N");
        var errors = new ValidationErrors()
            .Required("name", request.Name)
            .MaxLength("name", request.Name, MaxNameLength)
            .NoControlCharacters("name", request.Name);
        if (AppIds.Check(request.AppId) is { } appIdProblem)
        {
            errors.Add("appId", appIdProblem);
        }

        if (request.DeveloperId is not null)
        {
            try
            {
                await developers.GetAsync(request.DeveloperId, cancellationToken);
            }
            catch (GovernanceProblem problem) when (problem.Status == 404)
            {
                errors.Add("developerId", "is not a registered developer.");
            }
        }

        errors.ThrowIfAny();
        var change = App.Register(request.AppId!, request.Name!.Trim(), request.DeveloperId, operationId, actor, time.GetUtcNow(), rule, data);
        var created = await store.CreateAsync(change.State.AppId, change, cancellationToken);
        if (!created.IsNew && !string.Equals(created.State.OperationId, operationId, StringComparison.Ordinal))
        {
            throw GovernanceProblem.Conflict($"An app with id '{change.State.AppId}' already exists.");
        }

        // A repeated registration answers as the first did, whatever happened to the app since.
        return created.State.ToRecord() with { Status = AppStatuses.Active };
    }

    public async Task<AppRecord> SuspendAsync(string appId, string reason, string? rule, AuditActor actor, CancellationToken cancellationToken = default)
    {
        CheckStatusChange(appId, reason);
        return (await store.UpdateAsync(appId, app => app.Suspend(reason.Trim(), rule, actor, time.GetUtcNow()), () => NotFound(appId), cancellationToken)).State.ToRecord();
    }

    public async Task<AppRecord> ReinstateAsync(string appId, string reason, AuditActor actor, CancellationToken cancellationToken = default)
    {
        CheckStatusChange(appId, reason);
        return (await store.UpdateAsync(appId, app => app.Reinstate(reason.Trim(), actor, time.GetUtcNow()), () => NotFound(appId), cancellationToken)).State.ToRecord();
    }

    /// <summary>Flags the app for re-assessment from <paramref name="source"/>; a flag from the same source already open changes nothing.</summary>
    public async Task<AppRecord> FlagForReassessmentAsync(string appId, string source, string reason, string? rule, AuditActor actor, CancellationToken cancellationToken = default)
        => (await store.UpdateAsync(appId, app => app.FlagForReassessment(source, reason, rule, actor, time.GetUtcNow()), () => NotFound(appId), cancellationToken)).State.ToRecord();

    /// <summary>Clears the app's re-assessment flags after a new assessment (optionally with what it now declares).</summary>
    public async Task<AppRecord> ClearReassessmentsAsync(string appId, AppDataDeclaration? data, string reason, AuditActor actor, CancellationToken cancellationToken = default)
        => (await store.UpdateAsync(appId, app => app.ClearReassessments(data, actor, time.GetUtcNow(), reason), () => NotFound(appId), cancellationToken)).State.ToRecord();

    /// <summary>The apps that declared a data category of this name (from its index partition, never a table scan).</summary>
    public Task<IReadOnlyList<string>> AppIdsWithCategoryAsync(string categoryName, CancellationToken cancellationToken = default)
        => IndexedAppIdsAsync(AppIndex.ByCategory(categoryName), cancellationToken);

    public async Task<AppRecord?> FindAsync(string appId, CancellationToken cancellationToken = default)
        => AppIds.IsValid(appId) && await store.FindAsync(appId, cancellationToken) is { } stored ? stored.State.ToRecord() : null;

    public async Task<AppRecord> GetAsync(string appId, CancellationToken cancellationToken = default)
        => await FindAsync(appId, cancellationToken) ?? throw NotFound(appId);

    public async Task<(IReadOnlyList<AppRecord> Apps, string? ContinuationToken)> ListAsync(string? continuationToken, int pageSize, CancellationToken cancellationToken = default)
    {
        var size = Math.Clamp(pageSize, 1, MaxPageSize);
        return await PageTokens.QueryAsync<(IReadOnlyList<AppRecord>, string?)>(continuationToken, async token =>
        {
            await foreach (var page in _table.QueryAsync<TableEntity>(e => e.RowKey == RowKey, size, cancellationToken: cancellationToken).AsPages(token, size))
            {
                return (page.Values.Select(row => store.Map.FromRow(row).ToRecord()).ToList(), PageTokens.ToClient(page.ContinuationToken));
            }

            return ([], null);
        });
    }

    /// <summary>The apps of one developer (from its index partition, never a table scan).</summary>
    public Task<IReadOnlyList<string>> AppIdsOfDeveloperAsync(string developerId, CancellationToken cancellationToken = default)
        => IndexedAppIdsAsync(AppIndex.ByDeveloper(developerId), cancellationToken);

    private async Task<IReadOnlyList<string>> IndexedAppIdsAsync(string partition, CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        await foreach (var row in _table.QueryAsync<TableEntity>(e => e.PartitionKey == partition, select: ["RowKey"], cancellationToken: cancellationToken))
        {
            ids.Add(row.RowKey[AppIndex.RowPrefix.Length..]);
        }

        return ids;
    }

    public static string Resource(string appId) => App.Resource(appId);

    /// <summary>An id that cannot be an app's is not found (never a storage error); a reason is required, one paragraph or a few.</summary>
    private static void CheckStatusChange(string appId, string? reason)
    {
        if (!AppIds.IsValid(appId))
        {
            throw NotFound(appId.Length <= AppIds.MaxLength ? appId : appId[..AppIds.MaxLength] + "…");
        }

        new ValidationErrors()
            .Required("reason", reason)
            .MaxLength("reason", reason, MaxReasonLength)
            .NoControlCharacters("reason", reason, allowLineBreaks: true)
            .ThrowIfAny();
    }

    private static GovernanceProblem NotFound(string appId) => GovernanceProblem.NotFound($"No app with id '{appId}'.");
}
