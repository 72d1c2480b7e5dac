using Azure.Identity;
using Azure.Messaging.ServiceBus;
using Governance.Core.Configuration;
using Governance.Core.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Governance.Core.Events;

public static class EventsServiceCollectionExtensions
{
    /// <summary>
    /// Registers the outbox, its relay and the publisher for <c>Events:Transport</c>. A Service Bus transport
    /// without a namespace or connection string stops the app at start-up with a message naming the settings.
    /// </summary>
    public static IServiceCollection AddGovernanceEvents(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(EventsOptions.Section);
        var options = section.Get<EventsOptions>() ?? new EventsOptions();
        services.AddOptions<EventsOptions>().Bind(section).ValidateProblems(o => o.Problems()).ValidateOnStart();
        services.AddGovernanceQueues(configuration);

        services.TryAddSingleton<IOutboxStore, TableOutboxStore>();
        services.TryAddSingleton<IRelayTrigger, QueueRelayTrigger>();
        services.TryAddSingleton<IEventOutbox, EventOutbox>();
        services.TryAddSingleton<FollowUpDispatcher>();
        services.TryAddSingleton<OutboxRelay>();
        services.TryAddSingleton<PendingEventsQuery>();

        switch (options.Transport)
        {
            case EventTransport.ServiceBus:
                var serviceBus = options.ServiceBus;
                ValidateServiceBus(serviceBus);
                services.TryAddSingleton(_ => CreateServiceBusClient(serviceBus));
                services.TryAddSingleton(sp => sp.GetRequiredService<ServiceBusClient>().CreateSender(serviceBus.TopicName));
                services.TryAddSingleton<IEventPublisher>(sp => new ServiceBusEventPublisher(sp.GetRequiredService<ServiceBusSender>()));
                break;
            default:
                services.TryAddSingleton<IEventPublisher, StorageQueueEventPublisher>();
                break;
        }

        return services;
    }

    private static void ValidateServiceBus(ServiceBusEventsOptions serviceBus)
    {
        if (string.IsNullOrWhiteSpace(serviceBus.ConnectionString) && string.IsNullOrWhiteSpace(serviceBus.FullyQualifiedNamespace))
        {
            throw new InvalidOperationException(
                "Events__Transport is ServiceBus but no namespace is configured: set Events__ServiceBus__FullyQualifiedNamespace " +
                "(managed identity, optionally Events__ServiceBus__ClientId) or Events__ServiceBus__ConnectionString.");
        }

        if (string.IsNullOrWhiteSpace(serviceBus.TopicName))
        {
            throw new InvalidOperationException("Events__ServiceBus__TopicName must not be empty.");
        }
    }

    private static ServiceBusClient CreateServiceBusClient(ServiceBusEventsOptions serviceBus)
    {
        if (!string.IsNullOrWhiteSpace(serviceBus.ConnectionString))
        {
            return new ServiceBusClient(serviceBus.ConnectionString);
        }

        var clientId = string.IsNullOrWhiteSpace(serviceBus.ClientId) ? null : serviceBus.ClientId;
        var credential = new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = clientId });
        return new ServiceBusClient(serviceBus.FullyQualifiedNamespace, credential);
    }
}
