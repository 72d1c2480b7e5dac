using Azure;
using Azure.Data.Tables;
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
/// The app registry in the <c>Apps</c> table: PartitionKey = app id (restricted by <see cref="AppIds"/>, so
/// it needs no escaping), RowKey = <c>app</c>. Creation is insert-if-absent: the table's conflict is the 409.
/// </summary>
public sealed class AppRegistry(TableServiceClient tables, DeveloperService developers, IAuditLog audit, TimeProvider time) : IAppDirectory
{
    public const string RowKey = "app";
    private const int MaxNameLength = 200;
    private const int MaxPageSize = 1000;

    private readonly TableClient _table = tables.GetTableClient(TableNames.Apps);

    public async Task<AppRecord> RegisterAsync(AppRegistration request, AuditActor actor, CancellationToken cancellationToken = default)
    {
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

        var record = new AppRecord(request.AppId!, request.Name!.Trim(), request.DeveloperId, AppStatuses.Active, time.GetUtcNow());
        var row = new TableEntity(record.AppId, RowKey)
        {
            ["Name"] = record.Name,
            ["DeveloperId"] = record.DeveloperId,
            ["Status"] = record.Status,
            ["CreatedAt"] = record.CreatedAt,
        };
        try
        {
            await _table.AddEntityAsync(row, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            throw GovernanceProblem.Conflict($"An app with id '{record.AppId}' already exists.");
        }

        await audit.AppendAsync(new AuditRecord(actor, "app.registered", Resource(record.AppId), "active"), cancellationToken);
        return record;
    }

    public async Task<AppRecord?> FindAsync(string appId, CancellationToken cancellationToken = default)
    {
        if (!AppIds.IsValid(appId))
        {
            return null;
        }

        var row = await _table.GetEntityIfExistsAsync<TableEntity>(appId, RowKey, cancellationToken: cancellationToken);
        return row.HasValue && row.Value is not null ? ToRecord(row.Value) : null;
    }

    public async Task<AppRecord> GetAsync(string appId, CancellationToken cancellationToken = default)
        => await FindAsync(appId, cancellationToken) ?? throw GovernanceProblem.NotFound($"No app with id '{appId}'.");

    public async Task<(IReadOnlyList<AppRecord> Apps, string? ContinuationToken)> ListAsync(string? continuationToken, int pageSize, CancellationToken cancellationToken = default)
    {
        var size = Math.Clamp(pageSize, 1, MaxPageSize);
        await foreach (var page in _table.QueryAsync<TableEntity>(e => e.RowKey == RowKey, size, cancellationToken: cancellationToken).AsPages(PageTokens.FromClient(continuationToken), size))
        {
            return (page.Values.Select(ToRecord).ToList(), PageTokens.ToClient(page.ContinuationToken));
        }

        return ([], null);
    }

    public static string Resource(string appId) => "apps/" + appId;

    private static AppRecord ToRecord(TableEntity row)
        => new(
            row.PartitionKey,
            row.GetString("Name") ?? string.Empty,
            row.GetString("DeveloperId"),
            row.GetString("Status") ?? AppStatuses.Active,
            row.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue);
}
