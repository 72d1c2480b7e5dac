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
/// The row records the registering operation's id (<c>OperationId</c>): registering again under the same id (a
/// retry of a request whose answer was lost) is the same registration, answered again and audited once (by record id).
/// </summary>
public sealed class AppRegistry(TableServiceClient tables, DeveloperService developers, IAuditLog audit, TimeProvider time) : IAppDirectory
{
    public const string RowKey = "app";
    public const string RegisteredAction = "app.registered";
    private const int MaxNameLength = 200;
    private const int MaxPageSize = 1000;

    private readonly TableClient _table = tables.GetTableClient(TableNames.Apps);

    public Task<AppRecord> RegisterAsync(AppRegistration request, AuditActor actor, CancellationToken cancellationToken = default)
        => RegisterAsync(request, actor, operationId: null, cancellationToken);

    /// <summary>Registers the app as operation <paramref name="operationId"/> (a fresh one when null); see the class remarks.</summary>
    public async Task<AppRecord> RegisterAsync(AppRegistration request, AuditActor actor, string? operationId, CancellationToken cancellationToken = default)
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

        // Whole milliseconds: what the table gives back, so answering a repeated registration repeats the first answer.
        var now = time.GetUtcNow();
        var createdAt = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
        var record = new AppRecord(request.AppId!, request.Name!.Trim(), request.DeveloperId, AppStatuses.Active, createdAt);
        var row = new TableEntity(record.AppId, RowKey)
        {
            ["Name"] = record.Name,
            ["DeveloperId"] = record.DeveloperId,
            ["Status"] = record.Status,
            ["CreatedAt"] = record.CreatedAt,
            ["OperationId"] = operationId,
        };
        try
        {
            await _table.AddEntityAsync(row, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return await RepeatedRegistrationAsync(record.AppId, actor, operationId, cancellationToken);
        }

        await audit.AppendAsync(Registered(actor, record.AppId, operationId), cancellationToken);
        return record;
    }

    private async Task<AppRecord> RepeatedRegistrationAsync(string appId, AuditActor actor, string operationId, CancellationToken cancellationToken)
    {
        var existing = await _table.GetEntityIfExistsAsync<TableEntity>(appId, RowKey, cancellationToken: cancellationToken);
        if (!existing.HasValue || existing.Value is null || !string.Equals(existing.Value.GetString("OperationId"), operationId, StringComparison.Ordinal))
        {
            throw GovernanceProblem.Conflict($"An app with id '{appId}' already exists.");
        }

        await audit.AppendAsync(Registered(actor, appId, operationId), cancellationToken);
        return ToRecord(existing.Value) with { Status = AppStatuses.Active }; // the registration's answer, whatever happened since
    }

    /// <summary>The registration's entry, under a record id naming its operation: a repeated registration appends it once.</summary>
    private static AuditRecord Registered(AuditActor actor, string appId, string operationId)
        => new(actor, RegisteredAction, Resource(appId), AppStatuses.Active) { RecordId = $"{Resource(appId)}:registered:{operationId}" };

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
        return await PageTokens.QueryAsync<(IReadOnlyList<AppRecord>, string?)>(continuationToken, async token =>
        {
            await foreach (var page in _table.QueryAsync<TableEntity>(e => e.RowKey == RowKey, size, cancellationToken: cancellationToken).AsPages(token, size))
            {
                return (page.Values.Select(ToRecord).ToList(), PageTokens.ToClient(page.ContinuationToken));
            }

            return ([], null);
        });
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
