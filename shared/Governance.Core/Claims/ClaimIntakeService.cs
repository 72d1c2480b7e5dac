using Governance.Core.Aggregates;
using Governance.Core.Audit;

namespace Governance.Core.Claims;

/// <summary>What intake did with a webhook: stored it (or recognised its own earlier delivery), or found the claim filed by another.</summary>
public sealed record ClaimIntake(ClaimIntakeResponse Response, bool Accepted);

/// <summary>
/// <c>POST /api/webhooks/claims</c> (signature and <c>webhook-id</c> handled at the HTTP edge): stores the claim once
/// per natural key (the claim id is derived from it, so the create-if-absent finds the duplicate) with everything it
/// owes, the queue message included (<see cref="Claim.File"/>). A delivery run again under its operation id (its
/// first response was lost) finds its own claim and gets the same answer: the status token is derived from the
/// claim id (<see cref="ClaimStatusTokens"/>), so it can be rebuilt.
/// </summary>
public sealed class ClaimIntakeService(AggregateStore<Claim> store, ClaimStatusTokens tokens, TimeProvider time)
{
    public const string WebhookSource = "Claims";
    public const int MaxBodyBytes = 64 * 1024;

    /// <summary>Files a verified, parsed webhook; <paramref name="statusUrlBase"/> is the public base of the API (<c>https://host/api</c>).</summary>
    public async Task<ClaimIntake> FileAsync(ClaimWebhook webhook, string webhookId, string operationId, string statusUrlBase, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        ClaimWebhookValidator.Validate(webhook, now);
        var data = webhook.Data!;
        var claimId = ClaimKeys.ClaimIdFor(data.UserId!, data.AppId!, data.OrderId!, data.Damage!.Category!);
        var token = tokens.Issue(claimId);
        var filing = new ClaimFiling(data.ExternalReference!, data.UserId!, data.AppId!, data.OrderId!, data.OccurredAt!.Value, data.Damage,
            data.AmountClaimed!.ToMoney(), data.Evidence ?? []);
        var created = await store.CreateAsync(claimId, Claim.File(claimId, filing, webhookId, operationId, ClaimKeys.HashToken(token), AuditActor.Webhook(WebhookSource), now), cancellationToken);
        if (created.IsNew)
        {
            return Accepted(claimId, token, statusUrlBase);
        }

        return created.State.OperationId == operationId
            ? Accepted(claimId, await OriginalTokenAsync(created.State, cancellationToken), statusUrlBase)
            : new ClaimIntake(new ClaimIntakeResponse(claimId, ClaimStateMachine.ToWire(created.State.Status), DuplicateOf: claimId), Accepted: false);
    }

    private static ClaimIntake Accepted(string claimId, string token, string statusUrlBase)
    {
        var statusUrl = $"{statusUrlBase.TrimEnd('/')}/claims/{claimId}/status?token={Uri.EscapeDataString(token)}";
        return new ClaimIntake(new ClaimIntakeResponse(claimId, ClaimStateMachine.ToWire(ClaimStatus.Received), statusUrl, token), Accepted: true);
    }

    /// <summary>The token the claim was issued with; when the secret that issued it is no longer configured, one from the current secret replaces it.</summary>
    private async Task<string> OriginalTokenAsync(Claim claim, CancellationToken cancellationToken)
    {
        if (tokens.Rebuild(claim.ClaimId, claim.StatusTokenHash) is { } original)
        {
            return original;
        }

        var token = tokens.Issue(claim.ClaimId);
        var stored = await store.UpdateAsync(claim.ClaimId, c => tokens.Rebuild(c.ClaimId, c.StatusTokenHash) is null ? c.ReissueToken(ClaimKeys.HashToken(token)) : null,
            () => new InvalidOperationException($"Claim '{claim.ClaimId}' disappeared."), cancellationToken);
        return tokens.Rebuild(claim.ClaimId, stored.State.StatusTokenHash) ?? token;
    }
}
