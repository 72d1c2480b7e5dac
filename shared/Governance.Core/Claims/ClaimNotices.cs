using System.Text.Json;
using Governance.Core.Developers;
using Governance.Core.Events;
using Governance.Core.Json;
using Governance.Core.Policies;
using Governance.Core.Webhooks;

namespace Governance.Core.Claims;

/// <summary>Data of a <c>recourse.opened</c> / <c>recourse.overdue</c> notice to the app's developer.</summary>
public sealed record RecourseNoticeData(
    string ClaimId,
    string AppId,
    string Status,
    MoneyAmount Outstanding,
    DateTimeOffset NoticeAt,
    DateTimeOffset? RecourseOpenedAt,
    DateTimeOffset? RecourseDueAt);

/// <summary>
/// Notices to the developer of a claim's app, as signed webhooks to the callback endpoint registered at sign-up (the
/// kernel's delivery: callbacks queue, retries, a 410 disables the endpoint; one without an endpoint is dropped there).
/// The <c>webhook-id</c> is <c>{claimId}:{type}</c>, stable across retries. An app without a developer gets none.
/// </summary>
public static class ClaimNotices
{
    public const string RecourseOpenedType = "recourse.opened";
    public const string RecourseOverdueType = "recourse.overdue";

    public static IEnumerable<FollowUp> RecourseOpened(Claim claim, RecourseTerms terms, DateTimeOffset at) => Notice(claim, terms, RecourseOpenedType, at);

    public static IEnumerable<FollowUp> RecourseOverdue(Claim claim, RecourseTerms terms, DateTimeOffset at) => Notice(claim, terms, RecourseOverdueType, at);

    private static IEnumerable<FollowUp> Notice(Claim claim, RecourseTerms terms, string type, DateTimeOffset at)
    {
        if (terms.DeveloperId is not { } developerId)
        {
            yield break;
        }

        var data = new RecourseNoticeData(claim.ClaimId, claim.Filing.AppId, ClaimStateMachine.ToWire(claim.Status), new MoneyAmount(claim.Outstanding, claim.Currency),
            at, claim.RecourseOpenedAt, claim.RecourseDueAt);
        yield return WebhookFollowUp.Of($"{claim.ClaimId}:{type}", developerId, DeveloperService.CallbackEndpointId, type, JsonSerializer.Serialize(data, GovernanceJson.Options));
    }
}
