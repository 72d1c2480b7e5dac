using Governance.Core.Claims;
using Governance.Core.Storage;
using static Governance.Core.Tests.Claims.ClaimSamples;

namespace Governance.Core.Tests.Claims;

/// <summary>The index rows a claim is listed under, and what each change owes them.</summary>
public sealed class ClaimIndexTests
{
    private static List<IndexRow> Index(Governance.Core.Aggregates.Change<Claim> change)
        => change.OfType(IndexFollowUp.Type).Select(f => f.Read<IndexRow>()).Where(r => r.Table == ClaimIndex.Table).ToList();

    private static string Received => ClaimIndex.Ticks(Now);

    [Fact]
    public void An_approval_moves_the_claim_between_status_partitions_and_lists_it_as_open_after_every_paid_claim()
    {
        var rows = Index(ClaimSamples.Received().Assess(Approval(900), ClaimProcessor.Actor, Now)!);

        var deleted = Assert.Single(rows, r => r.Delete);
        Assert.Equal((ClaimIndex.StatusPartition(ClaimStatus.Received), $"{Received}|{ClaimId}"), (deleted.PartitionKey, deleted.RowKey));
        Assert.Contains(rows, r => !r.Delete && r.PartitionKey == ClaimIndex.StatusPartition(ClaimStatus.Approved) && r.RowKey == $"{Received}|{ClaimId}");
        var open = Assert.Single(rows, r => r.PartitionKey == ClaimIndex.OpenPartition("app-42"));
        Assert.Equal($"{ClaimIndex.Unpaid}|{Received}|{ClaimId}", open.RowKey);
        Assert.Equal((900L, 900L), (open.Numbers!["Approved"], open.Numbers["Outstanding"]));
        Assert.DoesNotContain(rows, r => r.PartitionKey == ClaimIndex.UserPartition("u-7f3a"));
        Assert.All(rows, r => Assert.Equal(2, r.Version));
    }

    [Fact]
    public void A_payout_moves_the_open_row_to_its_payout_time_so_the_oldest_payout_comes_first()
    {
        var paidAt = Now.AddHours(3);
        var rows = Index(Approved(900).ConfirmPayout("pay-1", paidAt, Operator, Now.AddHours(4))!);

        Assert.Contains(rows, r => r.Delete && r.RowKey == $"{ClaimIndex.Unpaid}|{Received}|{ClaimId}");
        var open = Assert.Single(rows, r => !r.Delete && r.PartitionKey == ClaimIndex.OpenPartition("app-42"));
        Assert.Equal($"{ClaimIndex.Ticks(paidAt)}|{Received}|{ClaimId}", open.RowKey);
        Assert.True(string.CompareOrdinal(open.RowKey, ClaimIndex.Unpaid) < 0);
    }

    [Fact]
    public void Open_recourse_is_listed_by_due_date_until_it_is_overdue()
    {
        var opened = Prepaid().OpenRecourse(Terms, RecourseService.SweepActor, Now.AddDays(1))!;
        var due = Assert.Single(Index(opened), r => r.PartitionKey == ClaimIndex.DuePartition);
        Assert.Equal($"{ClaimIndex.Ticks(Now.AddDays(31))}|{ClaimId}", due.RowKey);

        var overdue = Index(opened.State.MarkOverdue(Terms, RecourseService.SweepActor, Now.AddDays(40))!);

        Assert.Contains(overdue, r => r.Delete && r.PartitionKey == ClaimIndex.DuePartition);
        Assert.Equal(1, Assert.Single(overdue, r => !r.Delete && r.PartitionKey == ClaimIndex.OpenPartition("app-42")).Numbers!["Overdue"]);
        Assert.DoesNotContain(overdue, r => r.PartitionKey.StartsWith("status|", StringComparison.Ordinal));
    }

    [Fact]
    public void A_partial_recovery_rewrites_only_the_open_row_and_the_last_one_removes_it()
    {
        var partial = Index(InRecourse(900).Recover("wire-1", 400, Terms, Operator, Now)!);
        var row = Assert.Single(partial);
        Assert.Equal((ClaimIndex.OpenPartition("app-42"), 500L, false), (row.PartitionKey, row.Numbers!["Outstanding"], row.Delete));

        var full = Index(InRecourse(900).Recover("wire-1", 900, Terms, Operator, Now)!);
        Assert.Contains(full, r => r.Delete && r.PartitionKey == ClaimIndex.OpenPartition("app-42"));
        Assert.Contains(full, r => r.Delete && r.PartitionKey == ClaimIndex.DuePartition);
        Assert.Contains(full, r => !r.Delete && r.PartitionKey == ClaimIndex.StatusPartition(ClaimStatus.Recovered));
    }

    [Fact]
    public void A_user_partition_key_from_any_user_id_is_a_valid_table_key()
    {
        foreach (var user in new[] { "u/1#?", new string('x', 600), "用户-7" })
        {
            Assert.True(TableKey.IsValid(ClaimIndex.UserPartition(user)), user);
        }
    }
}
