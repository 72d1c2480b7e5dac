using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using Governance.Core.Audit;
using Governance.Core.Json;
using Governance.Core.Security;
using Governance.Core.Storage;
using Governance.Functions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static Governance.Functions.Tests.Infrastructure.ApiClient;

namespace Governance.Functions.Tests.Kernel;

/// <summary>The sharded audit log over HTTP on Azurite: merged queries, the anchor line, the checkpoint timer, starting the full job.</summary>
[Collection(GovernanceHostCollection.Name)]
public sealed class AuditQueryAndAnchorTests(GovernanceHostFixture fixture)
{
    private IAuditLog Log => fixture.Services.GetRequiredService<IAuditLog>();

    private static AuditRecord Record(string resource) => new(AuditActor.System("test"), "test.happened", resource, "succeeded");

    [Fact]
    public async Task The_anchor_line_holds_the_root_verify_reports_and_the_heads_it_covers()
    {
        await Log.AppendAsync(Record("audittest/" + Guid.NewGuid().ToString("N")));

        AuditAnchor? anchor = null;
        JsonElement verification = default;
        for (var attempt = 0; attempt < 5 && (anchor is null || verification.GetProperty("headHash").GetString() != anchor.Hash); attempt++)
        {
            // Appends of other work may land between the two reads; then both are taken again.
            await fixture.RunFunctionAsync("AuditAnchor");
            var text = (await fixture.Blobs.GetBlobContainerClient(ContainerNames.AuditAnchors)
                .GetBlobClient(BlobAuditAnchorStore.BlobName(fixture.Clock.GetUtcNow())).DownloadContentAsync()).Value.Content.ToString();
            anchor = JsonSerializer.Deserialize<AuditAnchor>(text.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1], GovernanceJson.Options)!;
            verification = await fixture.VerifyAuditAsync();
        }

        Assert.NotNull(anchor?.Heads);
        Assert.Equal(AuditMerkle.Root(anchor.Heads), anchor.Hash);
        Assert.Equal(anchor.Heads.Sum(h => h.Sequence), anchor.Sequence);
        Assert.Equal(anchor.Hash, verification.GetProperty("headHash").GetString());
        Assert.Equal(anchor.Sequence, verification.GetProperty("entries").GetInt64());
        Assert.Equal(0, verification.GetProperty("unverifiedEntries").GetInt64());
    }

    [Fact]
    public async Task The_checkpoint_timer_verifies_new_entries_and_moves_each_chains_checkpoint_to_its_head()
    {
        var entry = await Log.AppendAsync(Record("audittest/" + Guid.NewGuid().ToString("N")));

        await fixture.RunFunctionAsync("AuditCheckpoint");

        var checkpoint = (await fixture.Tables.GetTableClient(TableNames.AuditChains).GetEntityAsync<TableEntity>(AuditKeys.CheckpointPartition, entry.Chain)).Value;
        Assert.True(checkpoint.GetInt64("Sequence") >= entry.Sequence);
    }

    [Fact]
    public async Task The_query_merges_the_chains_in_time_order_across_pages_and_a_resource_reads_its_own()
    {
        var run = Guid.NewGuid().ToString("N");
        var from = fixture.Clock.GetUtcNow().AddSeconds(-1);
        var mine = new List<AuditEntry>();
        for (var i = 0; i < 24; i++)
        {
            mine.Add(await Log.AppendAsync(Record($"{(i % 3 == 0 ? "claims" : i % 3 == 1 ? "apps" : "audittest")}/{run}-{i % 5}")));
        }

        var window = $"from={Uri.EscapeDataString(from.ToString("O", CultureInfo.InvariantCulture))}&to={Uri.EscapeDataString(fixture.Clock.GetUtcNow().AddSeconds(1).ToString("O", CultureInfo.InvariantCulture))}";
        var read = new List<JsonElement>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await fixture.AuditPageAsync($"api/audit?{window}&pageSize=5" + (token is null ? string.Empty : "&continuationToken=" + Uri.EscapeDataString(token)));
            read.AddRange(page.GetProperty("entries").EnumerateArray());
            token = page.TryGetProperty("continuationToken", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null;
            pages++;
        }
        while (token is not null && pages < 100);

        var keys = read.Select(e => (Time: e.GetProperty("time").GetDateTimeOffset(), Chain: e.GetProperty("chain").GetString()!, Sequence: e.GetProperty("sequence").GetInt64())).ToList();
        Assert.Equal(keys.OrderBy(k => k.Time).ThenBy(k => k.Chain, StringComparer.Ordinal).ThenBy(k => k.Sequence), keys);
        Assert.Equal(keys.Count, keys.Distinct().Count());
        Assert.Equal(mine.Select(e => (e.Time, e.Chain!, e.Sequence)), keys.Where(k => mine.Any(e => e.Chain == k.Chain && e.Sequence == k.Sequence)));

        var byResource = await fixture.AuditPageAsync($"api/audit?resource=claims/{run}-0");
        Assert.Equal(
            mine.Where(e => e.Resource == $"claims/{run}-0").Select(e => (e.Chain, e.Sequence)),
            byResource.GetProperty("entries").EnumerateArray().Select(e => (e.GetProperty("chain").GetString(), e.GetProperty("sequence").GetInt64())));
        var madeUp = await fixture.Client.SendAsync(Get("api/audit?continuationToken=djE7Y2xhaW1zLjA9LTE").AsStaff(fixture, StaffRoles.Auditor));
        Assert.Equal(HttpStatusCode.BadRequest, madeUp.StatusCode);
    }

    [Fact]
    public async Task Only_auditors_start_the_full_verification_which_answers_202_with_its_status()
    {
        var asOperator = await fixture.Client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "api/audit/verify").AsStaff(fixture, StaffRoles.Operator));
        var asAuditor = await fixture.Client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "api/audit/verify").AsStaff(fixture, StaffRoles.Auditor));

        Assert.Equal(HttpStatusCode.Forbidden, asOperator.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, asAuditor.StatusCode);
        Assert.Equal("/api/audit/verify", asAuditor.Headers.Location?.OriginalString);
        var status = await asAuditor.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Matches("^[0-9a-f]{32}$", status.GetProperty("jobId").GetString());
        Assert.Contains(status.GetProperty("status").GetString(), new[] { "queued", "running", "completed" });
    }
}
