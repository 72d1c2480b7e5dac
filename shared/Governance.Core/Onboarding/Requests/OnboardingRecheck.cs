using System.Globalization;
using Azure.Data.Tables;
using Governance.Core.Aggregates;
using Governance.Core.Apps;
using Governance.Core.Policies;
using Governance.Core.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Governance.Core.Onboarding.Requests;

/// <summary>What one run of the re-check timer did.</summary>
public sealed record RecheckSummary(int AppsExamined, int ContractsRechecked, int FlaggedByLibrary, int FlaggedAsDue, int Failures);

/// <summary>
/// The re-check timer (<c>OnboardingRecheckSchedule</c>): pages through the index of onboarded apps (one row per
/// app, written by each approval; never a table scan) and, for each app that is still <c>active</c>:
/// <list type="bullet">
/// <item>when the active clause library's version differs from the one the approval stands on, runs the check again
/// on the stored contract and manifest and flags the app for re-assessment (source <c>clause-library:{version}</c>)
/// when it would no longer be approved; the request records the version either way, so each app is re-checked once
/// per version. At most <c>Onboarding__RecheckMaxPerRun</c> contracts a run, the rest on the next runs;</item>
/// <item>flags the app (source <c>reassessment-due:{date}</c>) once its re-assessment is due: the profile's interval
/// for the highest classification it declared, counted from its last assessment.</item>
/// </list>
/// Flags are the app's own (<see cref="AppRegistry.FlagForReassessmentAsync"/>): a source already open changes nothing,
/// and an approved resubmission clears them. One app's failure is logged and does not stop the run.
/// </summary>
public sealed class OnboardingRecheck(
    TableServiceClient tables,
    AggregateStore<OnboardingRequest> store,
    ContractStore contracts,
    AppRegistry apps,
    IPolicyProfileProvider profiles,
    IOptions<OnboardingOptions> options,
    TimeProvider time,
    ILogger<OnboardingRecheck> logger)
{
    private const int PageSize = 200;
    private readonly TableClient _index = tables.GetTableClient(TableNames.OnboardingRequests);

    public async Task<RecheckSummary> RunAsync(CancellationToken cancellationToken = default)
    {
        var profile = profiles.Current;
        var version = profile.Onboarding.ClauseLibrary.Version;
        var budget = options.Value.RecheckMaxPerRun;
        int examined = 0, rechecked = 0, byLibrary = 0, due = 0, failures = 0;
        await foreach (var row in _index.QueryAsync<TableEntity>(e => e.PartitionKey == OnboardingIndex.Onboarded, PageSize, cancellationToken: cancellationToken))
        {
            var appId = row.RowKey;
            try
            {
                if (await apps.FindAsync(appId, cancellationToken) is not { Status: AppStatuses.Active } app)
                {
                    continue;
                }

                examined++;
                if (row.GetString("ClauseLibraryVersion") != version && rechecked < budget)
                {
                    rechecked++;
                    byLibrary += await RecheckAsync(appId, row.GetString("RequestId") ?? string.Empty, profile, cancellationToken) ? 1 : 0;
                }

                due += await FlagIfDueAsync(app, row, profile, cancellationToken) ? 1 : 0;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                failures++;
                logger.LogError(ex, "Re-check of onboarded app {AppId} failed; the next run tries again.", appId);
            }
        }

        var summary = new RecheckSummary(examined, rechecked, byLibrary, due, failures);
        logger.LogInformation("Onboarding re-check: {Summary}", summary);
        return summary;
    }

    /// <summary>Checks the approved request's stored contract against the active library; true when the app was flagged.</summary>
    private async Task<bool> RecheckAsync(string appId, string requestId, PolicyProfile profile, CancellationToken cancellationToken)
    {
        if (await store.FindAsync(requestId, cancellationToken) is not { } stored)
        {
            throw new InvalidOperationException($"The index names onboarding request {requestId} for app {appId}, which does not exist.");
        }

        var request = stored.State;
        var version = profile.Onboarding.ClauseLibrary.Version;
        var bytes = await contracts.GetAsync(request.Contract.Sha256, cancellationToken);
        var result = ContractCheck.Run(bytes, request.Contract.FileName, request.Manifest, profile, options.Value.Extraction, cancellationToken);
        var flagged = false;
        if (result.Decision.Outcome != OnboardingOutcome.Approved)
        {
            var rules = result.Decision.Findings.Where(f => f.Status != FindingStatus.Satisfied && (f.IsProblem || f.Status == FindingStatus.Unreadable)).Select(f => f.RuleId).Distinct();
            await apps.FlagForReassessmentAsync(appId, $"clause-library:{version}",
                $"Checked again under clause library {version}, the contract of onboarding request {requestId} would be {OnboardingStatuses.Of(result.Decision.Outcome)} ({string.Join(", ", rules)}).",
                PolicyRuleIds.OnboardingThirdPartyObligations, OnboardingRequest.CheckActor, cancellationToken);
            flagged = true;
        }

        await store.UpdateAsync(requestId, r => r.Rechecked(version, result.Decision.Outcome, time.GetUtcNow()),
            () => new InvalidOperationException($"Onboarding request {requestId} disappeared."), cancellationToken);
        return flagged;
    }

    private async Task<bool> FlagIfDueAsync(AppRecord app, TableEntity row, PolicyProfile profile, CancellationToken cancellationToken)
    {
        if (row.GetDateTimeOffset("AssessedAt") is not { } assessedAt)
        {
            return false;
        }

        var highest = row.GetString("HighestClassification") ?? DataClassifications.General;
        var interval = profile.Onboarding.Reassessment.IntervalFor([highest]);
        var dueAt = assessedAt + interval;
        if (time.GetUtcNow() < dueAt)
        {
            return false;
        }

        var day = dueAt.UtcDateTime.ToString("yyyy'-'MM'-'dd", CultureInfo.InvariantCulture);
        var source = $"reassessment-due:{day}";
        if (app.Reassessments.Any(r => r.Source == source))
        {
            return false;
        }

        await apps.FlagForReassessmentAsync(app.AppId, source,
            $"Re-assessment due since {day}: last assessed {assessedAt.UtcDateTime.ToString("yyyy'-'MM'-'dd", CultureInfo.InvariantCulture)} with {highest} data, which is re-assessed every {interval.TotalDays:0} days.",
            PolicyRuleIds.OnboardingThirdPartyObligations, OnboardingRequest.CheckActor, cancellationToken);
        return true;
    }
}
