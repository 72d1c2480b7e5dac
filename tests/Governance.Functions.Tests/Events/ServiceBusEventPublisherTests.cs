using System.Text.Json;
using Azure.Messaging;
using Azure.Messaging.ServiceBus;
using Governance.Core.Events;
using Governance.Functions.Tests.Infrastructure;
using Moq;

namespace Governance.Functions.Tests.Events;

[Collection(AzuriteTablesCollection.Name)]
public sealed class ServiceBusEventPublisherTests(AzuriteTablesFixture azurite)
{
    [Fact]
    public async Task Relayed_event_is_sent_with_event_id_as_message_id_type_as_subject_and_cloudevents_body()
    {
        var harness = new OutboxHarness(azurite.NewTables());
        var time = new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);
        var domainEvent = DomainEvent.Create(
            EventTypes.CompensationPrepaid, EventSources.Claims, "claim-7",
            new { claimId = "claim-7", amount = new { amount = 12_345L, currency = "CNY" } },
            time, subject: "claim-7", id: "claim-7");

        await harness.CommitAsync("claim-7", "approved", domainEvent);
        await harness.Relay.RelayPartitionAsync(OutboxHarness.Table, "claim-7");

        var message = Assert.Single(harness.Sent);
        Assert.Equal("claim-7", message.MessageId);
        Assert.Equal(EventTypes.CompensationPrepaid, message.Subject);
        Assert.Equal("application/cloudevents+json", message.ContentType);
        Assert.Equal(EventTypes.CompensationPrepaid, message.ApplicationProperties["type"]);
        Assert.Equal(EventSources.Claims, message.ApplicationProperties["source"]);
        Assert.Equal("claim-7", message.ApplicationProperties["subject"]);
        Assert.Equal("claim-7", message.ApplicationProperties["partitionkey"]);
        Assert.Equal(1L, message.ApplicationProperties["sequence"]);

        using var json = JsonDocument.Parse(message.Body.ToString());
        var root = json.RootElement;
        Assert.Equal("1.0", root.GetProperty("specversion").GetString());
        Assert.Equal("claim-7", root.GetProperty("id").GetString());
        Assert.Equal(EventSources.Claims, root.GetProperty("source").GetString());
        Assert.Equal(EventTypes.CompensationPrepaid, root.GetProperty("type").GetString());
        Assert.Equal("claim-7", root.GetProperty("subject").GetString());
        Assert.Equal(time, root.GetProperty("time").GetDateTimeOffset());
        Assert.Equal("application/json", root.GetProperty("datacontenttype").GetString());
        Assert.Equal(12_345L, root.GetProperty("data").GetProperty("amount").GetProperty("amount").GetInt64());
        Assert.Equal("CNY", root.GetProperty("data").GetProperty("amount").GetProperty("currency").GetString());
        Assert.Equal("0000000000000000001", root.GetProperty("sequence").GetString());

        var parsed = CloudEvent.Parse(message.Body)!;
        Assert.Equal("claim-7", parsed.Id);
        Assert.Equal("claim-7", parsed.ExtensionAttributes["partitionkey"]);
    }

    [Fact]
    public async Task Event_without_subject_has_no_subject_property()
    {
        var sender = new Mock<ServiceBusSender>();
        ServiceBusMessage? sent = null;
        sender.Setup(s => s.SendMessageAsync(It.IsAny<ServiceBusMessage>(), It.IsAny<CancellationToken>()))
            .Callback<ServiceBusMessage, CancellationToken>((m, _) => sent = m)
            .Returns(Task.CompletedTask);

        await new ServiceBusEventPublisher(sender.Object).PublishAsync(new OutboxEvent("e-1", EventTypes.AppSuspended, EventSources.Apps, null, "app-1", 4, "{}"));

        Assert.NotNull(sent);
        Assert.False(sent.ApplicationProperties.ContainsKey("subject"));
        Assert.Equal("{}", sent.Body.ToString());
    }

    [Theory]
    [InlineData(true, ServiceBusFailureReason.ServiceBusy)]
    [InlineData(false, ServiceBusFailureReason.MessagingEntityNotFound)]
    public async Task Service_bus_failures_keep_their_transience(bool transient, ServiceBusFailureReason reason)
    {
        var sender = new Mock<ServiceBusSender>();
        sender.Setup(s => s.SendMessageAsync(It.IsAny<ServiceBusMessage>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new ServiceBusException(transient, "refused", "governance-events", reason));

        var ex = await Assert.ThrowsAsync<EventPublishException>(() =>
            new ServiceBusEventPublisher(sender.Object).PublishAsync(new OutboxEvent("e-1", EventTypes.AppSuspended, EventSources.Apps, "app-1", "app-1", 1, "{}")));

        Assert.Equal(transient, ex.IsTransient);
        Assert.Contains("e-1", ex.Message, StringComparison.Ordinal);
        Assert.IsType<ServiceBusException>(ex.InnerException);
    }
}
