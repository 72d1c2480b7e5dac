using System.Text.Json;
using Azure.Storage.Queues;
using Governance.Core.Json;
using Governance.Core.Storage;
using Microsoft.Extensions.Configuration;

namespace Governance.Core.Claims;

/// <summary>
/// A domain event of the claims duty, shaped like the outbox's <c>DomainEvent</c> (branch <c>outbox</c>):
/// CloudEvents <c>id</c>, <c>type</c>, <c>source</c>, <c>subject</c>, <c>time</c>, ordered per aggregate.
/// </summary>
public sealed record ClaimEvent(string Id, string Type, string Subject, DateTimeOffset Time, object Data)
{
    public const string Source = "/governance/claims";
    public const string CompensationPrepaid = "governance.compensation.prepaid";
    public const string CompensationRecovered = "governance.compensation.recovered";

    public string AggregateId => Subject;
}

/// <summary>
/// OUTBOX SEAM (lead: wire to <c>IEventOutbox</c> when branch <c>outbox</c> is merged). Until then claims
/// publish through this interface after the claim row that causes the event is committed with
/// <see cref="ClaimEntity.PendingWork"/> set and the matching <c>...EventPublished</c> flag false; the flag is
/// set after publishing, and <see cref="ClaimSweeper"/> republishes whatever a crash left unpublished. So an
/// event is at least once (consumers dedupe on the id) and never announced for a state that was not stored.
/// With the outbox, enlist the event rows in the claim's own batch instead and drop the flags.
/// </summary>
public interface IClaimEvents
{
    Task PublishAsync(ClaimEvent claimEvent, CancellationToken cancellationToken = default);
}

/// <summary>The interim transport the issue allows: CloudEvents JSON on the <c>payouts</c> queue.</summary>
public sealed class PayoutsQueueClaimEvents(QueueServiceClient queues, IConfiguration configuration) : IClaimEvents
{
    public const string QueueSetting = "PayoutsQueue";

    private readonly QueueClient _queue = queues.GetQueueClient(StorageCatalog.QueueName(configuration, QueueSetting));

    public async Task PublishAsync(ClaimEvent claimEvent, CancellationToken cancellationToken = default)
    {
        var cloudEvent = new Dictionary<string, object?>
        {
            ["specversion"] = "1.0",
            ["id"] = claimEvent.Id,
            ["type"] = claimEvent.Type,
            ["source"] = ClaimEvent.Source,
            ["subject"] = claimEvent.Subject,
            ["time"] = claimEvent.Time.ToUniversalTime(),
            ["datacontenttype"] = "application/json",
            ["partitionkey"] = claimEvent.AggregateId,
            ["data"] = claimEvent.Data,
        };
        await _queue.SendMessageAsync(JsonSerializer.Serialize(cloudEvent, GovernanceJson.Options), cancellationToken);
    }
}
