using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Governance.Core.Tests.Fakes;
using Governance.Core.Webhooks;
using Governance.Functions.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Governance.Functions.Tests.Webhooks;

[Collection(AzuriteTablesCollection.Name)]
public sealed class WebhookDeliveryServiceTests(AzuriteTablesFixture azurite)
{
    private readonly AzuriteTables _tables = azurite.NewTables();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2030, 5, 1, 8, 0, 0, TimeSpan.Zero));
    private readonly RecordingQueue _queue = new();
    private readonly ScriptedHandler _handler = new();

    private TableWebhookEndpointStore Endpoints => new(_tables.Service, _time);

    private WebhookDeliveryService Service(int maxAttempts = 3)
    {
        var options = Options.Create(new WebhookOptions { MaxDeliveryAttempts = maxAttempts, DeliveryTimeoutSeconds = 1 });
        return new WebhookDeliveryService(
            new HttpClient(_handler),
            Endpoints,
            _queue,
            new WebhookSignature(_time),
            new CallbackUrlPolicy(options, new StaticResolver()),
            options,
            _time,
            NullLogger<WebhookDeliveryService>.Instance);
    }

    private async Task<(WebhookEndpoint Endpoint, WebhookDeliveryMessage Message)> Queued()
    {
        var endpoint = await Endpoints.PutAsync("dev_1", "callback", "https://hooks.example.com/governance");
        await Service().EnqueueAsync("dev_1", "callback", "governance.claim.status", "{\"claimId\":\"c1\",\"status\":\"approved\"}", "msg_fixed");
        return (endpoint, _queue.Sent.Single().Message);
    }

    [Fact]
    public async Task A_delivery_is_signed_so_the_receiver_can_verify_it()
    {
        var (endpoint, message) = await Queued();
        _handler.Respond(HttpStatusCode.NoContent);

        var outcome = await Service().DeliverAsync(message);

        Assert.Equal(WebhookDeliveryOutcome.Delivered, outcome);
        var request = _handler.Requests.Single();
        Assert.Equal("https://hooks.example.com/governance", request.Url);
        Assert.Equal("application/json", request.ContentType);
        var receiver = new WebhookSignature(_time);
        Assert.Equal("msg_fixed", receiver.Verify(request.Headers, request.Body, [WebhookSecret.Parse(endpoint.Secret)]));
        using var body = JsonDocument.Parse(request.Body);
        Assert.Equal("governance.claim.status", body.RootElement.GetProperty("type").GetString());
        Assert.Equal("approved", body.RootElement.GetProperty("data").GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_failure_requeues_the_same_delivery_with_backoff_and_the_same_body()
    {
        var (_, message) = await Queued();
        _handler.Respond(HttpStatusCode.InternalServerError);
        _handler.Respond(HttpStatusCode.OK);

        var first = await Service().DeliverAsync(message);
        var retry = _queue.Sent[^1];
        _time.Advance(retry.Delay);
        var second = await Service().DeliverAsync(retry.Message);

        Assert.Equal(WebhookDeliveryOutcome.RetryScheduled, first);
        Assert.Equal(2, retry.Message.Attempt);
        Assert.Equal(WebhookDeliveryService.Backoff[0], retry.Delay);
        Assert.Equal(WebhookDeliveryOutcome.Delivered, second);
        Assert.Equal(_handler.Requests[0].Body, _handler.Requests[1].Body);
        Assert.Equal(_handler.Requests[0].Headers.Id, _handler.Requests[1].Headers.Id);
        Assert.NotEqual(_handler.Requests[0].Headers.Timestamp, _handler.Requests[1].Headers.Timestamp);
    }

    [Fact]
    public async Task Network_errors_and_timeouts_are_retried_until_the_attempts_run_out()
    {
        var (_, message) = await Queued();
        _handler.Throw(new HttpRequestException("connection refused"));
        _handler.Hang();
        _handler.Respond(HttpStatusCode.BadGateway);
        var service = Service(maxAttempts: 3);

        var outcomes = new List<WebhookDeliveryOutcome> { await service.DeliverAsync(message) };
        outcomes.Add(await service.DeliverAsync(_queue.Sent[^1].Message));
        outcomes.Add(await service.DeliverAsync(_queue.Sent[^1].Message));

        Assert.Equal(new[] { WebhookDeliveryOutcome.RetryScheduled, WebhookDeliveryOutcome.RetryScheduled, WebhookDeliveryOutcome.GaveUp }, outcomes);
        Assert.Equal(new[] { 1, 2, 3 }, _queue.Sent.Select(s => s.Message.Attempt));
        Assert.Equal(new[] { TimeSpan.Zero, WebhookDeliveryService.Backoff[0], WebhookDeliveryService.Backoff[1] }, _queue.Sent.Select(s => s.Delay));
    }

    [Fact]
    public async Task An_attempt_the_clients_resilience_pipeline_cut_off_or_refused_is_queued_again()
    {
        var (_, message) = await Queued();
        _handler.Throw(new Polly.Timeout.TimeoutRejectedException("the delivery timeout ran out"));
        _handler.Throw(new Polly.CircuitBreaker.BrokenCircuitException("the receiver's circuit is open"));
        var service = Service(maxAttempts: 3);

        var first = await service.DeliverAsync(message);
        var second = await service.DeliverAsync(_queue.Sent[^1].Message);

        Assert.Equal([WebhookDeliveryOutcome.RetryScheduled, WebhookDeliveryOutcome.RetryScheduled], [first, second]);
        Assert.Equal(new[] { 1, 2, 3 }, _queue.Sent.Select(s => s.Message.Attempt));
    }

    [Fact]
    public async Task A_410_disables_the_endpoint_and_later_deliveries_are_dropped()
    {
        var (_, message) = await Queued();
        _handler.Respond(HttpStatusCode.Gone);

        var outcome = await Service().DeliverAsync(message);
        var later = await Service().DeliverAsync(message with { DeliveryId = "msg_later" });

        Assert.Equal(WebhookDeliveryOutcome.EndpointGone, outcome);
        Assert.Equal(WebhookDeliveryOutcome.EndpointDisabled, later);
        Assert.Single(_handler.Requests);
        Assert.Single(_queue.Sent); // no retry was queued
        Assert.True((await Endpoints.GetAsync("dev_1", "callback"))!.Disabled);
    }

    [Fact]
    public async Task An_endpoint_whose_url_became_private_is_not_called()
    {
        var (_, message) = await Queued();
        await Endpoints.PutAsync("dev_1", "callback", "https://10.1.2.3/hook");

        var outcome = await Service().DeliverAsync(message);

        Assert.Equal(WebhookDeliveryOutcome.Refused, outcome);
        Assert.Empty(_handler.Requests);
    }

    [Fact]
    public async Task Re_registering_an_endpoint_keeps_its_secret_and_enables_it()
    {
        var first = await Endpoints.PutAsync("dev_1", "callback", "https://hooks.example.com/a");
        await Endpoints.DisableAsync("dev_1", "callback", "test");

        var second = await Endpoints.PutAsync("dev_1", "callback", "https://hooks.example.com/b");

        Assert.Equal(first.Secret, second.Secret);
        Assert.False((await Endpoints.GetAsync("dev_1", "callback"))!.Disabled);
    }

    [Fact]
    public async Task Malformed_payloads_are_refused_before_queueing()
    {
        await Assert.ThrowsAnyAsync<JsonException>(() => Service().EnqueueAsync("dev_1", "callback", "t", "{not json"));

        Assert.Empty(_queue.Sent);
    }

    private sealed class RecordingQueue : IWebhookDeliveryQueue
    {
        public List<(WebhookDeliveryMessage Message, TimeSpan Delay)> Sent { get; } = [];

        public Task EnqueueAsync(WebhookDeliveryMessage message, TimeSpan delay, CancellationToken cancellationToken = default)
        {
            Sent.Add((message, delay));
            return Task.CompletedTask;
        }
    }

    private sealed record Captured(string Url, string? ContentType, WebhookHeaders Headers, byte[] Body);

    private sealed class ScriptedHandler : HttpMessageHandler
    {
        private readonly Queue<Func<CancellationToken, Task<HttpResponseMessage>>> _script = new();

        public List<Captured> Requests { get; } = [];

        public void Respond(HttpStatusCode status) => _script.Enqueue(_ => Task.FromResult(new HttpResponseMessage(status)));

        public void Throw(Exception exception) => _script.Enqueue(_ => Task.FromException<HttpResponseMessage>(exception));

        public void Hang() => _script.Enqueue(async ct =>
        {
            await Task.Delay(Timeout.Infinite, ct);
            throw new InvalidOperationException("unreachable");
        });

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            string? Header(string name) => request.Headers.TryGetValues(name, out var values) ? values.Single() : null;
            Requests.Add(new Captured(
                request.RequestUri!.ToString(),
                request.Content?.Headers.ContentType?.MediaType,
                new WebhookHeaders(Header(WebhookHeaders.IdHeader), Header(WebhookHeaders.TimestampHeader), Header(WebhookHeaders.SignatureHeader)),
                await request.Content!.ReadAsByteArrayAsync(cancellationToken)));
            return await _script.Dequeue()(cancellationToken);
        }
    }
}
