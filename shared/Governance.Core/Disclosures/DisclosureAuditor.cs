using Governance.Core.Audit;
using Governance.Core.Policies;
using Governance.Core.Security;

namespace Governance.Core.Disclosures;

/// <summary>
/// Audits publications and activations. A version row carries a "pending" flag for each until its audit entry
/// is appended, so a crash between committing and auditing is repaired by the activation timer. Each entry has a
/// record id (the version's resource and the event), so a repair or retry of an entry already appended (its writer
/// failed before clearing the flag) does not append it again.
/// </summary>
public sealed class DisclosureAuditor(IDisclosureStore store, IAuditLog audit)
{
    public const string PublishedAction = "disclosure.published";
    public const string ActivationComponent = "disclosure-activation";
    private const int MaxClearAttempts = 10;

    public static string Resource(DisclosureVersion version) => $"disclosures/{version.Kind}/versions/{version.Version}";

    /// <summary>The record id of a version's publish entry: a version is published once.</summary>
    public static string PublishedRecordId(DisclosureVersion version) => Resource(version) + ":published";

    /// <summary>The record id of a version's activation entry: a version is activated once.</summary>
    public static string ActivatedRecordId(DisclosureVersion version) => Resource(version) + ":activated";

    public async Task RecordPublishedAsync(DisclosureVersion version, AuditActor actor, CancellationToken cancellationToken = default)
    {
        var m = version.Metadata;
        var details = Details(version);
        details["publishedAt"] = DisclosureGates.Iso(version.PublishedAt);
        details["draftId"] = version.DraftId;
        details["title"] = m.Title;
        details["significantImpact"] = m.SignificantImpact ? "true" : "false";
        if (m.Assessment is not null)
        {
            details["assessment"] = $"{m.Assessment.Agency}, {m.Assessment.ReportReference}: {m.Assessment.Conclusion} (report sha256 {m.Assessment.ReportSha256})";
        }

        if (m.Filing is not null)
        {
            details["filing"] = $"{m.Filing.Authority}, {m.Filing.Reference}, accepted {DisclosureGates.Iso(m.Filing.AcceptedAt)}";
        }

        await audit.AppendAsync(
            new AuditRecord(actor, PublishedAction, Resource(version), "success", PolicyRuleIds.DisclosureSystem, details) { RecordId = PublishedRecordId(version) },
            cancellationToken);
        await ClearPublishPendingAsync(version, cancellationToken);
    }

    /// <summary>
    /// Repairs a publication whose audit is still flagged pending: appends the entry (the log keeps it once, its
    /// writer may have appended it and failed before clearing the flag), then clears the flag.
    /// </summary>
    public async Task EnsurePublishedAsync(DisclosureVersion version, AuditActor actor, CancellationToken cancellationToken = default)
    {
        if (version.PublishAuditPending)
        {
            await RecordPublishedAsync(version, actor, cancellationToken);
        }
    }

    public async Task RecordActivatedAsync(DisclosureVersion version, CancellationToken cancellationToken = default)
    {
        var details = Details(version);
        details["activatedAt"] = version.ActivatedAt is { } at ? DisclosureGates.Iso(at) : string.Empty;
        await audit.AppendAsync(
            new AuditRecord(AuditActor.System(ActivationComponent), $"disclosure.{version.Status}", Resource(version), "success", PolicyRuleIds.DisclosureSystem, details)
            {
                RecordId = ActivatedRecordId(version),
            },
            cancellationToken);
        await ClearAsync(version, v => v with { ActivationAuditPending = false }, v => !v.ActivationAuditPending, cancellationToken);
    }

    /// <summary>The actor of a publish audit the timer repairs: the operator who published.</summary>
    public static AuditActor Publisher(DisclosureVersion version) => AuditActor.Staff(version.PublishedBy, StaffRoles.Operator);

    private static Dictionary<string, string> Details(DisclosureVersion version) => new(StringComparer.Ordinal)
    {
        ["kind"] = version.Kind,
        ["version"] = version.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["sha256"] = version.Sha256,
        ["effectiveFrom"] = DisclosureGates.Iso(version.EffectiveFrom),
        ["status"] = version.Status,
        ["profile"] = version.Profile,
    };

    private Task ClearPublishPendingAsync(DisclosureVersion version, CancellationToken cancellationToken)
        => ClearAsync(version, v => v with { PublishAuditPending = false }, v => !v.PublishAuditPending, cancellationToken);

    private async Task ClearAsync(DisclosureVersion version, Func<DisclosureVersion, DisclosureVersion> clear, Func<DisclosureVersion, bool> isClear, CancellationToken cancellationToken)
    {
        var current = version.ETag is null ? await store.GetVersionAsync(version.Kind, version.Version, cancellationToken) : version;
        for (var attempt = 0; attempt < MaxClearAttempts && current is not null && !isClear(current); attempt++)
        {
            if (await store.TryUpdateVersionStateAsync(clear(current), cancellationToken) is not null)
            {
                return;
            }

            current = await store.GetVersionAsync(version.Kind, version.Version, cancellationToken);
        }
    }
}
