using Governance.Core.Apps;
using Governance.Core.Audit;
using Governance.Core.Compliance.Exports;
using Governance.Core.Events;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Governance.Core.Compliance.Catalog;

/// <summary>An asset's classification was raised: what the flags say and who raised it.</summary>
public sealed record Reclassification(string AssetId, string AssetName, string From, string To, long Version, AuditActor Actor, DateTimeOffset At)
{
    /// <summary>The flag's source on apps and exports: one flag per asset and level, however often it is re-run.</summary>
    public string Source => $"asset:{AssetId}:{To}";

    public string Reason => $"Data asset '{AssetName}' ({AssetId}) was reclassified from {From} to {To}.";
}

/// <summary>The work a raised classification owes: flagging everything that covers the asset (run by the outbox relay).</summary>
public static class ReclassificationFollowUp
{
    public const string Type = "compliance.reclassified";

    public static FollowUp Of(Reclassification reclassification)
        => FollowUp.Create(Type, $"{reclassification.AssetId}:{reclassification.Version}", reclassification);
}

/// <summary>
/// Flags for re-assessment every active app and every approved export that covers a reclassified asset:
/// <list type="bullet">
/// <item>an app covers the asset when onboarding approved it with a data category named like the asset (names
/// compared trimmed and case-insensitively), found through the apps' category index, never a scan;</item>
/// <item>an export covers the asset when it lists the asset's id, found through the exports' per-asset index.</item>
/// </list>
/// Each flag's source is <c>asset:{assetId}:{classification}</c>, and flagging twice from one source changes
/// nothing, so a re-run after a crash (the relay runs follow-ups at least once) adds no second flag.
/// <para>
/// The registry and the export service are resolved when the handler runs, not injected: both write through
/// aggregate stores, whose outbox relay runs the follow-up handlers, this one included (a constructor cycle).
/// </para>
/// </summary>
public sealed class ReclassificationHandler(IServiceProvider services, ILogger<ReclassificationHandler> logger) : IFollowUpHandler
{
    public string Type => ReclassificationFollowUp.Type;

    public async Task RunAsync(FollowUp followUp, CancellationToken cancellationToken = default)
    {
        var apps = services.GetRequiredService<AppRegistry>();
        var exports = services.GetRequiredService<ExportService>();
        var change = followUp.Read<Reclassification>();
        var flaggedApps = 0;
        foreach (var appId in await apps.AppIdsWithCategoryAsync(change.AssetName, cancellationToken))
        {
            if (await apps.FindAsync(appId, cancellationToken) is { Status: AppStatuses.Active })
            {
                await apps.FlagForReassessmentAsync(appId, change.Source, change.Reason, ComplianceRuleIds.DataReclassification, change.Actor, cancellationToken);
                flaggedApps++;
            }
        }

        var flaggedExports = await exports.FlagCoveringAsync(change.AssetId, change.Source, change.Reason, ComplianceRuleIds.DataReclassification, change.Actor, cancellationToken);
        logger.LogInformation("Asset {AssetId} raised to {Classification}: {Apps} app(s) and {Exports} export(s) flagged for re-assessment.",
            change.AssetId, change.To, flaggedApps, flaggedExports);
    }
}
