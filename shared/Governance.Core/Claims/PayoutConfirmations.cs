using System.Text;
using System.Text.Json;
using Governance.Core.Audit;
using Governance.Core.Idempotency;
using Governance.Core.Json;
using Governance.Core.Policies;
using Governance.Core.Problems;
using Governance.Core.Validation;

namespace Governance.Core.Claims;

/// <summary>
/// Body of <c>POST /api/claims/{claimId}/payout-confirmation</c>. <see cref="ClaimId"/> is required in a signed
/// webhook (the signature covers the body, not the URL, so the body must name the claim it confirms) and, when
/// an operator sends it, must also match the URL.
/// </summary>
public sealed record PayoutConfirmationRequest(string? PayoutReference, DateTimeOffset? PaidAt, string? ClaimId = null);

/// <summary>
/// The payments system (signed webhook, source <c>Payments</c>) or an operator confirms that the user was
/// paid: the claim becomes <c>prepaid</c> and the payout is posted. Idempotent: the same confirmation again
/// returns the claim; a different payout reference for a paid claim is a 409. A webhook is bound to its claim
/// by the signed body and runs once per <c>webhook-id</c> (the idempotency store replays its first response).
/// </summary>
public sealed class PayoutConfirmations(
    ClaimStore store,
    ClaimFollowUp followUp,
    IdempotencyStore idempotency,
    IPolicyProfileProvider profiles,
    TimeProvider time)
{
    public const string WebhookSource = "Payments";
    public const string IdempotencyScope = "payout-webhook";
    public const int MaxBodyBytes = 16 * 1024;

    /// <summary>A payments webhook verified at the HTTP edge (source <see cref="WebhookSource"/>): the same <c>webhook-id</c> again gets the first response, with no second effect.</summary>
    public async Task<StoredResponse> ConfirmByWebhookAsync(string claimId, string webhookId, byte[] body, PayoutConfirmationRequest request, CancellationToken cancellationToken = default)
    {
        Validate(claimId, request, claimIdRequired: true);
        var result = await idempotency.ExecuteAsync(
            IdempotencyScope,
            webhookId,
            IdempotencyStore.HashRequest(body, claimId),
            async ct =>
            {
                var view = await ConfirmAsync(claimId, request, AuditActor.Webhook(WebhookSource), ct);
                return new StoredResponse(200, "application/json", Encoding.UTF8.GetBytes(JsonSerializer.Serialize(view, GovernanceJson.Options)));
            },
            cancellationToken);
        return result.Response;
    }

    public async Task<ClaimView> ConfirmAsync(string claimId, PayoutConfirmationRequest request, AuditActor actor, CancellationToken cancellationToken = default)
    {
        Validate(claimId, request, claimIdRequired: false);
        var reference = request.PayoutReference!.Trim();

        for (var attempt = 0; attempt < 5; attempt++)
        {
            var claim = await store.GetAsync(claimId, cancellationToken) ?? throw ClaimQueries.NotFound(claimId);
            var status = claim.GetStatus();
            if (claim.PrepaidAt is not null)
            {
                return claim.PayoutReference == reference
                    ? await ClaimView.ReadAsync(store, await followUp.RunAsync(claim, cancellationToken), profiles.Current, cancellationToken)
                    : throw GovernanceProblem.Conflict($"Claim '{claimId}' was already paid out under reference '{claim.PayoutReference}'.");
            }

            if (status != ClaimStatus.Approved)
            {
                throw GovernanceProblem.Conflict($"Claim '{claimId}' is {claim.Status}; only approved claims can be paid out.");
            }

            var now = time.GetUtcNow();
            ClaimTransitions.Move(claim, ClaimStatus.Prepaid, actor, PolicyRuleIds.ClaimsAdvanceCompensation, now, new Dictionary<string, string>
            {
                ["payoutReference"] = reference,
            });
            claim.PrepaidAt = request.PaidAt?.ToUniversalTime() ?? now;
            claim.PayoutReference = reference;
            try
            {
                await store.UpdateAsync(claim, cancellationToken);
            }
            catch (ClaimChangedException)
            {
                continue;
            }

            return await ClaimView.ReadAsync(store, await followUp.RunAsync(claim, cancellationToken), profiles.Current, cancellationToken);
        }

        throw GovernanceProblem.Conflict($"Claim '{claimId}' kept changing; retry the confirmation.");
    }

    private void Validate(string claimId, PayoutConfirmationRequest request, bool claimIdRequired)
    {
        var errors = new ValidationErrors()
            .Required("payoutReference", request.PayoutReference)
            .MaxLength("payoutReference", request.PayoutReference, ClaimWebhookValidator.MaxIdLength)
            .NoControlCharacters("payoutReference", request.PayoutReference);
        if (claimIdRequired && string.IsNullOrEmpty(request.ClaimId))
        {
            errors.Add("claimId", "is required: the signed body must name the claim it confirms.");
        }
        else if (request.ClaimId is not null && !string.Equals(request.ClaimId, claimId, StringComparison.Ordinal))
        {
            errors.Add("claimId", "must be the claim named in the URL.");
        }

        if (request.PaidAt is { } paidAt)
        {
            ClaimWebhookValidator.Date(errors, "paidAt", paidAt, time.GetUtcNow());
        }

        errors.ThrowIfAny();
    }
}
