using Governance.Core.Events;

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
}

public sealed record QueueMessagePayload(string QueueSetting, string Message);

public sealed class QueueFollowUpHandler(QueueSender sender) : IFollowUpHandler
{
    public string Type => QueueFollowUp.Type;

    public Task RunAsync(FollowUp followUp, CancellationToken cancellationToken = default)
    {
        var payload = followUp.Read<QueueMessagePayload>();
        return sender.SendAsync(payload.QueueSetting, payload.Message, cancellationToken: cancellationToken);
    }
}
