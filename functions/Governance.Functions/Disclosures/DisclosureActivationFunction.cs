using Governance.Core.Disclosures;
using Microsoft.Azure.Functions.Worker;

namespace Governance.Functions.Disclosures;

/// <summary>Every minute (setting <c>DisclosureActivationSchedule</c>): scheduled versions whose time has come become effective.</summary>
public sealed class DisclosureActivationFunction(DisclosureActivator activator)
{
    [Function("ActivateDisclosures")]
    public Task Run([TimerTrigger("%DisclosureActivationSchedule%")] TimerInfo timer, CancellationToken cancellationToken)
        => activator.RunAsync(cancellationToken);
}
