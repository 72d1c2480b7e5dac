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
