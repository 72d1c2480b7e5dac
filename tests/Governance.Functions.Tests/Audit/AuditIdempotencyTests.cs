using Azure;
using Governance.Core.Audit;
using Governance.Core.Storage;
using Governance.Functions.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Governance.Functions.Tests.Audit;

[Collection(AzuriteTablesCollection.Name)]
public sealed class AuditIdempotencyTests(AzuriteTablesFixture azurite)
{
    private readonly AzuriteTables _tables = azurite.NewTables();
    private readonly InMemoryAnchorStore _anchors = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2030, 5, 1, 8, 0, 0, TimeSpan.Zero));

    private AuditLog Log() => new AuditHarness(_tables, _anchors, _time).Log;

    private static string Root(string chain, long sequence, string hash) => AuditMerkle.Root([new AuditChainHead(chain, sequence, hash)]);

    private HookedTableClient Table => _tables.Table(TableNames.AuditLog);

    private int EntryRows => Table.Rows.Count(r => r.RowKey.StartsWith('e'));

    private int MarkerRows => Table.Rows.Count(r => r.RowKey.StartsWith(AuditLog.MarkerPrefix, StringComparison.Ordinal));

    private static AuditRecord Record(string? recordId, string resource = "claims/c-1", string action = "claim.approved")
        => new(AuditActor.System("claims-processor"), action, resource, "approved", "claims.auto-approval", new Dictionary<string, string> { ["amount"] = "4000 CNY" })
        {
            RecordId = recordId,
        };

    [Fact]
    public async Task The_same_record_id_appended_twice_keeps_one_entry_and_answers_the_first()
    {
        var log = Log();

        var first = await log.AppendAsync(Record("claims/c-1:t-1"));
        _time.Advance(TimeSpan.FromMinutes(3));
        var second = await log.AppendAsync(Record("claims/c-1:t-1"));

        Assert.Equal((first.Sequence, first.Time, first.Hash), (second.Sequence, second.Time, second.Hash));
        Assert.Equal(first with { Details = second.Details }, second);
        Assert.Equal(first.Details, second.Details);
        Assert.Equal(1, EntryRows);
        Assert.Equal(new AuditChainHead("claims.0", 1, first.Hash), Assert.Single((await log.GetHeadAsync()).Heads));
        var marker = Assert.Single(Table.Rows, r => r.RowKey.StartsWith(AuditLog.MarkerPrefix, StringComparison.Ordinal));
        Assert.Equal(AuditLog.MarkerRowKey("claims/c-1:t-1"), marker.RowKey);
        Assert.Equal(1, marker.GetInt64("Sequence"));
        Assert.Equal("claims/c-1:t-1", marker.GetString("RecordId"));
    }

    [Fact]
    public async Task Different_record_ids_and_records_without_one_are_all_appended()
    {
        var log = Log();

        var a = await log.AppendAsync(Record("claims/c-1:t-1"));
        var b = await log.AppendAsync(Record("claims/c-1:t-2"));
        var c = await log.AppendAsync(Record(null));
        var d = await log.AppendAsync(Record(null));

        Assert.Equal(new long[] { 1, 2, 3, 4 }, new[] { a, b, c, d }.Select(e => e.Sequence));
        Assert.Equal(4, EntryRows);
        Assert.Equal(2, MarkerRows); // no marker for records without an id
    }

    [Theory]
    [InlineData("claims/c-1:t-1")]
    [InlineData(null)]
    public async Task A_transaction_that_committed_but_lost_its_response_is_not_appended_again(string? recordId)
    {
        var log = Log();
        await log.AppendAsync(Record("other:1", "claims/c-9", "claim.filed"));
        var lost = false;
        Table.AfterWrite = operation =>
        {
            if (operation == "transaction" && !lost)
            {
                lost = true;
                // The SDK retries the committed transaction; the service answers the retry with a conflict.
                throw HookedTableClient.Failure(409, "EntityAlreadyExists");
            }

            return Task.CompletedTask;
        };

        var entry = await log.AppendAsync(Record(recordId));

        Assert.True(lost);
        Assert.Equal(2, entry.Sequence);
        Assert.Equal(2, EntryRows);
        Assert.Equal(new AuditChainHead("claims.0", 2, entry.Hash), Assert.Single((await log.GetHeadAsync()).Heads));
        Assert.Equal(new AuditVerification(true, 2, Root("claims.0", 2, entry.Hash)), await log.VerifyAsync());
    }

    [Fact]
    public async Task A_caller_that_retries_after_a_lost_response_gets_the_entry_it_appended()
    {
        var log = Log();
        Table.AfterWrite = operation => operation == "transaction"
            ? throw new RequestFailedException(0, "The connection was reset (simulated).")
            : Task.CompletedTask;

        await Assert.ThrowsAsync<RequestFailedException>(() => log.AppendAsync(Record("claims/c-1:t-1")));
        Table.AfterWrite = null;
        _time.Advance(TimeSpan.FromSeconds(30));
        var retried = await log.AppendAsync(Record("claims/c-1:t-1"));

        Assert.Equal(1, retried.Sequence);
        Assert.Equal(_time.GetUtcNow().AddSeconds(-30), retried.Time);
        Assert.Equal(1, EntryRows);
        Assert.True((await log.VerifyAsync()).Valid);
    }

    [Fact]
    public async Task Twenty_concurrent_appends_of_the_same_record_id_keep_one_entry_in_a_valid_chain()
    {
        var log = Log();
        await log.AppendAsync(Record(null, "claims/c-0", "claim.filed"));

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(async _ =>
        {
            await Task.Yield();
            return await log.AppendAsync(Record("claims/c-1:t-1"));
        }));

        Assert.Single(results.Select(e => (e.Sequence, e.Hash)).Distinct());
        Assert.Equal(2, results[0].Sequence);
        Assert.Equal(2, EntryRows);
        Assert.Equal(1, MarkerRows);
        Assert.Equal(new AuditVerification(true, 2, Root("claims.0", 2, results[0].Hash)), await log.VerifyAsync());
    }

    [Fact]
    public async Task Duplicates_racing_with_other_appends_still_form_one_chain_with_each_event_once()
    {
        var log = Log();

        var appended = await Task.WhenAll(Enumerable.Range(0, 40).Select(async i =>
        {
            await Task.Yield();
            return await log.AppendAsync(i % 2 == 0 ? Record($"claims/c-{i % 6}:t-1", $"claims/c-{i % 6}") : Record(null, $"res/{i}"));
        }));

        // Three distinct record ids (c-0, c-2, c-4) in chain claims.0 and twenty appends without one in chain res.0.
        Assert.Equal(23, appended.Select(e => (e.Chain, e.Sequence)).Distinct().Count());
        Assert.Equal(new long[] { 1, 2, 3 }, appended.Where(e => e.Chain == "claims.0").Select(e => e.Sequence).Distinct().Order());
        Assert.Equal(23, EntryRows);
        Assert.Equal(3, MarkerRows);
        Assert.Equal(new AuditVerification(true, 23, (await log.GetHeadAsync()).Hash), await log.VerifyAsync());
    }

    [Fact]
    public async Task Marker_rows_are_invisible_to_queries_and_verification_which_still_detects_tampering()
    {
        var harness = new AuditHarness(_tables, _anchors, _time);
        var log = harness.Log;
        for (var i = 0; i < 6; i++)
        {
            await log.AppendAsync(Record(i % 2 == 0 ? $"claims/c-{i}:t/1#x?" : null, $"claims/c-{i % 2}"));
            _time.Advance(TimeSpan.FromMinutes(1));
        }

        Assert.Equal(3, MarkerRows);
        var all = await log.QueryAsync(new AuditQuery(null, null, null, null, AuditLog.MaxPageSize));
        var firstPage = await log.QueryAsync(new AuditQuery(null, null, null, null, PageSize: 4));
        var rest = await log.QueryAsync(new AuditQuery(null, null, null, firstPage.ContinuationToken, PageSize: 4));
        var byResource = await log.QueryAsync(new AuditQuery(null, null, "claims/c-0", null));

        Assert.Equal(new long[] { 1, 2, 3, 4, 5, 6 }, all.Entries.Select(e => e.Sequence));
        Assert.Null(all.ContinuationToken);
        Assert.Equal(new long[] { 5, 6 }, rest.Entries.Select(e => e.Sequence));
        Assert.Null(rest.ContinuationToken);
        Assert.Equal(new long[] { 1, 3, 5 }, byResource.Entries.Select(e => e.Sequence));
        Assert.Equal(new AuditVerification(true, 6, Root("claims.0", 6, all.Entries[^1].Hash)), await log.VerifyAsync());

        // Entry 3 lies below the checkpoint that verification just moved to 6: the full re-verification finds it.
        Table.Tamper(AuditLog.ChainPartition("claims.0"), AuditLog.EntryRowKey(3), row => row["Outcome"] = "rejected");
        var tampered = await harness.RunFullVerificationAsync();

        Assert.False(tampered.Valid);
        Assert.Equal("claims.0", tampered.Chain);
        Assert.Equal(3, tampered.FirstBrokenPosition);
    }

    [Fact]
    public async Task A_record_id_is_escaped_into_a_valid_row_key()
    {
        var log = Log();

        await log.AppendAsync(Record("disclosures/privacy-policy/versions/1:published#?\\%"));

        var marker = Assert.Single(Table.Rows, r => r.RowKey.StartsWith(AuditLog.MarkerPrefix, StringComparison.Ordinal));
        Assert.DoesNotContain(marker.RowKey, c => c is '/' or '\\' or '#' or '?' || char.IsControl(c));
        Assert.Equal("disclosures/privacy-policy/versions/1:published#?\\%", marker.GetString("RecordId"));
    }

    [Fact]
    public async Task A_record_id_reused_for_another_event_is_refused_instead_of_hiding_it()
    {
        var log = Log();
        await log.AppendAsync(Record("same-id", "claims/c-1", "claim.approved"));

        await Assert.ThrowsAsync<InvalidOperationException>(() => log.AppendAsync(Record("same-id", "claims/c-2", "claim.approved")));
        await Assert.ThrowsAsync<InvalidOperationException>(() => log.AppendAsync(Record("same-id", "claims/c-1", "claim.rejected")));
        Assert.Equal(1, EntryRows);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task A_blank_or_oversized_record_id_is_an_argument_error(string recordId)
    {
        var log = Log();

        await Assert.ThrowsAsync<ArgumentException>(() => log.AppendAsync(Record(recordId)));
        await Assert.ThrowsAsync<ArgumentException>(() => log.AppendAsync(Record(new string('x', AuditLog.MaxRecordIdLength + 1))));
        Assert.Empty(Table.Rows);
    }
}
