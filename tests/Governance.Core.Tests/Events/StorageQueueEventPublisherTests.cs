using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Governance.Core.Events;
using Microsoft.Extensions.Configuration;
using Moq;

namespace Governance.Core.Tests.Events;

public sealed class StorageQueueEventPublisherTests
{
    private static readonly OutboxEvent Sample = new("e-9", EventTypes.PricingFinding, EventSources.Pricing, "f-1", "scan-1", 3, "{\"id\":\"e-9\"}");

    [Fact]
    public async Task Sends_the_cloudevents_json_as_the_message_text()
    {
        var queue = new Mock<QueueClient>();
        queue.Setup(q => q.SendMessageAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(Response.FromValue(QueuesModelFactory.SendReceipt("m", DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, "r", DateTimeOffset.UtcNow), Mock.Of<Response>()));

        await new StorageQueueEventPublisher(queue.Object).PublishAsync(Sample);

        queue.Verify(q => q.SendMessageAsync("{\"id\":\"e-9\"}", It.IsAny<CancellationToken>()), Times.Once);
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
        queue.Setup(q => q.SendMessageAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new RequestFailedException(status, "refused"));

        var ex = await Assert.ThrowsAsync<EventPublishException>(() => new StorageQueueEventPublisher(queue.Object).PublishAsync(Sample));

        Assert.Equal(transient, ex.IsTransient);
    }

    [Fact]
    public void Queue_name_comes_from_the_EventsQueue_setting_with_events_as_default()
    {
        var queues = new QueueServiceClient("UseDevelopmentStorage=true");
        var named = new ConfigurationBuilder().AddInMemoryCollection([new("EventsQueue", "governance-out")]).Build();
        var unnamed = new ConfigurationBuilder().Build();

        Assert.Equal("governance-out", new StorageQueueEventPublisher(queues, named).QueueName);
        Assert.Equal("events", new StorageQueueEventPublisher(queues, unnamed).QueueName);
    }
}
