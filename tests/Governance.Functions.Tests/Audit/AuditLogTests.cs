using System.Security.Cryptography;
using System.Text;
using Azure.Data.Tables;
using Governance.Core.Audit;
using Governance.Core.Problems;
using Governance.Core.Security;
using Governance.Core.Storage;
using Governance.Functions.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Governance.Functions.Tests.Audit;

[Collection(AzuriteTablesCollection.Name)]
public sealed class AuditLogTests(AzuriteTablesFixture azurite)
{
    private readonly AzuriteTables _tables = azurite.NewTables();
    private readonly InMemoryAnchorStore _anchors = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2030, 5, 1, 8, 0, 0, TimeSpan.Zero));

    private AuditLog Log() => new AuditHarness(_tables, _anchors, _time).Log;

    private const string Chain = "res.0"; // one shard per duty here: every res/… entry is in chain res.0

    private HookedTableClient Table => _tables.Table(TableNames.AuditLog);

    private static AuditRecord Record(string resource = "disclosures/privacy-policy/1", string action = "disclosure.published", string? rule = "disclosure.notice-period")
        => new(AuditActor.Staff("alice", "operator"), action, resource, "succeeded", rule, new Dictionary<string, string> { ["version"] = "1" });

    private async Task<List<AuditEntry>> AppendMany(AuditLog log, int count)
    {
        var entries = new List<AuditEntry>();
        for (var i = 0; i < count; i++)
        {
            entries.Add(await log.AppendAsync(Record($"res/{i % 3}")));
            _time.Advance(TimeSpan.FromMinutes(1));
        }

        return entries;
    }

    [Fact]
    public async Task Entries_are_numbered_and_each_hash_covers_the_previous_one()
    {
        var log = Log();

        var first = await log.AppendAsync(Record());
        var second = await log.AppendAsync(Record("disclosures/privacy-policy/2", "disclosure.withdrawn", null));

        Assert.Equal("disclosures.0", first.Chain);
        Assert.Equal("disclosures.0", second.Chain);
        Assert.Equal(1, first.Sequence);
        Assert.Equal(2, second.Sequence);
        Assert.Equal(AuditHashing.GenesisHash, first.PreviousHash);
        Assert.Equal(first.Hash, second.PreviousHash);
        Assert.Equal("cn-2021-draft", first.Profile);
        var independent = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(first.Hash + AuditHashing.Canonical(second)))).ToLowerInvariant();
        Assert.Equal(independent, second.Hash);
        Assert.Equal(new AuditChainHead("disclosures.0", 2, second.Hash), Assert.Single((await log.GetHeadAsync()).Heads));
    }

    [Fact]
    public void The_canonical_form_is_fixed_json_with_sorted_details_and_minimal_escaping()
    {
        var entry = new AuditEntry(
            7,
            new DateTimeOffset(2030, 1, 2, 3, 4, 5, 678, TimeSpan.FromHours(8)),
            new AuditActor("staff", "bob \"the\" reviewer", null),
            "claim.decided",
            "claims/c\\1",
            "approved",
            "claims.auto-approval",
            "cn-2025",
            new Dictionary<string, string> { ["z"] = "last", ["a"] = "line\nbreak 数据" },
            AuditHashing.GenesisHash,
            string.Empty);

        Assert.Equal(
            "{\"sequence\":7,\"time\":\"2030-01-01T19:04:05.6780000Z\",\"actor\":{\"kind\":\"staff\",\"id\":\"bob \\\"the\\\" reviewer\",\"role\":null}," +
            "\"action\":\"claim.decided\",\"resource\":\"claims/c\\\\1\",\"outcome\":\"approved\",\"rule\":\"claims.auto-approval\",\"profile\":\"cn-2025\"," +
            "\"details\":{\"a\":\"line\\u000abreak 数据\",\"z\":\"last\"}}",
            AuditHashing.Canonical(entry));
    }

    [Fact]
    public async Task An_untouched_chain_verifies()
    {
        var log = Log();
        var entries = await AppendMany(log, 12);

        var result = await log.VerifyAsync();

        Assert.Equal(new AuditVerification(true, 12, AuditMerkle.Root([new AuditChainHead(Chain, 12, entries[^1].Hash)])), result);
    }

    [Fact]
    public async Task An_empty_log_verifies_with_the_genesis_hash()
        => Assert.Equal(new AuditVerification(true, 0, AuditHashing.GenesisHash), await Log().VerifyAsync());

    [Fact]
    public async Task A_tampered_entry_breaks_the_chain_at_its_position()
    {
        var log = Log();
        var entries = await AppendMany(log, 10);

        Table.Tamper(AuditLog.ChainPartition(Chain), AuditLog.EntryRowKey(4), row => row["Outcome"] = "failed");
        var result = await log.VerifyAsync();

        Assert.False(result.Valid);
        Assert.Equal(4, result.FirstBrokenPosition);
        Assert.Equal(3, result.Entries);
        Assert.Equal(entries[2].Hash, result.HeadHash);
    }

    [Fact]
    public async Task A_deleted_entry_breaks_the_chain_at_its_position()
    {
        var log = Log();
        await AppendMany(log, 10);

        Table.Remove(AuditLog.ChainPartition(Chain), AuditLog.EntryRowKey(6));
        var result = await log.VerifyAsync();

        Assert.False(result.Valid);
        Assert.Equal(6, result.FirstBrokenPosition);
        Assert.Contains("missing", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deleting_the_last_entry_is_detected_by_the_head()
    {
        var log = Log();
        await AppendMany(log, 5);

        Table.Remove(AuditLog.ChainPartition(Chain), AuditLog.EntryRowKey(5));
        var result = await log.VerifyAsync();

        Assert.False(result.Valid);
        Assert.Equal(5, result.FirstBrokenPosition);
    }

    [Fact]
    public async Task A_rewritten_and_rehashed_history_is_caught_by_an_anchor()
    {
        var log = Log();
        await AppendMany(log, 4);
        await new AuditAnchorWriter(log, _anchors, _time, NullLogger<AuditAnchorWriter>.Instance).WriteAsync();

        // An attacker with table access rewrites entry 2 and recomputes every later hash and the head.
        var previous = Table.Rows.Single(r => r.RowKey == AuditLog.EntryRowKey(1)).GetString("Hash")!;
        for (var sequence = 2; sequence <= 4; sequence++)
        {
            var seq = sequence;
            var prev = previous;
            Table.Tamper(AuditLog.ChainPartition(Chain), AuditLog.EntryRowKey(seq), row =>
            {
                if (seq == 2)
                {
                    row["Outcome"] = "failed";
                }

                row["PreviousHash"] = prev;
                row["Hash"] = AuditHashing.ComputeHash(prev, Read(row));
            });
            previous = Table.Rows.Single(r => r.RowKey == AuditLog.EntryRowKey(seq)).GetString("Hash")!;
        }

        var forgedHead = previous;
        Table.Tamper(AuditLog.ChainPartition(Chain), AuditLog.HeadRowKey, row => row["Hash"] = forgedHead);
        var result = await log.VerifyAsync();

        Assert.False(result.Valid);
        Assert.Equal(4, result.FirstBrokenPosition);
        Assert.Contains("anchored", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Truncating_the_log_below_an_anchor_is_detected()
    {
        var log = Log();
        await AppendMany(log, 3);
        await new AuditAnchorWriter(log, _anchors, _time, NullLogger<AuditAnchorWriter>.Instance).WriteAsync();

        foreach (var row in Table.Rows)
        {
            Table.Remove(row.PartitionKey, row.RowKey);
        }

        var result = await log.VerifyAsync();

        Assert.False(result.Valid);
        Assert.Equal(1, result.FirstBrokenPosition);
    }

    [Fact]
    public async Task Concurrent_appends_form_one_chain_without_gaps_or_forks()
    {
        var log = Log();

        var appended = await Task.WhenAll(Enumerable.Range(0, 40).Select(async i =>
        {
            await Task.Yield();
            return await log.AppendAsync(Record($"res/{i}"));
        }));

        Assert.Equal(Enumerable.Range(1, 40).Select(i => (long)i), appended.Select(e => e.Sequence).Order());
        Assert.Equal(40, appended.Select(e => e.PreviousHash).Distinct(StringComparer.Ordinal).Count());
        Assert.True((await log.VerifyAsync()).Valid);
        Assert.Equal(40, Table.Rows.Count(r => r.RowKey.StartsWith('e')));
    }

    [Fact]
    public async Task An_append_that_loses_the_race_retries_on_the_new_head()
    {
        var log = Log();
        await log.AppendAsync(Record("res/first"));
        var raced = false;
        Table.BeforeWrite = async operation =>
        {
            if (operation == "transaction" && !raced)
            {
                raced = true;
                await log.AppendAsync(Record("res/competitor")); // commits between our head read and our transaction
            }
        };

        var ours = await log.AppendAsync(Record("res/ours"));

        Assert.Equal(3, ours.Sequence);
        var page = await log.QueryAsync(new AuditQuery(null, null, null, null));
        Assert.Equal(new[] { "res/first", "res/competitor", "res/ours" }, page.Entries.Select(e => e.Resource));
        Assert.True((await log.VerifyAsync()).Valid);
    }

    [Fact]
    public async Task Queries_filter_by_time_and_resource_and_page_with_a_token()
    {
        var log = Log();
        var start = _time.GetUtcNow();
        await AppendMany(log, 9); // one per minute, resources res/0, res/1, res/2, res/0, ...

        var firstPage = await log.QueryAsync(new AuditQuery(start.AddMinutes(1), start.AddMinutes(8), null, null, PageSize: 4));
        var secondPage = await log.QueryAsync(new AuditQuery(start.AddMinutes(1), start.AddMinutes(8), null, firstPage.ContinuationToken, PageSize: 4));
        var byResource = await log.QueryAsync(new AuditQuery(null, null, "res/0", null));

        Assert.Equal(new long[] { 2, 3, 4, 5 }, firstPage.Entries.Select(e => e.Sequence));
        Assert.NotNull(firstPage.ContinuationToken);
        Assert.Equal(new long[] { 6, 7, 8 }, secondPage.Entries.Select(e => e.Sequence));
        Assert.Null(secondPage.ContinuationToken);
        Assert.Equal(new long[] { 1, 4, 7 }, byResource.Entries.Select(e => e.Sequence));
        Assert.Equal("alice", byResource.Entries[0].Actor.Id);
        Assert.Equal("1", byResource.Entries[0].Details["version"]);
    }

    [Theory]
    [InlineData("not-base64!")]
    [InlineData("YWZ0ZXI6LTE=")]
    public async Task A_token_the_api_did_not_issue_is_400(string token)
    {
        var problem = await Assert.ThrowsAsync<GovernanceProblem>(() => Log().QueryAsync(new AuditQuery(null, null, null, token)));

        Assert.Equal(400, problem.Status);
    }

    [Fact]
    public async Task Page_size_and_range_are_validated()
    {
        var log = Log();
        var now = _time.GetUtcNow();

        Assert.Equal(400, (await Assert.ThrowsAsync<GovernanceProblem>(() => log.QueryAsync(new AuditQuery(null, null, null, null, 0)))).Status);
        Assert.Equal(400, (await Assert.ThrowsAsync<GovernanceProblem>(() => log.QueryAsync(new AuditQuery(now, now.AddDays(-1), null, null)))).Status);
    }

    [Fact]
    public void Actors_come_from_the_authenticated_caller()
    {
        Assert.Equal(new AuditActor("staff", "alice", "auditor"), AuditActor.From(Caller.Staff("alice", ["auditor"])));
        Assert.Equal(new AuditActor("staff", "alice", "operator"), AuditActor.From(Caller.Staff("alice", ["auditor", "operator"])));
        Assert.Equal(new AuditActor("staff", "alice", "auditor"), AuditActor.From(Caller.Staff("alice", ["auditor", "operator"]), "auditor"));
        Assert.Equal(new AuditActor("developer", "dev_1"), AuditActor.From(Caller.Developer("dev_1")));
    }

    private static AuditEntry Read(TableEntity row) => new(
        row.GetInt64("Sequence")!.Value,
        row.GetDateTimeOffset("Time")!.Value,
        new AuditActor(row.GetString("ActorKind")!, row.GetString("ActorId")!, row.GetString("ActorRole")),
        row.GetString("Action")!,
        row.GetString("Resource")!,
        row.GetString("Outcome")!,
        row.GetString("Rule"),
        row.GetString("Profile"),
        System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string>>(row.GetString("Details")!)!,
        row.GetString("PreviousHash")!,
        string.Empty)
    {
        Chain = row.GetString("Chain"),
    };
}
