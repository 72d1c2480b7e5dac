using Azure.Data.Tables;
using Governance.Core.Policies;
using Governance.Core.Storage;
using Governance.Core.Validation;

namespace Governance.Core.Platform;

/// <summary>
/// The platform's size in the <c>Platform</c> table (one row), which decides whether large-platform duties
/// apply under the active policy profile. Until an operator sets it, the size is unknown (all zeros): not large.
/// </summary>
public sealed class PlatformProfileService(TableServiceClient tables, IPolicyProfileProvider profiles, TimeProvider time)
{
    private const string PartitionKey = "platform";
    private const string RowKey = "size";
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
            r.GetString("UpdatedBy"));
    }

    public async Task<PlatformProfile> PutAsync(PlatformSize size, string updatedBy, CancellationToken cancellationToken = default)
    {
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

        errors.ThrowIfAny();

        var now = time.GetUtcNow();
        await _table.UpsertEntityAsync(
            new TableEntity(PartitionKey, RowKey)
            {
                ["DailyActiveUsers"] = size.DailyActiveUsers,
                ["MonthlyActiveUsers"] = size.MonthlyActiveUsers,
                ["RegisteredUsers"] = size.RegisteredUsers,
                ["UpdatedAt"] = now,
                ["UpdatedBy"] = updatedBy,
            },
            TableUpdateMode.Replace,
            cancellationToken);
        return new PlatformProfile(size, now, updatedBy);
    }

    /// <summary>Whether the platform is large under the active profile.</summary>
    public async Task<bool> IsLargePlatformAsync(CancellationToken cancellationToken = default)
        => (await GetAsync(cancellationToken)).Size.IsLargePlatform(profiles.Current.Thresholds.LargePlatform);
}
