using System.Buffers.Text;
using System.Text;
using Governance.Core.Audit;
using Governance.Core.Problems;
using Governance.Core.Storage;
using Governance.Functions.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Governance.Functions.Tests.Audit;

/// <summary>Appends and queries over several chains (four shards per duty).</summary>
[Collection(AzuriteTablesCollection.Name)]
public sealed class AuditShardedLogTests(AzuriteTablesFixture azurite)
{
    private static readonly string[] Duties = ["claims", "apps", "disclosures", "onboarding"];
    private readonly AzuriteTables _tables = azurite.NewTables();
    private readonly InMemoryAnchorStore _anchors = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2030, 5, 1, 8, 0, 0, TimeSpan.Zero));

    private AuditHarness Harness(int shards = 4, TimeProvider? time = null, ConcurrencyOptions? concurrency = null)
        => new(_tables, _anchors, time ?? _time, shards, concurrency: concurrency);

    private HookedTableClient Table => _tables.Table(TableNames.AuditLog);

    private static AuditRecord Record(string resource, string? recordId = null)
        => new(AuditActor.System("test"), "test.happened", resource, "succeeded") { RecordId = recordId };

    [Fact]
    public async Task Concurrent_appends_over_several_duties_form_gapless_chains_one_per_duty_and_shard()
    {
        var log = Harness().Log;

        var appended = await Task.WhenAll(Enumerable.Range(0, 160).Select(async i =>
        {
            await Task.Yield();
            return await log.AppendAsync(Record($"{Duties[i % 4]}/r-{i % 24}"));
        }));

        foreach (var chain in appended.GroupBy(e => e.Chain!))
        {
            Assert.Equal(AuditChains.Assign(chain.First().Resource, 4).Id, chain.Key);
            Assert.All(chain, e => Assert.Equal(chain.Key, AuditChains.Assign(e.Resource, 4).Id));
            var ordered = chain.OrderBy(e => e.Sequence).ToList();
            Assert.Equal(Enumerable.Range(1, ordered.Count).Select(i => (long)i), ordered.Select(e => e.Sequence));
            Assert.Equal(AuditHashing.GenesisHash, ordered[0].PreviousHash);
            Assert.All(ordered.Skip(1), (e, i) => Assert.Equal(ordered[i].Hash, e.PreviousHash));
        }

        Assert.True(appended.Select(e => e.Chain).Distinct().Count() > 4);
        var head = await log.GetHeadAsync();
        Assert.Equal(160, head.Sequence);
        Assert.Equal(await new AuditStore(_tables.Service, _time).ReadChainsAsync(CancellationToken.None), head.Heads.Select(h => h.Chain));
        Assert.Equal(new AuditVerification(true, 160, head.Hash), await log.VerifyAsync());
    }

    [Fact]
    public async Task The_query_merges_the_chains_in_time_order_across_pages_with_each_entry_once()
    {
        var log = Harness().Log;
        var appended = new List<AuditEntry>();
        for (var i = 0; i < 45; i++)
        {
            appended.Add(await log.AppendAsync(Record($"{Duties[i % 4]}/r-{i % 9}")));
            _time.Advance(TimeSpan.FromSeconds(i % 3 == 0 ? 0 : 1)); // some entries of different chains share a time
        }

        var pages = new List<AuditPage>();
        string? token = null;
        do
        {
            var before = Table.QueryPageSizes.Count;
            pages.Add(await log.QueryAsync(new AuditQuery(null, null, null, token, PageSize: 7)));
            token = pages[^1].ContinuationToken;
            var chains = appended.Select(e => e.Chain).Distinct().Count();
            Assert.Equal(chains, Table.QueryPageSizes.Skip(before).Count(size => size == 8)); // one read of at most 8 rows per chain
        }
        while (token is not null);

        var read = pages.SelectMany(p => p.Entries).ToList();
        Assert.Equal(7, pages.Count);
        Assert.Equal(appended.OrderBy(e => e.Time).ThenBy(e => e.Chain, StringComparer.Ordinal).ThenBy(e => e.Sequence).Select(e => (e.Chain, e.Sequence)), read.Select(e => (e.Chain, e.Sequence)));
        Assert.Equal(appended.OrderBy(e => (e.Chain, e.Sequence)), read.OrderBy(e => (e.Chain, e.Sequence)), new EntryComparer());
    }

    [Fact]
    public async Task Time_bounds_and_a_resource_page_through_that_resources_chain_only()
    {
        var log = Harness().Log;
        var start = _time.GetUtcNow();
        for (var i = 0; i < 40; i++)
        {
            await log.AppendAsync(Record($"claims/c-{i % 4}"));
            _time.Advance(TimeSpan.FromMinutes(1));
        }

        var first = await log.QueryAsync(new AuditQuery(null, null, "claims/c-1", null, PageSize: 4));
        var second = await log.QueryAsync(new AuditQuery(null, null, "claims/c-1", first.ContinuationToken, PageSize: 4));
        var third = await log.QueryAsync(new AuditQuery(null, null, "claims/c-1", second.ContinuationToken, PageSize: 4));
        var window = await log.QueryAsync(new AuditQuery(start.AddMinutes(10), start.AddMinutes(20), null, null, PageSize: 100));

        Assert.Equal(Enumerable.Range(0, 10).Select(i => start.AddMinutes(1 + (4 * i))), first.Entries.Concat(second.Entries).Concat(third.Entries).Select(e => e.Time));
        Assert.All(first.Entries.Concat(second.Entries).Concat(third.Entries), e => Assert.Equal(AuditChains.Assign("claims/c-1", 4).Id, e.Chain));
        Assert.Null(third.ContinuationToken);
        Assert.Equal(Enumerable.Range(10, 10).Select(i => start.AddMinutes(i)), window.Entries.Select(e => e.Time));
        Assert.Empty((await log.QueryAsync(new AuditQuery(null, null, "claims/never", null))).Entries);
        Assert.Empty((await log.QueryAsync(new AuditQuery(null, null, "pricing/never", null))).Entries);
    }

    [Theory]
    [InlineData("v1;")]
    [InlineData("v1;claims.0=0")]
    [InlineData("v1;claims.0=-1")]
    [InlineData("v1;Claims.0=3")]
    [InlineData("v1;claims.0=3,claims.0=4")]
    [InlineData("v2;claims.0=3")]
    [InlineData("v1;claims.0=3;apps.1")]
    public async Task A_continuation_token_the_api_did_not_issue_is_a_400(string text)
    {
        var token = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(text));

        var problem = await Assert.ThrowsAsync<GovernanceProblem>(() => Harness().Log.QueryAsync(new AuditQuery(null, null, null, token)));

        Assert.Equal(400, problem.Status);
        Assert.True(problem.Errors!.ContainsKey("continuationToken"));
    }

    [Fact]
    public async Task Entry_times_never_go_back_within_a_chain_even_from_a_writer_with_a_slow_clock()
    {
        var fast = Harness(shards: 1).Log;
        var slow = Harness(shards: 1, time: new FakeTimeProvider(_time.GetUtcNow().AddMinutes(-5))).Log;

        var first = await fast.AppendAsync(Record("claims/c-1"));
        var second = await slow.AppendAsync(Record("claims/c-2"));
        var elsewhere = await slow.AppendAsync(Record("apps/a-1"));

        Assert.Equal(first.Time, second.Time);
        Assert.Equal(2, second.Sequence);
        Assert.Equal(_time.GetUtcNow().AddMinutes(-5), elsewhere.Time);
        Assert.True((await fast.VerifyAsync()).Valid);
    }

    [Fact]
    public async Task Changing_the_shard_count_keeps_old_entries_verifiable_findable_and_their_record_ids_answered()
    {
        var before = Harness(shards: 2).Log;
        var old = new List<AuditEntry>();
        for (var i = 0; i < 12; i++)
        {
            old.Add(await before.AppendAsync(Record($"claims/c-{i % 6}", $"claims/c-{i % 6}:t-{i}")));
            _time.Advance(TimeSpan.FromSeconds(1));
        }

        var after = Harness(shards: 5).Log;
        var moved = Enumerable.Range(0, 6).First(i => AuditChains.Assign($"claims/c-{i}", 2).Id != AuditChains.Assign($"claims/c-{i}", 5).Id);
        var again = await after.AppendAsync(Record($"claims/c-{moved}", $"claims/c-{moved}:t-{moved}"));
        var added = await after.AppendAsync(Record($"claims/c-{moved}", $"claims/c-{moved}:t-new"));

        Assert.Equal(old[moved], again, new EntryComparer());
        Assert.Equal(AuditChains.Assign($"claims/c-{moved}", 5).Id, added.Chain);
        var history = await after.QueryAsync(new AuditQuery(null, null, $"claims/c-{moved}", null));
        Assert.Equal([old[moved].Sequence, old[moved + 6].Sequence, added.Sequence], history.Entries.Select(e => e.Sequence));
        Assert.Equal([old[moved].Chain, old[moved].Chain, added.Chain], history.Entries.Select(e => e.Chain));
        var verification = await after.VerifyAsync();
        Assert.True(verification.Valid, verification.Reason);
        Assert.Equal(13, verification.Entries);
    }

    [Fact]
    public async Task A_chain_that_stays_contended_gives_up_with_a_409_after_the_policys_attempts()
    {
        var log = Harness(concurrency: new ConcurrencyOptions { MaxAttempts = 6, BaseDelay = TimeSpan.Zero, MaxDelay = TimeSpan.Zero }).Log;
        var attempts = 0;
        Table.FailWith = (operation, _) =>
        {
            if (operation != "transaction")
            {
                return null;
            }

            Interlocked.Increment(ref attempts);
            return 409;
        };

        var problem = await Assert.ThrowsAsync<GovernanceProblem>(() => log.AppendAsync(Record("claims/c-1")));

        Assert.Equal(409, problem.Status);
        Assert.Equal(6, attempts);
        Assert.DoesNotContain(Table.Rows, r => r.RowKey.StartsWith('e'));
    }

    private sealed class EntryComparer : IEqualityComparer<AuditEntry>
    {
        public bool Equals(AuditEntry? x, AuditEntry? y)
            => x is not null && y is not null && (x.Chain, x.Sequence, x.Hash, x.Time, x.Resource) == (y.Chain, y.Sequence, y.Hash, y.Time, y.Resource);

        public int GetHashCode(AuditEntry obj) => obj.Hash.GetHashCode(StringComparison.Ordinal);
    }
}
