using Governance.Core.Audit;
using Governance.Core.Storage;
using Governance.Functions.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Governance.Functions.Tests.Audit;

/// <summary>The full re-verification job: slices, duplicates, stale jobs, chains missing from the directory.</summary>
[Collection(AzuriteTablesCollection.Name)]
public sealed class AuditFullVerificationTests(AzuriteTablesFixture azurite)
{
    private readonly AzuriteTables _tables = azurite.NewTables();
    private readonly InMemoryAnchorStore _anchors = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2030, 5, 1, 8, 0, 0, TimeSpan.Zero));

    private AuditHarness Harness(int shards = 4, int sliceEntries = 20_000) => new(_tables, _anchors, _time, shards, sliceEntries: sliceEntries);

    private HookedTableClient Table => _tables.Table(TableNames.AuditLog);

    private HookedTableClient Chains => _tables.Table(TableNames.AuditChains);

    [Fact]
    public async Task A_chain_dropped_from_the_directory_is_found_by_the_full_job()
    {
        var harness = Harness(shards: 1);
        await harness.AppendSpreadAsync(9);

        Chains.Remove(AuditKeys.DirectoryPartition, AuditKeys.DirectoryChainRowKey("disclosures.0"));
        var full = await harness.RunFullVerificationAsync();

        Assert.Equal((false, "disclosures.0"), (full.Valid, full.Chain));
        Assert.Contains("directory", full.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_full_job_runs_in_slices_and_a_duplicated_message_saves_its_slice_once()
    {
        var harness = Harness(sliceEntries: 100);
        await harness.AppendSpreadAsync(350);

        var (started, isNew) = await harness.Full.StartAsync("auditor-1");
        var again = await harness.Full.StartAsync("auditor-2");
        Assert.True(isNew);
        Assert.Equal((started.JobId, false), (again.Status.JobId, again.Started));
        Assert.True(harness.Queue.Messages.TryDequeue(out var message));

        // The same message delivered twice at once: the second delivery runs its whole slice while the first is
        // about to save, so both walked from the same saved position; the first then loses the ETag race.
        var duplicate = true;
        Table.BeforeWrite = async operation =>
        {
            if (operation == "update" && duplicate)
            {
                duplicate = false;
                await harness.Full.RunSliceAsync(message.JobId);
            }
        };
        await harness.Full.RunSliceAsync(message.JobId);
        Table.BeforeWrite = null;
        Assert.Single(harness.Queue.Messages);
        var slices = 1;
        while (harness.Queue.Messages.TryDequeue(out var next))
        {
            await harness.Full.RunSliceAsync(next.JobId);
            slices++;
        }

        var status = (await harness.Full.GetStatusAsync())!;
        Assert.Equal(4, slices);
        Assert.Equal((started.JobId, AuditFullVerificationStatus.Completed, true, 350L), (status.JobId, status.Status, status.Valid, status.Entries));
        Assert.Equal(status.Chains, status.ChainsVerified);
        Assert.Equal((await harness.Log.GetHeadAsync()).Hash, status.HeadHash);
        Assert.Equal("auditor-1", status.RequestedBy);
    }

    [Fact]
    public async Task A_job_that_stopped_making_progress_is_replaced_by_the_next_start()
    {
        var harness = Harness();
        await harness.AppendSpreadAsync(3);
        var (first, _) = await harness.Full.StartAsync("auditor-1");

        _time.Advance(AuditFullVerification.StaleAfter + TimeSpan.FromSeconds(1));
        var (second, started) = await harness.Full.StartAsync("auditor-1");
        await harness.Full.RunSliceAsync(first.JobId); // the old job's message is dropped

        Assert.True(started);
        Assert.NotEqual(first.JobId, second.JobId);
        Assert.Equal(AuditFullVerificationStatus.Queued, (await harness.Full.GetStatusAsync())!.Status);
    }
}
