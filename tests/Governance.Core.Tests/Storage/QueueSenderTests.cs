using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Governance.Core.Events;
using Governance.Core.Storage;
using Governance.Core.Webhooks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Moq;

namespace Governance.Core.Tests.Storage;

public sealed class QueueSenderTests
{
    private readonly Dictionary<string, Mock<QueueClient>> _queues = [];

    private QueueSender Sender(params (string Setting, string Name)[] settings)
    {
        var service = new Mock<QueueServiceClient>();
        service.Setup(s => s.GetQueueClient(It.IsAny<string>())).Returns((string name) =>
        {
            if (!_queues.TryGetValue(name, out var queue))
            {
                queue = new Mock<QueueClient>();
                queue.Setup(q => q.SendMessageAsync(It.IsAny<string>(), It.IsAny<TimeSpan?>(), It.IsAny<TimeSpan?>(), It.IsAny<CancellationToken>()))
                    .ReturnsAsync(Response.FromValue(QueuesModelFactory.SendReceipt("m", DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, "r", DateTimeOffset.UtcNow), Mock.Of<Response>()));
                _queues[name] = queue;
            }

            return queue.Object;
        });
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Setting, s.Name))).Build();
        return new QueueSender(service.Object, Options.Create(QueueNameOptions.From(configuration)));
    }

    [Fact]
    public async Task A_message_goes_to_the_queue_its_setting_names_as_the_apps_json()
    {
        await new QueueRelayTrigger(Sender(("OutboxRelayQueue", "relay-nudges"))).RequestAsync(new RelayRequest("Claims", "clm_1"));

        _queues["relay-nudges"].Verify(q => q.SendMessageAsync("{\"table\":\"Claims\",\"partitionKey\":\"clm_1\"}", null, null, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task A_delay_becomes_the_messages_initial_invisibility_and_none_is_visible_at_once()
    {
        var queue = new StorageQueueWebhookDeliveryQueue(Sender());
        var message = new WebhookDeliveryMessage("msg_1", "dev_1", "callback", "t", "{}", DateTimeOffset.UnixEpoch);

        await queue.EnqueueAsync(message, TimeSpan.FromMinutes(5));
        await queue.EnqueueAsync(message, TimeSpan.Zero);

        _queues["callbacks"].Verify(q => q.SendMessageAsync(It.IsAny<string>(), TimeSpan.FromMinutes(5), null, It.IsAny<CancellationToken>()), Times.Once);
        _queues["callbacks"].Verify(q => q.SendMessageAsync(It.IsAny<string>(), null, null, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task A_queue_follow_up_sends_its_message_text_unchanged_to_the_named_queue()
    {
        var followUp = QueueFollowUp.Of("f-1", "ClaimsQueue", "{\"claimId\":\"clm_9\"}");

        await new QueueFollowUpHandler(Sender(("ClaimsQueue", "claims-blue"))).RunAsync(followUp);

        _queues["claims-blue"].Verify(q => q.SendMessageAsync("{\"claimId\":\"clm_9\"}", null, null, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task A_setting_that_names_no_queue_of_the_catalog_is_refused()
        => await Assert.ThrowsAsync<ArgumentException>(() => Sender().SendAsync("NoSuchQueue", "x"));
}
