using Microsoft.Extensions.Logging;

namespace Governance.Core.Disclosures;

public sealed record ActivationReport(int Activated, int AuditsRepaired);

/// <summary>
/// The activation timer's work: records scheduled versions whose time has come as effective (or superseded),
/// each with an audit entry, and appends audit entries a crash left pending. Idempotent: the status change is
/// conditional on the row's ETag, so of two concurrent runs only one changes (and audits) a version.
/// </summary>
public sealed class DisclosureActivator(IDisclosureStore store, DisclosureAuditor auditor, TimeProvider time, ILogger<DisclosureActivator> logger)
{
    /// <summary>How long a pending audit flag may stand before the timer assumes its writer died.</summary>
    public static readonly TimeSpan AuditRepairDelay = TimeSpan.FromMinutes(5);

    public async Task<ActivationReport> RunAsync(CancellationToken cancellationToken = default)
    {
        var now = DisclosureClock.Now(time);
        int activated = 0, repaired = 0;
        foreach (var kind in DisclosureKinds.All)
        {
            var versions = await store.ListVersionsAsync(kind, cancellationToken);
            foreach (var version in versions)
            {
                var current = version;
                if (current.Status == VersionStatuses.Scheduled && current.IsEffectiveAt(now))
                {
                    var status = DisclosureTimeline.IsSuperseded(current, versions) ? VersionStatuses.Superseded : VersionStatuses.Effective;
                    var changed = await store.TryUpdateVersionStateAsync(
                        current with { Status = status, ActivatedAt = now, ActivationAuditPending = true }, cancellationToken);
                    if (changed is null)
                    {
                        continue; // Another run changed it first and audits it.
                    }

                    await auditor.RecordActivatedAsync(changed, cancellationToken);
                    logger.LogInformation("{Kind} version {Version} is now {Status} (effective from {EffectiveFrom:o}).", kind, changed.Version, status, changed.EffectiveFrom);
                    activated++;
                    current = (await store.GetVersionAsync(kind, version.Version, cancellationToken)) ?? changed;
                }
                else if (current.ActivationAuditPending && current.ActivatedAt + AuditRepairDelay <= now)
                {
                    await auditor.RecordActivatedAsync(current, cancellationToken);
                    repaired++;
                }

                if (current.PublishAuditPending && current.PublishedAt + AuditRepairDelay <= now)
                {
                    logger.LogWarning("Appending the missing publish audit entry of {Kind} version {Version}.", kind, current.Version);
                    await auditor.EnsurePublishedAsync(current, DisclosureAuditor.Publisher(current), cancellationToken);
                    repaired++;
                }
            }
        }

        return new ActivationReport(activated, repaired);
    }
}
