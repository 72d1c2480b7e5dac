using Governance.Core.Audit;
using Governance.Core.Policies;
using Governance.Core.Problems;
using Governance.Core.Validation;
using Governance.Core.Webhooks;

namespace Governance.Core.Claims;

/// <summary>Body of <c>POST /api/claims/{claimId}/payout-confirmation</c>.</summary>
public sealed record PayoutConfirmationRequest(string? PayoutReference, DateTimeOffset? PaidAt);

/// <summary>
/// The payments system (signed webhook, source <c>Payments</c>) or an operator confirms that the user was
/// paid: the claim becomes <c>prepaid</c> and the payout is posted. Idempotent: the same confirmation again
/// returns the claim; a different payout reference for a paid claim is a 409.
/// </summary>
public sealed class PayoutConfirmations(
    ClaimStore store,
    ClaimFollowUp followUp,
    InboundWebhookVerifier verifier,
    IPolicyProfileProvider profiles,
    TimeProvider time)
{
    public const string WebhookSource = "Payments";
    public const int MaxBodyBytes = 16 * 1024;

    /// <summary>Verifies a payments webhook; a source without configured secrets accepts no webhooks (401).</summary>
    public void VerifyWebhook(WebhookHeaders headers, ReadOnlySpan<byte> body)
    {
        try
        {
            verifier.SecretsFor(WebhookSource);
        }
        catch (InvalidOperationException)
        {
            throw GovernanceProblem.Unauthorized("Payout confirmations by webhook are not enabled; use an operator token.", "Bearer");
        }

        verifier.Verify(WebhookSource, headers, body);
    }

    public async Task<ClaimView> ConfirmAsync(string claimId, PayoutConfirmationRequest request, AuditActor actor, CancellationToken cancellationToken = default)
    {
        var errors = new ValidationErrors()
            .Required("payoutReference", request.PayoutReference)
            .MaxLength("payoutReference", request.PayoutReference, ClaimWebhookValidator.MaxIdLength);
        errors.ThrowIfAny();
        var reference = request.PayoutReference!.Trim();

        for (var attempt = 0; attempt < 5; attempt++)
        {
            var claim = await store.GetAsync(claimId, cancellationToken) ?? throw ClaimQueries.NotFound(claimId);
            var status = claim.GetStatus();
            if (claim.PrepaidAt is not null)
            {
                return claim.PayoutReference == reference
                    ? ClaimView.From(await followUp.RunAsync(claim, cancellationToken), profiles.Current)
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

            return ClaimView.From(await followUp.RunAsync(claim, cancellationToken, fresh: true), profiles.Current);
        }

        throw GovernanceProblem.Conflict($"Claim '{claimId}' kept changing; retry the confirmation.");
    }
}
