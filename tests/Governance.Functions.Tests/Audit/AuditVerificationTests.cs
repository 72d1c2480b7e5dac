using Azure.Data.Tables;
using Governance.Core.Audit;
using Governance.Core.Storage;
using Governance.Functions.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Governance.Functions.Tests.Audit;

/// <summary>Incremental verification from checkpoints, the full re-verification job and the anchors, over several chains.</summary>
[Collection(AzuriteTablesCollection.Name)]
public sealed class AuditVerificationTests(AzuriteTablesFixture azurite)
{
    private readonly AzuriteTables _tables = azurite.NewTables();
    private readonly InMemoryAnchorStore _anchors = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2030, 5, 1, 8, 0, 0, TimeSpan.Zero));

    private AuditHarness Harness(int shards = 4, int verifyMaxEntries = 5_000, int sliceEntries = 20_000)
        => new(_tables, _anchors, _time, shards, verifyMaxEntries, sliceEntries);

    private HookedTableClient Table => _tables.Table(TableNames.AuditLog);

    private HookedTableClient Chains => _tables.Table(TableNames.AuditChains);

    private void Edit(AuditEntry entry) => Table.Tamper(AuditLog.ChainPartition(entry.Chain!), AuditLog.EntryRowKey(entry.Sequence), row => row["Outcome"] = "failed");

    private void Restore(AuditEntry entry) => Table.Tamper(AuditLog.ChainPartition(entry.Chain!), AuditLog.EntryRowKey(entry.Sequence), row => row["Outcome"] = entry.Outcome);

    [Fact]
    public async Task An_entry_edited_beyond_the_checkpoint_in_any_chain_is_reported_at_its_chain_and_position_by_both_checks()
    {
        var harness = Harness();
        var before = await harness.AppendSpreadAsync(30);
        Assert.True((await harness.Log.VerifyAsync()).Valid); // checkpoints at every chain's head
        var after = await harness.AppendSpreadAsync(42, "later-");

        foreach (var chain in after.GroupBy(e => e.Chain!).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var victim = chain.OrderBy(e => e.Sequence).ElementAt(chain.Count() / 2);
            var previous = before.Concat(after).Single(e => e.Chain == victim.Chain && e.Sequence == victim.Sequence - 1);
            Edit(victim);

            var incremental = await harness.Log.VerifyAsync();
            var full = await harness.RunFullVerificationAsync();

            Assert.False(incremental.Valid);
            Assert.Equal((victim.Chain, victim.Sequence), (incremental.Chain, incremental.FirstBrokenPosition));
            Assert.Equal((victim.Sequence - 1, previous.Hash), (incremental.Entries, incremental.HeadHash));
            Assert.Contains("does not match its hash", incremental.Reason, StringComparison.Ordinal);
            Assert.Equal((false, victim.Chain, victim.Sequence), (full.Valid, full.Chain, full.FirstBrokenPosition));
            Restore(victim);
        }

        var restored = await harness.Log.VerifyAsync();
        Assert.Equal(new AuditVerification(true, 72, (await harness.Log.GetHeadAsync()).Hash) { FullVerification = restored.FullVerification }, restored);
    }

    [Fact]
    public async Task An_entry_edited_below_the_checkpoint_escapes_the_bounded_check_but_not_the_full_job()
    {
        var harness = Harness();
        var entries = await harness.AppendSpreadAsync(30);
        Assert.True((await harness.Log.VerifyAsync()).Valid);
        var longest = entries.GroupBy(e => e.Chain).MaxBy(g => g.Count())!;
        Assert.True(longest.Count() > 3);
        var victim = longest.Single(e => e.Sequence == 2); // well below the chain's checkpoint

        Edit(victim);

        Assert.True((await harness.Log.VerifyAsync()).Valid); // the documented trade-off: old entries are the full job's
        var full = await harness.RunFullVerificationAsync();
        Assert.Equal((false, victim.Chain, 2L), (full.Valid, full.Chain, full.FirstBrokenPosition));
        Assert.Equal(AuditFullVerificationStatus.Completed, full.Status);
        Assert.Equal(full, (await harness.Log.VerifyAsync()).FullVerification);
    }

    [Fact]
    public async Task A_rewrite_rehashed_through_the_head_and_checkpoint_is_caught_by_the_latest_anchor()
    {
        var harness = Harness(shards: 1);
        await harness.AppendSpreadAsync(18); // six per duty: chains apps.0, claims.0, disclosures.0
        var anchor = await harness.Anchors.WriteAsync();
        await harness.AppendSpreadAsync(9, "later-");
        Assert.True((await harness.Log.VerifyAsync()).Valid);

        // An attacker with table access rewrites entry 3 of claims.0 and recomputes every later hash, the head and the checkpoint.
        var forged = Rehash("claims.0", from: 3, to: 9);
        Table.Tamper(AuditLog.ChainPartition("claims.0"), AuditLog.HeadRowKey, row => row["Hash"] = forged);
        Chains.Tamper(AuditKeys.CheckpointPartition, "claims.0", row => row["Hash"] = forged);

        var incremental = await harness.Log.VerifyAsync();
        var full = await harness.RunFullVerificationAsync();

        Assert.Equal(6, anchor.Heads!.Single(h => h.Chain == "claims.0").Sequence);
        Assert.Equal((false, "claims.0", 6L), (incremental.Valid, incremental.Chain, incremental.FirstBrokenPosition));
        Assert.Contains("anchored", incremental.Reason, StringComparison.Ordinal);
        Assert.Equal((false, "claims.0", 6L), (full.Valid, full.Chain, full.FirstBrokenPosition));
    }

    [Fact]
    public async Task A_deleted_tail_is_caught_by_the_anchors()
    {
        var harness = Harness(shards: 1);
        var entries = await harness.AppendSpreadAsync(15);
        await harness.Anchors.WriteAsync();

        // The last two entries of apps.0 go, and its head and checkpoint are wound back to entry 3.
        var third = entries.Single(e => e.Chain == "apps.0" && e.Sequence == 3);
        Table.Remove(AuditLog.ChainPartition("apps.0"), AuditLog.EntryRowKey(5));
        Table.Remove(AuditLog.ChainPartition("apps.0"), AuditLog.EntryRowKey(4));
        Table.Tamper(AuditLog.ChainPartition("apps.0"), AuditLog.HeadRowKey, row => (row["Sequence"], row["Hash"]) = (3L, third.Hash));
        Chains.Tamper(AuditKeys.CheckpointPartition, "apps.0", row => (row["Sequence"], row["Hash"]) = (3L, third.Hash));

        var incremental = await harness.Log.VerifyAsync();
        var full = await harness.RunFullVerificationAsync();

        Assert.Equal((false, "apps.0", 4L), (incremental.Valid, incremental.Chain, incremental.FirstBrokenPosition));
        Assert.Contains("an anchor records entry 5", incremental.Reason, StringComparison.Ordinal);
        Assert.Equal((false, "apps.0", 4L), (full.Valid, full.Chain, full.FirstBrokenPosition));
    }

    [Fact]
    public async Task The_anchor_holds_the_combined_root_of_the_heads_it_lists_which_verify_reports_as_head_hash()
    {
        var harness = Harness();
        await harness.AppendSpreadAsync(40);

        var anchor = await harness.Anchors.WriteAsync();
        var head = await harness.Log.GetHeadAsync();
        var verification = await harness.Log.VerifyAsync();

        Assert.Equal(anchor, Assert.Single(_anchors.Anchors));
        Assert.Equal((40L, head.Hash), (anchor.Sequence, anchor.Hash));
        Assert.Equal(head.Heads, anchor.Heads);
        Assert.Equal(AuditMerkle.Root(anchor.Heads!), anchor.Hash);
        Assert.Equal((true, 40L, anchor.Hash), (verification.Valid, verification.Entries, verification.HeadHash));
        Assert.Equal(head.Heads.Count, (await harness.Store.ReadCheckpointsAsync(CancellationToken.None)).Count);
    }

    [Fact]
    public async Task Verify_walks_at_most_its_bound_per_request_and_goes_on_from_the_checkpoints()
    {
        var harness = Harness(shards: 1, verifyMaxEntries: 90);
        await harness.AppendSpreadAsync(240); // 80 per chain, three chains: 30 per chain per request

        var passes = new List<AuditVerification>();
        do
        {
            passes.Add(await harness.Log.VerifyAsync());
        }
        while (passes[^1].UnverifiedEntries > 0 && passes.Count < 10);

        Assert.Equal([90L, 180, 240], passes.Select(p => p.Entries));
        Assert.Equal([150L, 60, 0], passes.Select(p => p.UnverifiedEntries));
        Assert.All(passes, p => Assert.True(p.Valid));
        Assert.Equal((await harness.Log.GetHeadAsync()).Hash, passes[^1].HeadHash);
    }

    [Fact]
    public async Task Verify_reads_only_the_heads_of_chains_with_nothing_new_and_walks_only_the_chain_that_grew()
    {
        var harness = Harness();
        await harness.AppendSpreadAsync(60);
        Assert.True((await harness.Log.VerifyAsync()).Valid);

        var before = Table.QueryPageSizes.Count;
        var quiet = await harness.Log.VerifyAsync();
        var afterQuiet = Table.QueryPageSizes.Count;
        var added = await harness.Log.AppendAsync(new AuditRecord(AuditActor.System("test"), "test.happened", "claims/one-more", "succeeded"));
        var grown = await harness.Log.VerifyAsync();

        Assert.True(quiet.Valid && grown.Valid);
        Assert.Equal(before, afterQuiet); // no range query of the log: heads are point reads
        Assert.Equal(afterQuiet + 1, Table.QueryPageSizes.Count); // one walk, of the chain that grew
        Assert.Equal((61L, 0L), (grown.Entries, grown.UnverifiedEntries));
        Assert.Equal(added.Sequence, (await harness.Store.ReadCheckpointsAsync(CancellationToken.None))[added.Chain!].Sequence);
    }

    [Fact]
    public async Task A_deleted_head_row_is_reported_because_an_entry_lies_beyond_the_head()
    {
        var harness = Harness(shards: 1);
        await harness.AppendSpreadAsync(6);

        Table.Remove(AuditLog.ChainPartition("claims.0"), AuditLog.HeadRowKey);
        var result = await harness.Log.VerifyAsync();

        Assert.Equal((false, "claims.0", 1L), (result.Valid, result.Chain, result.FirstBrokenPosition));
        Assert.Contains("beyond", result.Reason, StringComparison.Ordinal);
    }

    /// <summary>Recomputes the hashes of entries <paramref name="from"/>..<paramref name="to"/> after editing the first; returns the last hash.</summary>
    private string Rehash(string chain, long from, long to)
    {
        var previous = Table.Rows.Single(r => r.PartitionKey == AuditLog.ChainPartition(chain) && r.RowKey == AuditLog.EntryRowKey(from - 1)).GetString("Hash")!;
        for (var sequence = from; sequence <= to; sequence++)
        {
            var edit = sequence == from;
            var link = previous;
            Table.Tamper(AuditLog.ChainPartition(chain), AuditLog.EntryRowKey(sequence), row =>
            {
                if (edit)
                {
                    row["Outcome"] = "failed";
                }

                row["PreviousHash"] = link;
                row["Hash"] = AuditHashing.ComputeHash(link, AuditRows.FromRow(new TableEntity(row)));
            });
            previous = Table.Rows.Single(r => r.PartitionKey == AuditLog.ChainPartition(chain) && r.RowKey == AuditLog.EntryRowKey(sequence)).GetString("Hash")!;
        }

        return previous;
    }
}
