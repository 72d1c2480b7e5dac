using Azure.Data.Tables;
using Governance.Core.Aggregates;
using Governance.Core.Problems;
using Governance.Core.Security;
using Governance.Core.Storage;
using Governance.Core.Validation;

namespace Governance.Core.Onboarding.Requests;

/// <summary>Reads requests: one by id (its developer or staff; another developer gets a 404), and staff lists by status from the index rows (never a table scan).</summary>
public sealed class OnboardingQueries(AggregateStore<OnboardingRequest> store, TableServiceClient tables)
{
    public const int DefaultPageSize = 100;
    public const int MaxPageSize = 1000;

    private readonly TableClient _table = tables.GetTableClient(TableNames.OnboardingRequests);

    /// <summary>The request, or null when no request has that id (an id of another shape is simply not found).</summary>
    public async Task<OnboardingRequest?> FindAsync(string requestId, CancellationToken cancellationToken = default)
        => OnboardingIds.IsRequestId(requestId) && await store.FindAsync(requestId, cancellationToken) is { } stored ? stored.State : null;

    /// <summary>The request as <paramref name="caller"/> may see it: a developer only its own (others are a 404, never a 403).</summary>
    public async Task<OnboardingRequestView> GetAsync(string requestId, Caller caller, CancellationToken cancellationToken = default)
    {
        var request = await FindAsync(requestId, cancellationToken);
        if (request is null || (caller.IsDeveloper && request.DeveloperId != caller.DeveloperId) || !(caller.IsDeveloper || caller.IsStaff))
        {
            throw NotFound(requestId);
        }

        return View(request);
    }

    public async Task<OnboardingRequestPage> ListAsync(string? status, string? continuationToken, int pageSize, CancellationToken cancellationToken = default)
    {
        if (status is not null && !OnboardingStatuses.All.Contains(status))
        {
            throw GovernanceProblem.Validation(new ValidationErrors().Add("status", $"must be one of {string.Join(", ", OnboardingStatuses.All)}.").ToDictionary());
        }

        var partition = status is null ? OnboardingIndex.AllRequests : OnboardingIndex.ByStatus(status);
        var size = Math.Clamp(pageSize, 1, MaxPageSize);
        return await PageTokens.QueryAsync(continuationToken, async token =>
        {
            await foreach (var page in _table.QueryAsync<TableEntity>(e => e.PartitionKey == partition, size, cancellationToken: cancellationToken).AsPages(token, size))
            {
                return new OnboardingRequestPage(page.Values.Select(Summary).ToList(), PageTokens.ToClient(page.ContinuationToken));
            }

            return new OnboardingRequestPage([], null);
        });
    }

    public static OnboardingRequestView View(OnboardingRequest r)
        => new(
            r.RequestId,
            r.Status,
            r.Decision,
            r.DecidedAppId,
            r.ProfileId,
            r.Status == OnboardingStatuses.Checking ? [] : r.Check?.Findings ?? [],
            r.PreviousRequestId,
            r.DeveloperId,
            r.Manifest.App?.Name ?? string.Empty,
            r.SubmittedAt,
            r.DecidedAt,
            r.Check?.ClauseLibraryVersion,
            new OnboardingContractView(r.Contract.Sha256, r.Contract.FileName, r.Contract.Format, r.Contract.Length, r.Check?.PageCount),
            r.Error,
            r.Override is { } o ? new OnboardingOverrideView(o.Decision, o.Reason, o.PreviousStatus, o.At) : null);

    public static GovernanceProblem NotFound(string requestId) => GovernanceProblem.NotFound($"No onboarding request '{Shorten(requestId)}'.");

    private static OnboardingRequestSummary Summary(TableEntity row)
        => new(row.GetString("RequestId") ?? string.Empty, row.GetString("DeveloperId") ?? string.Empty, row.GetString("AppName") ?? string.Empty,
            row.GetString("Status") ?? string.Empty, row.GetDateTimeOffset("SubmittedAt") ?? DateTimeOffset.MinValue, row.GetDateTimeOffset("DecidedAt"));

    private static string Shorten(string id) => id.Length <= 64 ? id : id[..64] + "…";
}
