using Governance.Core.Aggregates;
using Microsoft.Extensions.Logging;

namespace Governance.Core.Disclosures;

/// <summary>
/// The activation timer's work: each kind's scheduled versions whose time has come are recorded as effective (or
/// superseded), with their audit entries, as one change of the kind (<see cref="DisclosureKind.Activate"/>).
/// Idempotent: a version activated leaves the kind's schedule in the same commit, so of two concurrent runs the
/// second finds nothing due (or loses its commit and decides again).
/// </summary>
public sealed class DisclosureActivator(AggregateStore<DisclosureKind> kinds, TimeProvider time, ILogger<DisclosureActivator> logger)
{
    /// <summary>Activates what is due; returns how many versions it activated.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken = default)
    {
        var now = DisclosureClock.Now(time);
        var activated = 0;
        foreach (var kind in DisclosureKinds.All)
        {
            if (await kinds.FindAsync(kind, cancellationToken) is not { } found || found.State.Activate(now) is null)
            {
                continue;
            }

            var count = 0;
            await kinds.UpdateAsync(kind, state =>
            {
                var change = state.Activate(now);
                count = change?.Children.Count ?? 0;
                return change;
            }, () => new InvalidOperationException($"Disclosure kind {kind} vanished."), cancellationToken);
            logger.LogInformation("{Count} {Kind} version(s) reached their effectiveFrom and were activated.", count, kind);
            activated += count;
        }

        return activated;
    }
}
