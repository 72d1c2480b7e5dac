using System.Text.Json;
using Governance.Core.Claims;
using Governance.Core.Events;
using Governance.Core.Policies;
using Governance.Core.Tests.Fakes;
using Governance.Core.Webhooks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Governance.Core.Tests.Claims;

public sealed class ClaimStatusWebhooksTests
{
    private const string ClaimId = ClaimSamples.ClaimId;
    private const string IntakeSecret = "whsec_w09aS0PHfCvG6MecIrcR5PDhSDqurHB0I4l6tJKe5fU=";
    private const string NextIntakeSecret = "whsec_cGF5bWVudHMtZGV2LXNlY3JldC1ub3QtZm9yLXByb2Q=";
    private const string Url = "https://cs.example.com/hooks/claims";

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2030, 5, 1, 8, 0, 0, TimeSpan.Zero));
    private readonly RecordingQueue _queue = new();
    private readonly InMemoryEndpoints _endpoints = new();
    private readonly IPolicyProfileProvider _profiles = Profiles.Provider();

    private IWebhookEndpointStore Endpoints => _endpoints;

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

    /// <summary>The status webhook the filing owes.</summary>
    private static FollowUp Received() => ClaimSamples.Filed(5_000).OfType(ClaimStatusWebhooks.FollowUpType).Single();

    /// <summary>The status webhook an automatic approval of 4,000 owes.</summary>
    private static FollowUp Approved()
        => ClaimSamples.Received(5_000).Assess(new ClaimDecision(ClaimStatus.Approved, ClaimReasonCodes.AutoApproved, PolicyRuleIds.ClaimsAutoApproval, "Small claim with evidence.",
            new MoneyAmount(4_000, "CNY")), ClaimProcessor.Actor, new DateTimeOffset(2030, 5, 1, 7, 30, 0, TimeSpan.Zero))!.OfType(ClaimStatusWebhooks.FollowUpType).Single();

    [Fact]
    public async Task Nothing_is_sent_or_registered_when_no_url_is_set()
    {
        var service = Service();

        var queued = await service.EnqueueAsync(Approved().Read<ClaimStatusNotice>());

        Assert.False(service.Enabled);
        Assert.False(queued);
        Assert.Empty(_queue.Sent);
        Assert.Null(await Endpoints.GetAsync(ClaimStatusWebhooks.OwnerId, ClaimStatusWebhooks.EndpointId));
    }

    [Fact]
    public async Task A_blank_url_setting_is_off_too()
    {
        var service = Service(("Webhooks:ClaimsStatus:Url", "  "));

        Assert.False(await service.EnqueueAsync(Approved().Read<ClaimStatusNotice>()));
        Assert.Empty(_queue.Sent);
    }

    [Fact]
    public async Task A_change_is_queued_to_the_intake_endpoint_signed_with_the_first_intake_secret()
    {
        Assert.True(await Service(("Webhooks:ClaimsStatus:Url", Url)).EnqueueAsync(Approved().Read<ClaimStatusNotice>()));

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
        await ((IFollowUpHandler)Service(("Webhooks:ClaimsStatus:Url", Url))).RunAsync(Approved());

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
        Assert.DoesNotContain("u-7f3a", text, StringComparison.Ordinal);
        Assert.DoesNotContain("order-9", text, StringComparison.Ordinal);
        Assert.DoesNotContain("neighbour", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_received_change_has_no_previous_status_nor_reason()
    {
        await ((IFollowUpHandler)Service(("Webhooks:ClaimsStatus:Url", Url))).RunAsync(Received());

        var message = _queue.Sent.Single();
        Assert.Equal($"{ClaimId}:received", message.DeliveryId);
        using var data = JsonDocument.Parse(message.PayloadJson);
        Assert.Equal("received", data.RootElement.GetProperty("status").GetString());
        Assert.False(data.RootElement.TryGetProperty("previousStatus", out _));
        Assert.False(data.RootElement.TryGetProperty("reason", out _));
        Assert.False(data.RootElement.TryGetProperty("amountApproved", out _));
    }

    [Fact]
    public async Task Running_the_same_follow_up_again_keeps_its_webhook_id_and_body()
    {
        var approved = Approved();

        await ((IFollowUpHandler)Service(("Webhooks:ClaimsStatus:Url", Url))).RunAsync(approved);
        await ((IFollowUpHandler)Service(("Webhooks:ClaimsStatus:Url", Url))).RunAsync(approved);

        Assert.Equal(2, _queue.Sent.Count);
        Assert.Equal(_queue.Sent[0].DeliveryId, _queue.Sent[1].DeliveryId);
        Assert.Equal(_queue.Sent[0].PayloadJson, _queue.Sent[1].PayloadJson);
        Assert.Equal($"{ClaimId}:approved", ClaimStatusWebhooks.DeliveryId(ClaimId, "approved"));
    }

    [Fact]
    public async Task An_own_secret_setting_replaces_the_intake_secret()
    {
        var own = WebhookSecret.Generate();

        await Service(("Webhooks:ClaimsStatus:Url", Url), ("Webhooks:ClaimsStatus:Secret", own)).EnqueueAsync(Received().Read<ClaimStatusNotice>());

        Assert.Equal(own, (await Endpoints.GetAsync(ClaimStatusWebhooks.OwnerId, ClaimStatusWebhooks.EndpointId))!.Secret);
    }

    [Fact]
    public async Task A_malformed_own_secret_is_a_configuration_error_that_names_the_setting()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            Service(("Webhooks:ClaimsStatus:Url", Url), ("Webhooks:ClaimsStatus:Secret", "not-a-secret")).EnqueueAsync(Received().Read<ClaimStatusNotice>()));

        Assert.Contains("Webhooks__ClaimsStatus__Secret", error.Message, StringComparison.Ordinal);
        Assert.Empty(_queue.Sent);
    }

    [Fact]
    public async Task An_endpoint_disabled_by_410_stays_disabled_until_the_settings_change()
    {
        await Endpoints.PutAsync(ClaimStatusWebhooks.OwnerId, ClaimStatusWebhooks.EndpointId, Url, IntakeSecret);
        await Endpoints.DisableAsync(ClaimStatusWebhooks.OwnerId, ClaimStatusWebhooks.EndpointId, "The receiver answered 410 Gone.");

        await Service(("Webhooks:ClaimsStatus:Url", Url)).EnqueueAsync(Received().Read<ClaimStatusNotice>());
        Assert.True((await Endpoints.GetAsync(ClaimStatusWebhooks.OwnerId, ClaimStatusWebhooks.EndpointId))!.Disabled);

        await Service(("Webhooks:ClaimsStatus:Url", Url + "/v2")).EnqueueAsync(Received().Read<ClaimStatusNotice>());
        var endpoint = await Endpoints.GetAsync(ClaimStatusWebhooks.OwnerId, ClaimStatusWebhooks.EndpointId);
        Assert.False(endpoint!.Disabled);
        Assert.Equal(Url + "/v2", endpoint.Url);
    }

    [Fact]
    public async Task A_webhook_that_could_not_be_queued_fails_its_follow_up_and_its_retry_queues_it_under_the_same_id()
    {
        var handler = (IFollowUpHandler)Service(("Webhooks:ClaimsStatus:Url", Url));
        var approved = Approved();

        _queue.FailNext = true; // the queue is down: the relay keeps the follow-up owed and runs it again later
        await Assert.ThrowsAsync<IOException>(() => handler.RunAsync(approved));
        await handler.RunAsync(approved);

        Assert.Equal([$"{ClaimId}:approved"], _queue.Sent.Select(m => m.DeliveryId));
        Assert.Equal(approved.Id, _queue.Sent.Single().DeliveryId);
    }

    [Fact]
    public async Task With_the_feature_off_a_follow_up_is_done_without_queuing_anything()
    {
        await ((IFollowUpHandler)Service()).RunAsync(Received());

        Assert.Empty(_queue.Sent);
    }

    /// <summary>Webhook endpoints in memory (the kernel's table store is tested on Azurite).</summary>
    private sealed class InMemoryEndpoints : IWebhookEndpointStore
    {
        private readonly Dictionary<(string, string), WebhookEndpoint> _endpoints = [];

        public Task<WebhookEndpoint?> GetAsync(string ownerId, string endpointId, CancellationToken cancellationToken = default)
            => Task.FromResult(_endpoints.GetValueOrDefault((ownerId, endpointId)));

        public Task<WebhookEndpoint> PutAsync(string ownerId, string endpointId, string url, string? secret = null, CancellationToken cancellationToken = default)
        {
            var kept = secret ?? _endpoints.GetValueOrDefault((ownerId, endpointId))?.Secret ?? WebhookSecret.Generate();
            return Task.FromResult(_endpoints[(ownerId, endpointId)] = new WebhookEndpoint(ownerId, endpointId, url, kept, Disabled: false));
        }

        public Task DisableAsync(string ownerId, string endpointId, string reason, CancellationToken cancellationToken = default)
        {
            _endpoints[(ownerId, endpointId)] = _endpoints[(ownerId, endpointId)] with { Disabled = true, DisabledReason = reason };
            return Task.CompletedTask;
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
