namespace Governance.Core.Events;

public enum EventTransport
{
    /// <summary>Storage queue <c>EventsQueue</c> (default <c>events</c>): the local default, on Azurite.</summary>
    StorageQueue,

    /// <summary>A Service Bus topic: what runs in Azure.</summary>
    ServiceBus,
}

/// <summary>Settings under <c>Events</c> (<c>Events__…</c> in app settings).</summary>
public sealed class EventsOptions
{
    public const string Section = "Events";

    public EventTransport Transport { get; set; } = EventTransport.StorageQueue;

    public ServiceBusEventsOptions ServiceBus { get; set; } = new();

    public OutboxRelayOptions Relay { get; set; } = new();

    /// <summary>What is wrong with the settings, each naming its setting (checked when the host starts).</summary>
    public IEnumerable<string> Problems()
    {
        if (Transport == EventTransport.ServiceBus)
        {
            var serviceBus = ServiceBus;
            if (!string.IsNullOrWhiteSpace(serviceBus.FullyQualifiedNamespace)
                && Uri.CheckHostName(serviceBus.FullyQualifiedNamespace.Trim()) != UriHostNameType.Dns)
            {
                yield return "Events__ServiceBus__FullyQualifiedNamespace must be a host name such as governance.servicebus.windows.net (no scheme or path).";
            }

            if (!string.IsNullOrWhiteSpace(serviceBus.ConnectionString) && !IsServiceBusConnectionString(serviceBus.ConnectionString))
            {
                yield return "Events__ServiceBus__ConnectionString is not a Service Bus connection string (Endpoint=sb://…;SharedAccessKeyName=…;SharedAccessKey=…).";
            }

            if (!string.IsNullOrWhiteSpace(serviceBus.ClientId) && !Guid.TryParse(serviceBus.ClientId.Trim(), out _))
            {
                yield return "Events__ServiceBus__ClientId must be the client id (a GUID) of a user-assigned managed identity, or empty.";
            }
        }

        if (Relay.ImmediateRetries < 0 || Relay.SweepParallelism < 1 || Relay.MaxEventsPerRun < 1)
        {
            yield return "Events__Relay__ImmediateRetries must be at least 0, Events__Relay__SweepParallelism and Events__Relay__MaxEventsPerRun at least 1.";
        }

        if (Relay.ImmediateRetryDelay < TimeSpan.Zero || Relay.BackoffBase <= TimeSpan.Zero || Relay.BackoffMax < Relay.BackoffBase
            || Relay.LeaseDuration <= TimeSpan.Zero || Relay.EnlistmentGracePeriod <= TimeSpan.Zero)
        {
            yield return "Events__Relay__* times must be positive, with Events__Relay__BackoffMax at least Events__Relay__BackoffBase.";
        }
    }

    private static bool IsServiceBusConnectionString(string value)
    {
        try
        {
            Azure.Messaging.ServiceBus.ServiceBusConnectionStringProperties.Parse(value);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}

public sealed class ServiceBusEventsOptions
{
    /// <summary><c>{namespace}.servicebus.windows.net</c>, reached with <c>DefaultAzureCredential</c>.</summary>
    public string? FullyQualifiedNamespace { get; set; }

    /// <summary>Client id of a user-assigned managed identity; empty for the system-assigned one or a developer login.</summary>
    public string? ClientId { get; set; }

    /// <summary>A shared-access connection string; used instead of the identity when set.</summary>
    public string? ConnectionString { get; set; }

    public string TopicName { get; set; } = "governance-events";
}

public sealed class OutboxRelayOptions
{
    /// <summary>Retries of a transient publish failure inside one relay run, before it is left to the backoff.</summary>
    public int ImmediateRetries { get; set; } = 3;

    public TimeSpan ImmediateRetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>After a failed run an event waits BackoffBase × 2^(attempts−1), at most BackoffMax.</summary>
    public TimeSpan BackoffBase { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan BackoffMax { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long one relay holds a partition; renewed while it publishes.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long an enlistment whose batch has not committed is presumed still in flight. After that the
    /// relay fences the partition (its head ETag changes, so a late commit fails) and forgets the enlistment.
    /// </summary>
    public TimeSpan EnlistmentGracePeriod { get; set; } = TimeSpan.FromMinutes(10);

    public int SweepParallelism { get; set; } = 4;

    /// <summary>Events one run publishes from one partition before it yields to the next sweep.</summary>
    public int MaxEventsPerRun { get; set; } = 5000;
}
