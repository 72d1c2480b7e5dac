using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Blobs.Specialized;
using Governance.Core.Audit;
using Governance.Core.Security;
using Governance.Core.Storage;
using Governance.Functions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static Governance.Functions.Tests.Infrastructure.ApiClient;

namespace Governance.Functions.Tests.Kernel;

/// <summary>Against the real table and blob: an edited entry breaks verification; the anchor timer writes the head hash.</summary>
[Collection(GovernanceHostCollection.Name)]
public sealed class AuditTamperAndAnchorTests(GovernanceHostFixture fixture)
{
    [Fact]
    public async Task An_entry_edited_in_the_table_makes_verify_invalid_at_its_position_until_it_is_restored()
    {
        var log = fixture.Services.GetRequiredService<IAuditLog>();
        var entry = await log.AppendAsync(new AuditRecord(AuditActor.System("test"), "test.tamper", "test/" + Guid.NewGuid().ToString("N"), "succeeded"));
        var table = fixture.Tables.GetTableClient(TableNames.AuditLog);
        var original = (await table.GetEntityAsync<TableEntity>(AuditLog.ChainPartition(entry.Chain!), AuditLog.EntryRowKey(entry.Sequence))).Value;

        var edited = new TableEntity(original) { ["Outcome"] = "failed" };
        await table.UpdateEntityAsync(edited, original.ETag, TableUpdateMode.Replace);
        try
        {
            var broken = await VerifyAsync();
            Assert.False(broken.GetProperty("valid").GetBoolean());
            Assert.Equal(entry.Sequence, broken.GetProperty("firstBrokenPosition").GetInt64());
        }
        finally
        {
            await table.UpdateEntityAsync(original, Azure.ETag.All, TableUpdateMode.Replace);
        }

        Assert.True((await VerifyAsync()).GetProperty("valid").GetBoolean());
    }

    [Fact]
    public async Task The_anchor_timer_appends_the_head_hash_to_an_append_blob()
    {
        var head = await fixture.Services.GetRequiredService<IAuditLog>().GetHeadAsync();

        var run = await fixture.Client.PostAsJsonAsync("admin/functions/AuditAnchor", new { input = "" });

        Assert.Equal(HttpStatusCode.Accepted, run.StatusCode);
        var container = fixture.Blobs.GetBlobContainerClient(ContainerNames.AuditAnchors);
        var blob = container.GetAppendBlobClient(BlobAuditAnchorStore.BlobName(fixture.Clock.GetUtcNow()));
        var text = (await blob.DownloadContentAsync()).Value.Content.ToString();
        Assert.Contains(head.Hash, text, StringComparison.Ordinal);
        Assert.Equal(Azure.Storage.Blobs.Models.BlobType.Append, (await blob.GetPropertiesAsync()).Value.BlobType);
        Assert.True((await VerifyAsync()).GetProperty("valid").GetBoolean());
    }

    private async Task<JsonElement> VerifyAsync()
    {
        var response = await fixture.Client.SendAsync(Get("api/audit/verify").AsStaff(fixture, StaffRoles.Auditor));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
