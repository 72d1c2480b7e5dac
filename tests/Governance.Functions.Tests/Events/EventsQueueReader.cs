using Azure.Messaging;
using Azure.Storage.Queues;

namespace Governance.Functions.Tests.Events;

/// <summary>
/// Reads CloudEvents from a storage queue the way a consumer would, taking (and deleting) only the events a
/// test is waiting for; other messages become visible again after a moment.
/// </summary>
public static class EventsQueueReader
{
    public static async Task<List<CloudEvent>> CollectAsync(
        QueueClient queue, Func<CloudEvent, bool> ours, Func<IReadOnlyList<CloudEvent>, bool> done, TimeSpan timeout)
    {
        var received = new List<CloudEvent>();
        var deadline = DateTime.UtcNow + timeout;
        while (!done(received))
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out after {timeout.TotalSeconds:0} s with {received.Count} of the expected events from queue '{queue.Name}'.");
            }

            var messages = (await queue.ReceiveMessagesAsync(32, TimeSpan.FromSeconds(2))).Value;
            foreach (var message in messages)
            {
                var cloudEvent = TryParse(message.Body);
                if (cloudEvent is not null && ours(cloudEvent))
                {
                    received.Add(cloudEvent);
                    await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
                }
            }

            if (messages.Length == 0)
            {
                await Task.Delay(100);
            }
        }

        return received;
    }

    private static CloudEvent? TryParse(BinaryData body)
    {
        try
        {
            return CloudEvent.Parse(body);
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or ArgumentException)
        {
            return null;
        }
    }
}
