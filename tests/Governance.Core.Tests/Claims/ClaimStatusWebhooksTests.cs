using System.Reflection;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Governance.Core.Apps;
using Governance.Core.Audit;
using Governance.Core.Claims;
using Governance.Core.Events;
using Governance.Core.Ledger;
using Governance.Core.Policies;
using Governance.Core.Storage;
using Governance.Core.Tests.Fakes;
using Governance.Core.Webhooks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace Governance.Core.Tests.Claims;

public sealed class ClaimStatusWebhooksTests
{
    private const string ClaimId = "clm_0123456789abcdef0123456789abcdef";
    private const string IntakeSecret = "whsec_w09aS0PHfCvG6MecIrcR5PDhSDqurHB0I4l6tJKe5fU=";
    private const string NextIntakeSecret = "whsec_cGF5bWVudHMtZGV2LXNlY3JldC1ub3QtZm9yLXByb2Q=";
    private const string Url = "https://cs.example.com/hooks/claims";

    private readonly FakeTables _tables = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2030, 5, 1, 8, 0, 0, TimeSpan.Zero));
    private readonly RecordingQueue _queue = new();
    private readonly IPolicyProfileProvider _profiles = Profiles.Provider();

    private TableWebhookEndpointStore Endpoints => new(_tables.Service, _time);

    private ClaimStatusWebhooks Service(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)).Append(new("Webhooks:Claims:Secrets", $"{IntakeSecret};{NextIntakeSecret}")))
            .Build();
        return new ClaimStatusWebhooks(configuration, Endpoints, Delivery(), _profiles, NullLogger<ClaimStatusWebhooks>.Instance);
    }

    private WebhookDeliveryService Delivery()
    {
        var options = Options.Create(new WebhookOptions());
        return new WebhookDeliveryService(new HttpClient(), Endpoints, _queue, new WebhookSignature(_time), new CallbackUrlPolicy(options, new StaticResolver()),
            options, _time, NullLogger<WebhookDeliveryService>.Instance);
    }

    private static ClaimEntity ReceivedClaim()
    {
        var claim = new ClaimEntity
        {
            PartitionKey = ClaimId, ClaimId = ClaimId, ExternalReference = "cs-4711", UserId = "user-secret-7", AppId = "app-1", OrderId = "order-9",
            DamageCategory = "fraud", DamageDescription = "My neighbour's name is in here.", ClaimedAmount = 5_000, Currency = "CNY",
        };
        claim.SetStatus(ClaimStatus.Received);
        ClaimStatusChanges.Add(claim, new ClaimStatusChange("received", null, new DateTimeOffset(2030, 5, 1, 7, 0, 0, TimeSpan.Zero), null));
        return claim;
    }

    private static ClaimEntity ApprovedClaim()
    {
        var claim = ReceivedClaim();
        ClaimProcessor.Apply(claim, new ClaimDecision(ClaimStatus.Approved, ClaimReasonCodes.AutoApproved, PolicyRuleIds.ClaimsAutoApproval, "Small claim with evidence.", new MoneyAmount(4_000, "CNY")),
            ClaimProcessor.Actor, new DateTimeOffset(2030, 5, 1, 7, 30, 0, TimeSpan.Zero));
        return claim;
    }

    [Fact]
    public async Task Nothing_is_sent_or_registered_when_no_url_is_set()
    {
        var service = Service();
        var claim = ApprovedClaim();

        var queued = await service.EnqueueAsync(claim, ClaimStatusChanges.Pending(claim)[^1]);

        Assert.False(service.Enabled);
        Assert.False(queued);
        Assert.Empty(_queue.Sent);
        Assert.Null(await Endpoints.GetAsync(ClaimStatusWebhooks.OwnerId, ClaimStatusWebhooks.EndpointId));
    }

    [Fact]
    public async Task A_blank_url_setting_is_off_too()
    {
        var service = Service(("Webhooks:ClaimsStatus:Url", "  "));

        Assert.False(await service.EnqueueAsync(ApprovedClaim(), ClaimStatusChanges.Pending(ApprovedClaim())[^1]));
        Assert.Empty(_queue.Sent);
    }

    [Fact]
    public async Task A_change_is_queued_to_the_intake_endpoint_signed_with_the_first_intake_secret()
    {
        var claim = ApprovedClaim();
        var approved = ClaimStatusChanges.Pending(claim)[^1];

        Assert.True(await Service(("Webhooks:ClaimsStatus:Url", Url)).EnqueueAsync(claim, approved));

        var endpoint = await Endpoints.GetAsync(ClaimStatusWebhooks.OwnerId, ClaimStatusWebhooks.EndpointId);
        Assert.NotNull(endpoint);
        Assert.Equal(Url, endpoint.Url);
        Assert.Equal(IntakeSecret, endpoint.Secret);
        Assert.False(endpoint.Disabled);
        var message = Assert.Single(_queue.Sent);
        Assert.Equal($"{ClaimId}:approved", message.DeliveryId);
        Assert.Equal("claim.status_changed", message.EventType);
        Assert.Equal((ClaimStatusWebhooks.OwnerId, ClaimStatusWebhooks.EndpointId), (message.OwnerId, message.EndpointId));
    }

    [Fact]
    public async Task The_payload_describes_the_change_without_personal_data_beyond_the_intake_reference()
    {
        var claim = ApprovedClaim();

        await Service(("Webhooks:ClaimsStatus:Url", Url)).EnqueueAsync(claim, ClaimStatusChanges.Pending(claim)[^1]);

        using var body = JsonDocument.Parse(WebhookDeliveryService.Body(_queue.Sent.Single()));
        Assert.Equal("claim.status_changed", body.RootElement.GetProperty("type").GetString());
        var data = body.RootElement.GetProperty("data");
        Assert.Equal(ClaimId, data.GetProperty("claimId").GetString());
        Assert.Equal("cs-4711", data.GetProperty("externalReference").GetString());
        Assert.Equal("approved", data.GetProperty("status").GetString());
        Assert.Equal("received", data.GetProperty("previousStatus").GetString());
        Assert.Equal(new DateTimeOffset(2030, 5, 1, 7, 30, 0, TimeSpan.Zero), data.GetProperty("changedAt").GetDateTimeOffset());
        Assert.Equal(ClaimReasonCodes.AutoApproved, data.GetProperty("reasonCode").GetString());
        Assert.Equal("Small claim with evidence.", data.GetProperty("reason").GetString());
        Assert.Equal(PolicyRuleIds.ClaimsAutoApproval, data.GetProperty("rule").GetProperty("id").GetString());
        Assert.Equal(5_000, data.GetProperty("amountClaimed").GetProperty("amount").GetInt64());
        Assert.Equal(4_000, data.GetProperty("amountApproved").GetProperty("amount").GetInt64());
        Assert.Equal("CNY", data.GetProperty("amountApproved").GetProperty("currency").GetString());
        var text = data.GetRawText();
        Assert.DoesNotContain("user-secret-7", text, StringComparison.Ordinal);
        Assert.DoesNotContain("order-9", text, StringComparison.Ordinal);
        Assert.DoesNotContain("neighbour", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_received_change_has_no_previous_status_nor_reason()
    {
        var claim = ReceivedClaim();

        await Service(("Webhooks:ClaimsStatus:Url", Url)).EnqueueAsync(claim, ClaimStatusChanges.Pending(claim).Single());

        var message = _queue.Sent.Single();
        Assert.Equal($"{ClaimId}:received", message.DeliveryId);
        using var data = JsonDocument.Parse(message.PayloadJson);
        Assert.Equal("received", data.RootElement.GetProperty("status").GetString());
        Assert.False(data.RootElement.TryGetProperty("previousStatus", out _));
        Assert.False(data.RootElement.TryGetProperty("reason", out _));
        Assert.False(data.RootElement.TryGetProperty("amountApproved", out _));
    }

    [Fact]
    public async Task Queuing_the_same_change_again_keeps_its_webhook_id_and_body()
    {
        var claim = ApprovedClaim();
        var approved = ClaimStatusChanges.Pending(claim)[^1];

        await Service(("Webhooks:ClaimsStatus:Url", Url)).EnqueueAsync(claim, approved);
        await Service(("Webhooks:ClaimsStatus:Url", Url)).EnqueueAsync(claim, approved);

        Assert.Equal(2, _queue.Sent.Count);
        Assert.Equal(_queue.Sent[0].DeliveryId, _queue.Sent[1].DeliveryId);
        Assert.Equal(_queue.Sent[0].PayloadJson, _queue.Sent[1].PayloadJson);
        Assert.Equal($"{ClaimId}:approved", ClaimStatusWebhooks.DeliveryId(ClaimId, "approved"));
    }

    [Fact]
    public async Task An_own_secret_setting_replaces_the_intake_secret()
    {
        var own = WebhookSecret.Generate();

        await Service(("Webhooks:ClaimsStatus:Url", Url), ("Webhooks:ClaimsStatus:Secret", own)).EnqueueAsync(ReceivedClaim(), ClaimStatusChanges.Pending(ReceivedClaim()).Single());

        Assert.Equal(own, (await Endpoints.GetAsync(ClaimStatusWebhooks.OwnerId, ClaimStatusWebhooks.EndpointId))!.Secret);
    }

    [Fact]
    public async Task A_malformed_own_secret_is_a_configuration_error_that_names_the_setting()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            Service(("Webhooks:ClaimsStatus:Url", Url), ("Webhooks:ClaimsStatus:Secret", "not-a-secret")).EnqueueAsync(ReceivedClaim(), ClaimStatusChanges.Pending(ReceivedClaim()).Single()));

        Assert.Contains("Webhooks__ClaimsStatus__Secret", error.Message, StringComparison.Ordinal);
        Assert.Empty(_queue.Sent);
    }

    [Fact]
    public async Task An_endpoint_disabled_by_410_stays_disabled_until_the_settings_change()
    {
        await Endpoints.PutAsync(ClaimStatusWebhooks.OwnerId, ClaimStatusWebhooks.EndpointId, Url, IntakeSecret);
        await Endpoints.DisableAsync(ClaimStatusWebhooks.OwnerId, ClaimStatusWebhooks.EndpointId, "The receiver answered 410 Gone.");

        await Service(("Webhooks:ClaimsStatus:Url", Url)).EnqueueAsync(ReceivedClaim(), ClaimStatusChanges.Pending(ReceivedClaim()).Single());
        Assert.True((await Endpoints.GetAsync(ClaimStatusWebhooks.OwnerId, ClaimStatusWebhooks.EndpointId))!.Disabled);

        await Service(("Webhooks:ClaimsStatus:Url", Url + "/v2")).EnqueueAsync(ReceivedClaim(), ClaimStatusChanges.Pending(ReceivedClaim()).Single());
        var endpoint = await Endpoints.GetAsync(ClaimStatusWebhooks.OwnerId, ClaimStatusWebhooks.EndpointId);
        Assert.False(endpoint!.Disabled);
        Assert.Equal(Url + "/v2", endpoint.Url);
    }

    [Fact]
    public void A_move_records_its_change_with_the_rule_and_only_a_decision_records_a_reason()
    {
        var claim = ApprovedClaim();
        var at = new DateTimeOffset(2030, 5, 2, 0, 0, 0, TimeSpan.Zero);
        ClaimTransitions.Move(claim, ClaimStatus.Prepaid, ClaimProcessor.Actor, PolicyRuleIds.ClaimsAdvanceCompensation, at, new Dictionary<string, string> { ["payoutReference"] = "p-1" });
        ClaimTransitions.Move(claim, ClaimStatus.RecourseOpen, ClaimProcessor.Actor, PolicyRuleIds.ClaimsRecourse, at, null);
        ClaimTransitions.Move(claim, ClaimStatus.WrittenOff, ClaimProcessor.Actor, PolicyRuleIds.ClaimsRecourse, at, new Dictionary<string, string> { ["reason"] = "App is gone." });

        var changes = ClaimStatusChanges.Pending(claim);

        Assert.True(claim.PendingWork);
        Assert.Equal(["received", "approved", "prepaid", "recourse_open", "written_off"], changes.Select(c => c.Status));
        Assert.Equal([null, "received", "approved", "prepaid", "recourse_open"], changes.Select(c => c.PreviousStatus));
        Assert.Equal("Small claim with evidence.", changes[1].Reason);
        Assert.Equal(PolicyRuleIds.ClaimsAdvanceCompensation, changes[2].Rule);
        Assert.All(changes.Skip(2), c => Assert.Null(c.Reason));
    }

    [Fact]
    public async Task A_follow_up_that_crashed_before_queuing_queues_every_change_on_its_retry_and_then_clears_them()
    {
        var store = ClaimRows.Store();
        var claim = ReceivedClaim();
        Assert.True(await store.TryInsertAsync(claim));
        ClaimProcessor.Apply(claim, new ClaimDecision(ClaimStatus.Approved, ClaimReasonCodes.AutoApproved, PolicyRuleIds.ClaimsAutoApproval, "Small claim with evidence.", new MoneyAmount(4_000, "CNY")),
            ClaimProcessor.Actor, _time.GetUtcNow());
        claim.ClearEventsDue(); // the outbox's part of the commit is ClaimStoreTests' business
        await store.UpdateAsync(claim);
        var followUp = FollowUp(store, Service(("Webhooks:ClaimsStatus:Url", Url)));

        _queue.FailNext = true; // the process dies while queuing the first webhook
        await Assert.ThrowsAsync<IOException>(() => followUp.RunAsync(claim));
        var stored = (await store.GetAsync(ClaimId))!;
        Assert.True(stored.PendingWork);
        Assert.Equal(["received", "approved"], ClaimStatusChanges.Pending(stored).Select(c => c.Status));

        await followUp.RunAsync(stored); // the sweep's retry
        await followUp.RunAsync((await store.GetAsync(ClaimId))!); // nothing left to do

        Assert.Equal([$"{ClaimId}:received", $"{ClaimId}:approved"], _queue.Sent.Select(m => m.DeliveryId));
        var done = (await store.GetAsync(ClaimId))!;
        Assert.False(done.PendingWork);
        Assert.Empty(ClaimStatusChanges.Pending(done));
    }

    [Fact]
    public async Task A_follow_up_with_the_feature_off_queues_nothing_and_clears_the_changes()
    {
        var store = ClaimRows.Store();
        var claim = ReceivedClaim();
        Assert.True(await store.TryInsertAsync(claim));

        await FollowUp(store, Service()).RunAsync(claim);

        Assert.Empty(_queue.Sent);
        var done = (await store.GetAsync(ClaimId))!;
        Assert.False(done.PendingWork);
        Assert.Empty(ClaimStatusChanges.Pending(done));
    }

    private ClaimFollowUp FollowUp(ClaimStore store, ClaimStatusWebhooks statusWebhooks)
    {
        var ledger = new Mock<ILedger>();
        ledger.Setup(l => l.PostAsync(It.IsAny<LedgerPosting>(), It.IsAny<CancellationToken>())).ReturnsAsync(true);
        var audit = new Mock<IAuditLog>();
        audit.Setup(a => a.QueryAsync(It.IsAny<AuditQuery>(), It.IsAny<CancellationToken>())).ReturnsAsync(new AuditPage([], null));
        var notifier = new ClaimNotifier(Mock.Of<IAppDirectory>(), Endpoints, Delivery(), NullLogger<ClaimNotifier>.Instance);
        return new ClaimFollowUp(store, ledger.Object, notifier, statusWebhooks, audit.Object, NullLogger<ClaimFollowUp>.Instance);
    }

    /// <summary>The claim rows of a <see cref="ClaimStore"/> in memory (the shared table fake stores <see cref="TableEntity"/> only), ETag-checked.</summary>
    private sealed class ClaimRows : TableClient
    {
        private static readonly MethodInfo Copy = typeof(object).GetMethod("MemberwiseClone", BindingFlags.NonPublic | BindingFlags.Instance)!;
        private readonly Dictionary<string, ClaimEntity> _rows = [];
        private int _version;

        public static ClaimStore Store()
        {
            var tables = new Mock<TableServiceClient>();
            tables.Setup(t => t.GetTableClient(TableNames.Claims)).Returns(new ClaimRows());
            return new ClaimStore(tables.Object, Mock.Of<IEventOutbox>(MockBehavior.Strict));
        }

        public override Task<NullableResponse<T>> GetEntityIfExistsAsync<T>(string partitionKey, string rowKey, IEnumerable<string>? select = null, CancellationToken cancellationToken = default)
            => Task.FromResult<NullableResponse<T>>(_rows.TryGetValue(partitionKey, out var row)
                ? Response.FromValue((T)Copy.Invoke(row, null)!, new FakeResponse(200, row.ETag))
                : new NoValueResponse<T>(new FakeResponse(404)));

        public override Task<Response> AddEntityAsync<T>(T entity, CancellationToken cancellationToken = default)
            => _rows.ContainsKey(entity.PartitionKey) ? throw new RequestFailedException(409, "EntityAlreadyExists") : Task.FromResult(Write(entity));

        public override Task<Response> UpdateEntityAsync<T>(T entity, ETag ifMatch, TableUpdateMode mode = TableUpdateMode.Merge, CancellationToken cancellationToken = default)
            => _rows.TryGetValue(entity.PartitionKey, out var row) && row.ETag == ifMatch ? Task.FromResult(Write(entity)) : throw new RequestFailedException(412, "UpdateConditionNotSatisfied");

        private Response Write(ITableEntity entity)
        {
            var row = (ClaimEntity)Copy.Invoke(entity, null)!;
            row.ETag = new ETag($"W/\"{++_version}\"");
            _rows[row.PartitionKey] = row;
            return new FakeResponse(204, row.ETag);
        }
    }

    private sealed class RecordingQueue : IWebhookDeliveryQueue
    {
        public List<WebhookDeliveryMessage> Sent { get; } = [];

        public bool FailNext { get; set; }

        public Task EnqueueAsync(WebhookDeliveryMessage message, TimeSpan delay, CancellationToken cancellationToken = default)
        {
            if (FailNext)
            {
                FailNext = false;
                throw new IOException("The process died.");
            }

            Sent.Add(message);
            return Task.CompletedTask;
        }
    }
}
