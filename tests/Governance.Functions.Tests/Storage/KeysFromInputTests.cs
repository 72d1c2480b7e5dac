using Governance.Core.Audit;
using Governance.Core.Claims;
using Governance.Core.Idempotency;
using Governance.Core.Ledger;
using Governance.Core.Security;
using Governance.Core.Storage;
using Governance.Core.Webhooks;
using Governance.Functions.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Governance.Functions.Tests.Storage;

/// <summary>
/// Every table key built from something a client sends, at the longest the API lets through, is a key the
/// table service accepts (stored in Azurite, which refuses keys of more than 512 characters).
/// </summary>
[Collection(AzuriteTablesCollection.Name)]
public sealed class KeysFromInputTests(AzuriteTablesFixture azurite)
{
    private static readonly string LongPercent = new('%', 200);
    private readonly AzuriteTables _tables = azurite.NewTables();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));

    public static TheoryData<string, string> Keys => new()
    {
        { "idempotency key (256 characters, scoped per caller)", IdempotencyStore.PartitionKeyFor("app-register." + new string('f', 32), new string('%', IdempotencyStore.MaxKeyLength)) },
        { "settlement reference", new SettlementMap().PartitionKey(Settlement.Id(new string('a', 100), LongPercent)) },
        { "ledger posting of a settlement", TableLedger.HeaderRowKey($"settlement:{new string('a', 100)}:{LongPercent}:unallocated") + "|line-00" },
        { "ledger totals of a user's payable", TableLedger.AccountRowKey(LedgerAccounts.UserPayable(LongPercent)) },
        { "claims of a user", ClaimIndex.UserPartition(LongPercent) },
        { "audit marker of a settlement", AuditLog.MarkerRowKey(Settlement.Resource(new string('a', 100), LongPercent) + ":settled") },
    };

    [Theory]
    [MemberData(nameof(Keys))]
    public void Keys_built_from_the_longest_client_input_fit_the_table_service(string what, string key)
        => Assert.True(TableKey.IsValid(key), $"{what}: {key.Length} characters");

    [Fact]
    public async Task A_webhook_endpoint_with_long_owner_and_endpoint_ids_is_stored_and_found_again()
    {
        var store = new TableWebhookEndpointStore(_tables.Service, _time);
        var owner = new string('#', 300);
        var endpoint = new string('/', 300);

        await store.PutAsync(owner, endpoint, "https://example.com/hook");
        await store.DisableAsync(owner, endpoint, "gone");

        var found = await store.GetAsync(owner, endpoint);
        Assert.NotNull(found);
        Assert.True(found.Disabled);
        Assert.Null(await store.GetAsync(owner, endpoint + "/"));
    }

    [Fact]
    public async Task A_rate_limit_client_of_171_C1_control_characters_gets_a_permit_not_an_exception()
    {
        var limiter = new FixedWindowRateLimiter(_tables.Service, _time);

        await limiter.AcquireAsync("scope", new string('\u0080', 171), 1, TimeSpan.FromMinutes(1));

        Assert.All(_tables.Table(TableNames.RateLimits).Rows, r => Assert.True(TableKey.IsValid(r.RowKey)));
    }

    [Fact]
    public void Short_inputs_keep_the_keys_rows_were_written_with_before_hashing()
    {
        Assert.Equal("settlement|app-1|wire-2026-001", new SettlementMap().PartitionKey(Settlement.Id("app-1", "wire-2026-001")));
        Assert.Equal(AuditLog.MarkerPrefix + "apps%2Fapp-1:registered:op", AuditLog.MarkerRowKey("apps/app-1:registered:op"));
        Assert.Equal("claims-webhook|msg_2KWPBgLlAfxdpx2AI54pPJ85f1W", IdempotencyStore.PartitionKeyFor("claims-webhook", "msg_2KWPBgLlAfxdpx2AI54pPJ85f1W"));
    }
}
