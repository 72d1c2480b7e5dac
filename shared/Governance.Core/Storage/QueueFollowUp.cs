using Azure.Storage.Queues;
using Governance.Core.Events;
using Microsoft.Extensions.Configuration;

namespace Governance.Core.Storage;

/// <summary>
/// A queue message a change owes (e.g. "process this claim"), sent by the relay after the commit. At least once:
/// a re-run sends it again, so the message's consumer must be idempotent (every queue consumer of this app is).
/// </summary>
public static class QueueFollowUp
{
    public const string Type = "queue";

    /// <param name="queueSetting">The setting naming the queue, one of <see cref="StorageCatalog.Queues"/>.</param>
    public static FollowUp Of(string id, string queueSetting, string message)
        => FollowUp.Create(Type, id, new QueueMessagePayload(queueSetting, message));

    /// <summary>
    /// Several messages for one queue as one follow-up (a fan-out, e.g. one message per shard of a scan), so a
    /// change that owes many messages stays within a table batch. A re-run sends all of them again.
    /// </summary>
    public static FollowUp OfEach(string id, string queueSetting, IReadOnlyList<string> messages)
        => FollowUp.Create(Type, id, new QueueMessagePayload(queueSetting, null, messages));
}

/// <summary>One message (<see cref="Message"/>) or several (<see cref="Messages"/>, sent in order) for the queue a setting names.</summary>
public sealed record QueueMessagePayload(string QueueSetting, string? Message, IReadOnlyList<string>? Messages = null);

public sealed class QueueFollowUpHandler(QueueServiceClient queues, IConfiguration configuration) : IFollowUpHandler
{
    public string Type => QueueFollowUp.Type;

    public async Task RunAsync(FollowUp followUp, CancellationToken cancellationToken = default)
    {
        var payload = followUp.Read<QueueMessagePayload>();
        var queue = queues.GetQueueClient(StorageCatalog.QueueName(configuration, payload.QueueSetting));
        if (payload.Message is not null)
        {
            await queue.SendMessageAsync(payload.Message, cancellationToken);
        }

        foreach (var message in payload.Messages ?? [])
        {
            await queue.SendMessageAsync(message, cancellationToken);
        }
    }
}
