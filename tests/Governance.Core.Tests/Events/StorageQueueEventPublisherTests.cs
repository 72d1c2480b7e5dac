using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Governance.Core.Events;
using Governance.Core.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Moq;

namespace Governance.Core.Tests.Events;

public sealed class StorageQueueEventPublisherTests
{
    private static readonly OutboxEvent Sample = new("e-9", EventTypes.PricingFinding, EventSources.Pricing, "f-1", "scan-1", 3, "{\"id\":\"e-9\"}");

    /// <summary>The publisher over a queue service whose every queue is <paramref name="queue"/>.</summary>
    private static StorageQueueEventPublisher Publisher(Mock<QueueClient> queue)
    {
        var queues = new Mock<QueueServiceClient>();
        queues.Setup(q => q.GetQueueClient(It.IsAny<string>())).Returns(queue.Object);
        return new StorageQueueEventPublisher(new QueueSender(queues.Object, Options.Create(new QueueNameOptions())));
    }

    [Fact]
    public async Task Sends_the_cloudevents_json_as_the_message_text()
    {
        var queue = new Mock<QueueClient>();
        queue.Setup(q => q.SendMessageAsync(It.IsAny<string>(), It.IsAny<TimeSpan?>(), It.IsAny<TimeSpan?>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(Response.FromValue(QueuesModelFactory.SendReceipt("m", DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, "r", DateTimeOffset.UtcNow), Mock.Of<Response>()));

        await Publisher(queue).PublishAsync(Sample);

        queue.Verify(q => q.SendMessageAsync("{\"id\":\"e-9\"}", null, null, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Theory]
    [InlineData(503, true)]
    [InlineData(429, true)]
    [InlineData(0, true)]
    [InlineData(404, false)]
    [InlineData(400, false)]
    public async Task Storage_failures_are_transient_only_for_throttling_timeouts_and_server_errors(int status, bool transient)
    {
        var queue = new Mock<QueueClient>();
        queue.Setup(q => q.SendMessageAsync(It.IsAny<string>(), It.IsAny<TimeSpan?>(), It.IsAny<TimeSpan?>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new RequestFailedException(status, "refused"));

        var ex = await Assert.ThrowsAsync<EventPublishException>(() => Publisher(queue).PublishAsync(Sample));

        Assert.Equal(transient, ex.IsTransient);
    }

    [Fact]
    public void Queue_name_comes_from_the_EventsQueue_setting_with_events_as_default()
    {
        var queues = new QueueServiceClient("UseDevelopmentStorage=true");
        var named = QueueNameOptions.From(new ConfigurationBuilder().AddInMemoryCollection([new("EventsQueue", "governance-out")]).Build());
        var unnamed = QueueNameOptions.From(new ConfigurationBuilder().Build());

        Assert.Equal("governance-out", new StorageQueueEventPublisher(new QueueSender(queues, Options.Create(named))).QueueName);
        Assert.Equal("events", new StorageQueueEventPublisher(new QueueSender(queues, Options.Create(unnamed))).QueueName);
    }
}
