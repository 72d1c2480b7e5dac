using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Governance.Core.Policies;

/// <summary>Resolves the policy profile when the host starts, so a bad setting or file stops start-up.</summary>
internal sealed class PolicyProfileStartupCheck(IPolicyProfileProvider profiles, ILogger<PolicyProfileStartupCheck> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var profile = profiles.Current;
        logger.LogInformation("Policy profile {Profile} ({Status}) with {Rules} rules.", profile.Id, profile.Status, profile.Rules.Count);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
