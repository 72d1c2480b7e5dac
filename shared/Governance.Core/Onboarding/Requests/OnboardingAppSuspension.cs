using Governance.Core.Apps;
using Governance.Core.Audit;
using Governance.Core.Events;
using Governance.Core.Policies;
using Governance.Core.Problems;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Core.Onboarding.Requests;

/// <summary>
/// The suspension a staff rejection of an approved request owes its app, run by the relay after the rejection
/// commits (so the two cannot part: a crash after the commit only delays it). Idempotent: an app already suspended,
/// by this or by anyone else, is left as it is.
/// </summary>
public static class OnboardingAppSuspension
{
    public const string Type = "onboarding-app-suspension";

    public static FollowUp Of(string appId, string developerId, string requestId, string reason, AuditActor actor, long version)
        => FollowUp.Create(Type, $"{OnboardingRequest.Resource(requestId)}:suspend-app:{version}",
            new SuspensionPayload(appId, developerId, requestId, $"Onboarding request {requestId} was rejected by staff: {reason}", actor));

    public sealed record SuspensionPayload(string AppId, string DeveloperId, string RequestId, string Reason, AuditActor Actor);
}

/// <summary>
/// Resolves the registry when it runs: the registry's store depends on the relay, which depends on every handler,
/// so taking it in the constructor would make a cycle.
/// </summary>
public sealed class OnboardingAppSuspensionHandler(IServiceProvider services) : IFollowUpHandler
{
    public string Type => OnboardingAppSuspension.Type;

    public async Task RunAsync(FollowUp followUp, CancellationToken cancellationToken = default)
    {
        var apps = services.GetRequiredService<AppRegistry>();
        var payload = followUp.Read<OnboardingAppSuspension.SuspensionPayload>();
        if (await apps.FindAsync(payload.AppId, cancellationToken) is not { Status: AppStatuses.Active })
        {
            return;
        }

        try
        {
            await apps.SuspendAsync(payload.AppId, payload.Reason, PolicyRuleIds.OnboardingThirdPartyObligations, payload.Actor, cancellationToken);
        }
        catch (GovernanceProblem problem) when (problem.Status == 409)
        {
            // Suspended meanwhile: the suspension this follow-up owes exists.
        }
    }
}
