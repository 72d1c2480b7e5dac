using Governance.Core.Disclosures;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace Governance.Functions.Disclosures;

/// <summary>Every minute (setting <c>DisclosureActivationSchedule</c>): scheduled versions whose time has come become effective.</summary>
public sealed class DisclosureActivationFunction(DisclosureActivator activator, ILogger<DisclosureActivationFunction> logger)
{
    [Function("ActivateDisclosures")]
    public async Task Run([TimerTrigger("%DisclosureActivationSchedule%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        var report = await activator.RunAsync(cancellationToken);
        if (report.Activated > 0 || report.AuditsRepaired > 0)
        {
            logger.LogInformation("Disclosure activation: {Activated} version(s) activated, {Repaired} audit entr(ies) repaired.", report.Activated, report.AuditsRepaired);
        }
    }
}
