using Azure.Messaging.ServiceBus;
using Azure.Storage.Queues;
using Governance.Core.Events;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Core.Tests.Events;

public sealed class EventsRegistrationTests
{
    private const string SasConnection = "Endpoint=sb://gov-test.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=c2VjcmV0";

    private static ServiceProvider Build(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(new QueueServiceClient("UseDevelopmentStorage=true", new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 }));
        services.AddSingleton(new Azure.Data.Tables.TableServiceClient("UseDevelopmentStorage=true"));
        services.AddSingleton<IConfiguration>(configuration);
        services.AddGovernanceEvents(configuration);
        return services.BuildServiceProvider();
    }

    [Fact]
    public async Task Storage_queue_is_the_default_transport()
    {
        await using var provider = Build();

        var publisher = Assert.IsType<StorageQueueEventPublisher>(provider.GetRequiredService<IEventPublisher>());
        Assert.Equal("events", publisher.QueueName);
        Assert.NotNull(provider.GetRequiredService<IEventOutbox>());
        Assert.NotNull(provider.GetRequiredService<OutboxRelay>());
        Assert.NotNull(provider.GetRequiredService<PendingEventsQuery>());
    }

    [Fact]
    public async Task Service_bus_with_a_connection_string_sends_to_the_configured_topic()
    {
        await using var provider = Build(("Events:Transport", "ServiceBus"), ("Events:ServiceBus:ConnectionString", SasConnection), ("Events:ServiceBus:TopicName", "gov-topic"));

        Assert.IsType<ServiceBusEventPublisher>(provider.GetRequiredService<IEventPublisher>());
        var sender = provider.GetRequiredService<ServiceBusSender>();
        Assert.Equal("gov-topic", sender.EntityPath);
        Assert.Equal("gov-test.servicebus.windows.net", sender.FullyQualifiedNamespace);
    }

    [Fact]
    public async Task Service_bus_with_a_namespace_uses_the_identity_and_the_default_topic()
    {
        await using var provider = Build(("Events:Transport", "ServiceBus"), ("Events:ServiceBus:FullyQualifiedNamespace", "gov-prod.servicebus.windows.net"));

        var sender = provider.GetRequiredService<ServiceBusSender>();
        Assert.Equal("governance-events", sender.EntityPath);
        Assert.Equal("gov-prod.servicebus.windows.net", sender.FullyQualifiedNamespace);
    }

    [Fact]
    public void Service_bus_without_a_namespace_stops_start_up_naming_the_settings()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => Build(("Events:Transport", "ServiceBus"), ("Events:ServiceBus:ConnectionString", " ")));

        Assert.Contains("Events__ServiceBus__FullyQualifiedNamespace", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Events__ServiceBus__ConnectionString", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_transport_stops_start_up()
    {
        Assert.Throws<InvalidOperationException>(() => Build(("Events:Transport", "Kafka")));
    }

    [Fact]
    public async Task AddGovernance_registers_the_events()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection([new("AzureWebJobsStorage", "UseDevelopmentStorage=true"), new("Storage:ProvisionOnStartup", "false")])
            .Build();
        var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration);
        Governance.Core.GovernanceServiceCollectionExtensions.AddGovernance(services, configuration);
        await using var provider = services.BuildServiceProvider();

        Assert.IsType<EventOutbox>(provider.GetRequiredService<IEventOutbox>());
        Assert.IsType<QueueRelayTrigger>(provider.GetRequiredService<IRelayTrigger>());
    }
}
