using Governance.Core.Aggregates;
using Governance.Core.Audit;
using Governance.Core.Validation;

namespace Governance.Core.Claims;

/// <summary>
/// Body of <c>POST /api/claims/{claimId}/payout-confirmation</c>. <see cref="ClaimId"/> is required in a signed
/// webhook (the signature covers the body, not the URL, so the body must name the claim it confirms) and, when
/// an operator sends it, must also match the URL.
/// </summary>
public sealed record PayoutConfirmationRequest(string? PayoutReference, DateTimeOffset? PaidAt, string? ClaimId = null);

/// <summary>
/// The payments system (signed webhook, source <c>Payments</c>) or an operator confirms that the user was paid
/// (<see cref="Claim.ConfirmPayout"/>): the claim becomes <c>prepaid</c> and the payout is posted. The same
/// confirmation again returns the claim; a different payout reference for a paid claim is a 409.
/// </summary>
public sealed class PayoutConfirmations(AggregateStore<Claim> store, ClaimQueries queries, TimeProvider time)
{
    public const string WebhookSource = "Payments";
    public const int MaxBodyBytes = 16 * 1024;

    /// <param name="signedBody">The body came in a signed webhook: it must name the claim.</param>
    public async Task<ClaimView> ConfirmAsync(string claimId, PayoutConfirmationRequest request, AuditActor actor, bool signedBody, CancellationToken cancellationToken = default)
    {
        Validate(claimId, request, signedBody);
        if (!ClaimKeys.IsClaimId(claimId))
        {
            throw ClaimQueries.NotFound(claimId);
        }

        var reference = request.PayoutReference!.Trim();
        var stored = await store.UpdateAsync(claimId, c => c.ConfirmPayout(reference, request.PaidAt, actor, time.GetUtcNow()), () => ClaimQueries.NotFound(claimId), cancellationToken);
        return await queries.ViewAsync(stored.State, cancellationToken);
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
