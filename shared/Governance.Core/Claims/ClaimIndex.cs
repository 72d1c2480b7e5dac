using System.Globalization;
using System.Text.Json;
using Governance.Core.Events;
using Governance.Core.Json;
using Governance.Core.Storage;

namespace Governance.Core.Claims;

/// <summary>
/// The rows, in the <c>ClaimIndex</c> table, that every claims query reads instead of scanning claims. Derived from
/// the claim's state by <see cref="Rows"/>: each change owes the difference between the rows of the state before and
/// after it (<see cref="FollowUps"/>, as <see cref="IndexFollowUp"/>s run in commit order per claim), so the index
/// follows the claim, at least once and converging.
/// <list type="bullet">
/// <item><c>status|{status}</c> / <c>{received ticks}|{claimId}</c>: claims by status, oldest first
/// (<c>GET /api/claims?status=</c>, the recourse timer);</item>
/// <item><c>user|{user}</c> / <c>{received ticks}|{claimId}</c>: a user's claims by time (the rules' 30-day count);</item>
/// <item><c>open|{appId}</c> / <c>{paid ticks, or 9…9 while unpaid}|{received ticks}|{claimId}</c>: the app's open
/// claims, oldest payout first, with what the recourse view shows (status, amounts, dates);</item>
/// <item><c>due</c> / <c>{due ticks}|{claimId}</c>: open recourse not yet overdue, by due date (the overdue timer).</item>
/// </list>
/// </summary>
public static class ClaimIndex
{
    public const string Table = TableNames.ClaimIndex;
    public const string DuePartition = "due";

    /// <summary>Sorts after every time: open claims not paid yet come last.</summary>
    public const string Unpaid = "9999999999999999999";

    public static string StatusPartition(ClaimStatus status) => "status|" + ClaimStateMachine.ToWire(status);

    public static string UserPartition(string userId) => "user|" + TableKey.FromInput(userId);

    public static string OpenPartition(string appId) => "open|" + appId;

    public static string Ticks(DateTimeOffset at) => at.UtcTicks.ToString("D19", CultureInfo.InvariantCulture);

    /// <summary>The claim id at the end of an index row key.</summary>
    public static string ClaimIdOf(string rowKey) => rowKey[(rowKey.LastIndexOf('|') + 1)..];

    /// <summary>The rows a claim in this state is listed under (version 0: the change's version is set when written).</summary>
    public static IEnumerable<IndexRow> Rows(Claim claim)
    {
        var received = Ticks(claim.ReceivedAt);
        var id = new Dictionary<string, string> { ["ClaimId"] = claim.ClaimId };
        yield return new IndexRow(Table, StatusPartition(claim.Status), $"{received}|{claim.ClaimId}", 0, Strings: id);
        yield return new IndexRow(Table, UserPartition(claim.Filing.UserId), $"{received}|{claim.ClaimId}", 0, Strings: id);
        if (claim.IsOpen)
        {
            var times = new Dictionary<string, DateTimeOffset>();
            foreach (var (name, value) in new[] { ("PrepaidAt", claim.PrepaidAt), ("RecourseOpenedAt", claim.RecourseOpenedAt), ("RecourseDueAt", claim.RecourseDueAt) })
            {
                if (value is { } at)
                {
                    times[name] = at;
                }
            }

            yield return new IndexRow(Table, OpenPartition(claim.Filing.AppId), $"{(claim.PrepaidAt is { } paid ? Ticks(paid) : Unpaid)}|{received}|{claim.ClaimId}", 0,
                Strings: new Dictionary<string, string> { ["ClaimId"] = claim.ClaimId, ["Status"] = ClaimStateMachine.ToWire(claim.Status), ["Currency"] = claim.Currency },
                Numbers: new Dictionary<string, long> { ["Approved"] = claim.ApprovedAmount ?? 0, ["Outstanding"] = claim.Outstanding, ["Overdue"] = claim.RecourseOverdueAt is null ? 0 : 1 },
                Times: times);
        }

        if (claim is { Status: ClaimStatus.RecourseOpen, RecourseOverdueAt: null, RecourseDueAt: { } due, Outstanding: > 0 })
        {
            yield return new IndexRow(Table, DuePartition, $"{Ticks(due)}|{claim.ClaimId}", 0, Strings: id);
        }
    }

    /// <summary>What a change from <paramref name="before"/> (null: a new claim) to <paramref name="after"/> owes the index: removals, then rows new or changed.</summary>
    public static IEnumerable<FollowUp> FollowUps(Claim? before, Claim after)
    {
        var old = before is null ? [] : Rows(before).ToList();
        var current = Rows(after).ToList();
        foreach (var row in old.Where(o => !current.Any(c => SameKey(o, c))))
        {
            yield return IndexFollowUp.Delete(row.Table, row.PartitionKey, row.RowKey, after.Version);
        }

        foreach (var row in current.Where(c => !old.Any(o => SameKey(o, c) && Content(o) == Content(c))))
        {
            yield return IndexFollowUp.Put(row with { Version = after.Version });
        }
    }

    private static bool SameKey(IndexRow a, IndexRow b) => a.PartitionKey == b.PartitionKey && a.RowKey == b.RowKey;

    private static string Content(IndexRow row) => JsonSerializer.Serialize(row, GovernanceJson.Options);
}
