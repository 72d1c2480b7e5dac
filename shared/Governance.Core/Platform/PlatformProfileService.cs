using System.Globalization;
using Azure.Data.Tables;
using Governance.Core.Audit;
using Governance.Core.Policies;
using Governance.Core.Security;
using Governance.Core.Storage;
using Governance.Core.Validation;

namespace Governance.Core.Platform;

/// <summary>
/// The platform's size in the <c>Platform</c> table (one row), which decides whether large-platform duties
/// apply under the active policy profile. Until an operator sets it, the size is unknown (all zeros): not large.
/// The same row keeps the operator type an operator declared (<see cref="OperatorTypes"/>), which decides the
/// incident-reporting deadlines; a request without it leaves the declared type as it was.
/// </summary>
public sealed class PlatformProfileService(TableServiceClient tables, IPolicyProfileProvider profiles, IAuditLog audit, TimeProvider time)
{
    private const string PartitionKey = "platform";
    private const string RowKey = "size";
    private const string OperatorTypeColumn = "OperatorType";
    private readonly TableClient _table = tables.GetTableClient(TableNames.Platform);

    public async Task<PlatformProfile> GetAsync(CancellationToken cancellationToken = default)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(PartitionKey, RowKey, cancellationToken: cancellationToken);
        if (!row.HasValue || row.Value is null)
        {
            return new PlatformProfile(PlatformSize.Unknown, null, null);
        }

        var r = row.Value;
        return new PlatformProfile(
            new PlatformSize(r.GetInt64("DailyActiveUsers") ?? 0, r.GetInt64("MonthlyActiveUsers") ?? 0, r.GetInt64("RegisteredUsers") ?? 0),
            r.GetDateTimeOffset("UpdatedAt"),
            r.GetString("UpdatedBy"))
        {
            OperatorType = r.GetString(OperatorTypeColumn),
        };
    }

    /// <summary>Validates a request body (every field required) and stores it as <see cref="PutAsync(PlatformSize, Caller, CancellationToken)"/> does.</summary>
    public Task<PlatformProfile> PutAsync(PlatformSizeRequest? request, Caller caller, CancellationToken cancellationToken = default)
    {
        var errors = new ValidationErrors();
        if (request is null)
        {
            errors.Add("$", "A JSON object with dailyActiveUsers, monthlyActiveUsers and registeredUsers is required.");
            errors.ThrowIfAny();
        }

        if (request!.DailyActiveUsers is null)
        {
            errors.Add("dailyActiveUsers", "is required (a whole number, 0 or more).");
        }

        if (request.MonthlyActiveUsers is null)
        {
            errors.Add("monthlyActiveUsers", "is required (a whole number, 0 or more).");
        }

        if (request.RegisteredUsers is null)
        {
            errors.Add("registeredUsers", "is required (a whole number, 0 or more).");
        }

        if (request.OperatorType is not null && !OperatorTypes.IsKnown(request.OperatorType))
        {
            errors.Add("operatorType", $"must be one of {string.Join(", ", OperatorTypes.All)}.");
        }

        errors.ThrowIfAny();
        return PutAsync(new PlatformSize(request.DailyActiveUsers!.Value, request.MonthlyActiveUsers!.Value, request.RegisteredUsers!.Value), caller, request.OperatorType, cancellationToken);
    }

    /// <summary>Stores the size an operator reports and audits the change under the large-platform rule.</summary>
    public Task<PlatformProfile> PutAsync(PlatformSize size, Caller caller, CancellationToken cancellationToken = default)
        => PutAsync(size, caller, operatorType: null, cancellationToken);

    /// <summary>
    /// Stores the size (and, when given, the operator type; otherwise the declared type stays) and audits the change.
    /// </summary>
    public async Task<PlatformProfile> PutAsync(PlatformSize size, Caller caller, string? operatorType, CancellationToken cancellationToken = default)
    {
        var updatedBy = caller.Subject ?? "unknown";
        var errors = new ValidationErrors();
        if (size.DailyActiveUsers < 0)
        {
            errors.Add("dailyActiveUsers", "must not be negative.");
        }

        if (size.MonthlyActiveUsers < 0)
        {
            errors.Add("monthlyActiveUsers", "must not be negative.");
        }

        if (size.RegisteredUsers < 0)
        {
            errors.Add("registeredUsers", "must not be negative.");
        }

        if (size.DailyActiveUsers > size.MonthlyActiveUsers)
        {
            errors.Add("dailyActiveUsers", "must not exceed monthlyActiveUsers.");
        }

        if (operatorType is not null && !OperatorTypes.IsKnown(operatorType))
        {
            errors.Add("operatorType", $"must be one of {string.Join(", ", OperatorTypes.All)}.");
        }

        errors.ThrowIfAny();

        var now = time.GetUtcNow();
        var row = new TableEntity(PartitionKey, RowKey)
        {
            ["DailyActiveUsers"] = size.DailyActiveUsers,
            ["MonthlyActiveUsers"] = size.MonthlyActiveUsers,
            ["RegisteredUsers"] = size.RegisteredUsers,
            ["UpdatedAt"] = now,
            ["UpdatedBy"] = updatedBy,
        };
        if (operatorType is not null)
        {
            row[OperatorTypeColumn] = operatorType;
        }

        // Merge: a request without an operator type leaves the declared one in the row.
        await _table.UpsertEntityAsync(row, TableUpdateMode.Merge, cancellationToken);
        var details = new Dictionary<string, string>
        {
            ["dailyActiveUsers"] = size.DailyActiveUsers.ToString(CultureInfo.InvariantCulture),
            ["monthlyActiveUsers"] = size.MonthlyActiveUsers.ToString(CultureInfo.InvariantCulture),
            ["registeredUsers"] = size.RegisteredUsers.ToString(CultureInfo.InvariantCulture),
        };
        if (operatorType is not null)
        {
            details["operatorType"] = operatorType;
        }

        await audit.AppendAsync(
            new AuditRecord(AuditActor.From(caller, StaffRoles.Operator), "platform.size.set", "platform/profile", "succeeded", PolicyRuleIds.PlatformLargePlatform, details),
            cancellationToken);
        return operatorType is null ? await GetAsync(cancellationToken) : new PlatformProfile(size, now, updatedBy) { OperatorType = operatorType };
    }

    /// <summary>Whether the platform is large under the active profile.</summary>
    public async Task<bool> IsLargePlatformAsync(CancellationToken cancellationToken = default)
        => (await GetAsync(cancellationToken)).Size.IsLargePlatform(profiles.Current.Thresholds.LargePlatform);
}
