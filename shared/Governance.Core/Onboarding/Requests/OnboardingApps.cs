using Governance.Core.Apps;
using Governance.Core.Audit;
using Governance.Core.Policies;

namespace Governance.Core.Onboarding.Requests;

/// <summary>
/// What an approval does to the app registry: registers the request's app (owned by the developer, <c>active</c>,
/// with the data it declared) under operation id = request id, so a repeated approval is the same registration;
/// for a resubmission of an app already onboarded, records the new declaration and clears its re-assessment flags.
/// Called before the approval commits, so the decision is never announced for an app that does not exist yet.
/// </summary>
public sealed class OnboardingApps(AppRegistry registry)
{
    public async Task EnsureAsync(OnboardingRequest request, AuditActor actor, CancellationToken cancellationToken = default)
    {
        var data = Declaration(request);
        var app = await registry.FindAsync(request.AppId, cancellationToken);
        if (app is null)
        {
            await registry.RegisterAsync(new AppRegistration(request.AppId, request.Manifest.App?.Name, request.DeveloperId), actor,
                operationId: request.RequestId, data, PolicyRuleIds.OnboardingThirdPartyObligations, cancellationToken);
            return;
        }

        if (!string.Equals(app.DeveloperId, request.DeveloperId, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"App '{request.AppId}' of onboarding request {request.RequestId} is registered to another developer; an operator must resolve the clash.");
        }

        if (app.Data?.OnboardingRequestId == request.RequestId)
        {
            return; // this approval's registration or re-assessment is already done
        }

        await registry.ClearReassessmentsAsync(request.AppId, data, $"Re-assessed by onboarding request {request.RequestId}.", actor, cancellationToken);
    }

    public static AppDataDeclaration Declaration(OnboardingRequest request)
    {
        var categories = (request.Manifest.Data?.Categories ?? [])
            .Where(c => c?.Name is not null && c.Classification is not null)
            .Select(c => new AppDataCategory(c.Name!.Trim(), c.Classification!, c.PersonalInformation ?? false, c.Sensitive ?? false))
            .ToList();
        return new AppDataDeclaration(request.RequestId, categories, DataClassifications.Highest(categories.Select(c => c.Classification)),
            request.Manifest.Data?.CrossBorder?.Enabled ?? false);
    }
}
