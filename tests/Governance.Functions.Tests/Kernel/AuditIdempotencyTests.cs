using Azure.Data.Tables;
using Governance.Core.Audit;
using Governance.Core.Storage;
using Governance.Functions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Functions.Tests.Kernel;

[Collection(GovernanceHostCollection.Name)]
public sealed class AuditIdempotencyTests(GovernanceHostFixture fixture)
{
    [Fact]
    public async Task Twenty_concurrent_appends_of_one_record_id_on_the_real_table_keep_one_entry_in_a_valid_chain()
    {
        var log = fixture.Services.GetRequiredService<IAuditLog>();
        var resource = "test/" + Guid.NewGuid().ToString("N");
        var recordId = resource + ":happened#1"; // '/' and '#' are not allowed in a row key as they are
        var other = "test/" + Guid.NewGuid().ToString("N");

        var duplicates = Enumerable.Range(0, 20).Select(_ => log.AppendAsync(Record(resource, recordId)));
        var others = Enumerable.Range(0, 5).Select(_ => log.AppendAsync(Record(other, null)));
        var entries = await Task.WhenAll(duplicates.Concat(others));

        Assert.Single(entries.Take(20).Select(e => (e.Sequence, e.Hash)).Distinct());
        Assert.Equal(5, entries.Skip(20).Select(e => e.Sequence).Distinct().Count());
        Assert.Single((await log.QueryAsync(new AuditQuery(null, null, resource, null, 100))).Entries);
        Assert.Equal(5, (await log.QueryAsync(new AuditQuery(null, null, other, null, 100))).Entries.Count);

        var again = await log.AppendAsync(Record(resource, recordId));
        Assert.Equal((entries[0].Sequence, entries[0].Hash), (again.Sequence, again.Hash));

        var marker = (await fixture.Tables.GetTableClient(TableNames.AuditLog).GetEntityAsync<TableEntity>(AuditLog.ChainPartition(entries[0].Chain!), AuditLog.MarkerRowKey(recordId))).Value;
        Assert.Equal(entries[0].Sequence, marker.GetInt64("Sequence"));
        var verification = await log.VerifyAsync();
        Assert.True(verification.Valid, verification.Reason);
    }

    private static AuditRecord Record(string resource, string? recordId)
        => new(AuditActor.System("test"), "test.happened", resource, "succeeded") { RecordId = recordId };
}
