using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using Governance.Core.Audit;
using Governance.Core.Security;
using Governance.Core.Storage;
using Governance.Functions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Functions.Tests.Kernel;

/// <summary>The sharded audit log on Azurite through the local host: gapless chains, and tampering found by both verifications and the anchors.</summary>
[Collection(GovernanceHostCollection.Name)]
public sealed class AuditChainsAzuriteTests(GovernanceHostFixture fixture)
{
    private IAuditLog Log => fixture.Services.GetRequiredService<IAuditLog>();

    private TableClient Table => fixture.Tables.GetTableClient(TableNames.AuditLog);

    private TableClient Chains => fixture.Tables.GetTableClient(TableNames.AuditChains);

    private static AuditRecord Record(string resource) => new(AuditActor.System("test"), "test.happened", resource, "succeeded");

    [Fact]
    public async Task Concurrent_appends_over_several_duties_on_the_real_table_form_gapless_chains()
    {
        string[] duties = ["claims", "apps", "disclosures", "onboarding", "pricing", "compliance", "platform", "audittest"];
        var run = Guid.NewGuid().ToString("N");

        var appended = await Task.WhenAll(Enumerable.Range(0, 96).Select(i => Log.AppendAsync(Record($"{duties[i % 8]}/{run}-{i % 24}"))));

        Assert.True(appended.Select(e => e.Chain).Distinct().Count() >= 8);
        foreach (var chain in appended.Select(e => e.Chain!).Distinct())
        {
            var rows = await Table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {AuditLog.ChainPartition(chain)} and RowKey lt {"f"}")).ToListAsync();
            var entries = rows.Select(AuditRows.FromRow).ToList();
            Assert.Equal(Enumerable.Range(1, entries.Count).Select(i => (long)i), entries.Select(e => e.Sequence));
            Assert.All(entries.Skip(1), (e, i) => Assert.Equal(entries[i].Hash, e.PreviousHash));
            Assert.All(entries, e => Assert.Equal(chain, e.Chain));
            Assert.All(appended.Where(e => e.Chain == chain), e => Assert.Contains(entries, stored => stored.Hash == e.Hash));
        }

        var verification = await fixture.VerifyAuditAsync();
        Assert.True(verification.GetProperty("valid").GetBoolean(), verification.ToString());
    }

    [Fact]
    public async Task An_entry_edited_beyond_the_checkpoint_is_reported_at_its_chain_and_position_by_verify_and_the_full_job()
    {
        var resource = "audittest/" + Guid.NewGuid().ToString("N");
        await Log.AppendAsync(Record(resource));
        Assert.True((await fixture.VerifyAuditAsync()).GetProperty("valid").GetBoolean()); // the chain's checkpoint is now at that entry
        var victim = await Log.AppendAsync(Record(resource));
        await Log.AppendAsync(Record(resource));

        await WhileEditedAsync(victim, async () =>
        {
            var incremental = await fixture.VerifyAuditAsync();
            var full = await FullVerificationAsync();

            Assert.False(incremental.GetProperty("valid").GetBoolean());
            Assert.Equal(victim.Chain, incremental.GetProperty("chain").GetString());
            Assert.Equal(victim.Sequence, incremental.GetProperty("firstBrokenPosition").GetInt64());
            Assert.False(full.GetProperty("valid").GetBoolean());
            Assert.Equal((victim.Chain, victim.Sequence), (full.GetProperty("chain").GetString(), full.GetProperty("firstBrokenPosition").GetInt64()));
        });

        Assert.True((await fixture.VerifyAuditAsync()).GetProperty("valid").GetBoolean());
        Assert.True((await FullVerificationAsync()).GetProperty("valid").GetBoolean());
    }

    [Fact]
    public async Task An_entry_edited_below_the_checkpoint_is_found_by_the_full_job()
    {
        var resource = "audittest/" + Guid.NewGuid().ToString("N");
        var victim = await Log.AppendAsync(Record(resource));
        await Log.AppendAsync(Record(resource));
        Assert.True((await fixture.VerifyAuditAsync()).GetProperty("valid").GetBoolean());

        await WhileEditedAsync(victim, async () =>
        {
            var full = await FullVerificationAsync();

            Assert.Equal("completed", full.GetProperty("status").GetString());
            Assert.False(full.GetProperty("valid").GetBoolean());
            Assert.Equal((victim.Chain, victim.Sequence), (full.GetProperty("chain").GetString(), full.GetProperty("firstBrokenPosition").GetInt64()));
        });
    }

