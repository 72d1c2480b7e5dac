using System.Net;
using Governance.Core.Tests.Fakes;
using Governance.Core.Webhooks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Polly;

namespace Governance.Core.Tests.Webhooks;

/// <summary>
/// The registered webhook client's resilience pipeline: it never sends a webhook twice (the callbacks queue retries
/// deliveries), retries only a connection that was never made, and keeps an attempt within the delivery timeout.
/// </summary>
public sealed class WebhookHttpClientTests
{
    private readonly CountingHandler _receiver = new();

    private HttpClient Client(int timeoutSeconds = 10)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton<IHostAddressResolver>(new StaticResolver());
        services.AddSingleton(Options.Create(new WebhookOptions { DeliveryTimeoutSeconds = timeoutSeconds }));
        services.AddWebhookHttpClient();
        services.AddHttpClient(WebhookHttpClient.Name).ConfigurePrimaryHttpMessageHandler(() => _receiver); // in place of the network
        return services.BuildServiceProvider().GetRequiredService<IHttpClientFactory>().CreateClient(WebhookHttpClient.Name);
    }

    private static HttpRequestMessage Webhook() => new(HttpMethod.Post, "https://hooks.example.com/governance") { Content = new StringContent("{\"type\":\"t\"}") };

    [Theory]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.TooManyRequests)]
    public async Task A_webhook_the_receiver_answered_with_an_error_is_sent_once(HttpStatusCode status)
    {
        _receiver.Answers.Enqueue(_ => Task.FromResult(new HttpResponseMessage(status)));
        _receiver.Answers.Enqueue(_ => Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)));

        using var response = await Client().SendAsync(Webhook());

        Assert.Equal(status, response.StatusCode);
        Assert.Equal(1, _receiver.Requests);
    }

    [Fact]
    public async Task A_connection_that_could_not_be_made_is_tried_once_more()
    {
        _receiver.Answers.Enqueue(_ => throw new HttpRequestException(HttpRequestError.ConnectionError, "refused"));
        _receiver.Answers.Enqueue(_ => Task.FromResult(new HttpResponseMessage(HttpStatusCode.NoContent)));

        using var response = await Client().SendAsync(Webhook());

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(2, _receiver.Requests);
    }

    [Fact]
    public async Task A_connection_refused_twice_fails_the_attempt_without_a_third_try()
    {
        for (var i = 0; i < 3; i++)
        {
            _receiver.Answers.Enqueue(_ => throw new HttpRequestException(HttpRequestError.ConnectionError, "refused"));
        }

        await Assert.ThrowsAsync<HttpRequestException>(() => Client().SendAsync(Webhook()));

        Assert.Equal(2, _receiver.Requests);
    }

    [Fact]
    public async Task A_receiver_that_does_not_answer_is_cut_off_at_the_delivery_timeout_and_not_retried()
    {
        var cancelled = new TaskCompletionSource();
        _receiver.Answers.Enqueue(async token =>
        {
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(30), token);
            }
            catch (OperationCanceledException)
            {
                cancelled.TrySetResult();
                throw;
            }

            return new HttpResponseMessage(HttpStatusCode.OK);
        });

        await Assert.ThrowsAnyAsync<ExecutionRejectedException>(() => Client(timeoutSeconds: 1).SendAsync(Webhook()));

        Assert.True(cancelled.Task.IsCompleted, "The request was not cancelled when the delivery timeout ran out.");
        Assert.Equal(1, _receiver.Requests);
    }

    private sealed class CountingHandler : HttpMessageHandler
    {
        private int _requests;

        public Queue<Func<CancellationToken, Task<HttpResponseMessage>>> Answers { get; } = new();

        public int Requests => _requests;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _requests);
            return Answers.Dequeue()(cancellationToken);
        }
    }
}