    [Fact]
    public async Task A_deleted_tail_is_caught_by_the_anchors_on_the_real_table()
    {
        var resource = "audittail/" + Guid.NewGuid().ToString("N");
        var entries = new List<AuditEntry>();
        for (var i = 0; i < 5; i++)
        {
            entries.Add(await Log.AppendAsync(Record(resource)));
        }

        await fixture.RunFunctionAsync("AuditAnchor");
        var chain = entries[0].Chain!;
        var partition = AuditLog.ChainPartition(chain);
        var tail = await Task.WhenAll(entries.Skip(3).Select(e => Table.GetEntityAsync<TableEntity>(partition, AuditLog.EntryRowKey(e.Sequence))));
        var head = (await Table.GetEntityAsync<TableEntity>(partition, AuditLog.HeadRowKey)).Value;
        var checkpoint = (await Chains.GetEntityAsync<TableEntity>(AuditKeys.CheckpointPartition, chain)).Value;
        try
        {
            foreach (var row in tail)
            {
                await Table.DeleteEntityAsync(partition, row.Value.RowKey);
            }

            await Table.UpdateEntityAsync(new TableEntity(head) { ["Sequence"] = entries[2].Sequence, ["Hash"] = entries[2].Hash }, head.ETag, TableUpdateMode.Replace);
            await Chains.UpdateEntityAsync(new TableEntity(checkpoint) { ["Sequence"] = entries[2].Sequence, ["Hash"] = entries[2].Hash }, checkpoint.ETag, TableUpdateMode.Replace);

            var result = await fixture.VerifyAuditAsync();

            Assert.False(result.GetProperty("valid").GetBoolean());
            Assert.Equal(chain, result.GetProperty("chain").GetString());
            Assert.Equal(entries[3].Sequence, result.GetProperty("firstBrokenPosition").GetInt64());
            Assert.Contains("an anchor records entry", result.GetProperty("reason").GetString(), StringComparison.Ordinal);
        }
        finally
        {
            foreach (var row in tail)
            {
                await Table.UpsertEntityAsync(row.Value, TableUpdateMode.Replace);
            }

            await Table.UpsertEntityAsync(head, TableUpdateMode.Replace);
            await Chains.UpsertEntityAsync(checkpoint, TableUpdateMode.Replace);
        }

        Assert.True((await fixture.VerifyAuditAsync()).GetProperty("valid").GetBoolean());
    }

    /// <summary>Edits the entry's outcome in the table for the duration of <paramref name="check"/>, then restores it.</summary>
    private async Task WhileEditedAsync(AuditEntry entry, Func<Task> check)
    {
        var original = (await Table.GetEntityAsync<TableEntity>(AuditLog.ChainPartition(entry.Chain!), AuditLog.EntryRowKey(entry.Sequence))).Value;
        await Table.UpdateEntityAsync(new TableEntity(original) { ["Outcome"] = "failed" }, original.ETag, TableUpdateMode.Replace);
        try
        {
            await check();
        }
        finally
        {
            await Table.UpdateEntityAsync(original, Azure.ETag.All, TableUpdateMode.Replace);
        }
    }

    /// <summary>Starts a full re-verification requested after now (waiting out one started earlier) and waits for its result.</summary>
    private async Task<JsonElement> FullVerificationAsync()
    {
        var since = fixture.Clock.GetUtcNow();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var response = await fixture.Client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "api/audit/verify").AsStaff(fixture, StaffRoles.Auditor));
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            var job = await response.Content.ReadFromJsonAsync<JsonElement>();
            var jobId = job.GetProperty("jobId").GetString();
            JsonElement result = default;
            await Eventually.HoldsAsync(
                async () => (await fixture.VerifyAuditAsync()).TryGetProperty("fullVerification", out result)
                    && result.GetProperty("jobId").GetString() == jobId && result.GetProperty("status").GetString() == "completed",
                TimeSpan.FromSeconds(90),
                $"full verification {jobId} completes");
            if (job.GetProperty("requestedAt").GetDateTimeOffset() >= since)
            {
                return result;
            }
        }

        throw new InvalidOperationException("Could not start a full verification of our own.");
    }
}
