using Azure;
using Azure.Storage.Queues;

namespace Governance.LocalHost.Queues;

/// <summary>
/// Keeps a received message invisible while its function runs by extending its visibility at half the lease;
/// each extension returns a new pop receipt, which the final delete or release must use.
/// </summary>
internal sealed class MessageLease
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _renewals;

    public MessageLease(QueueClient queue, string messageId, string popReceipt, TimeSpan lease, ILogger logger)
    {
        PopReceipt = popReceipt;
        _renewals = RenewAsync(queue, messageId, lease, logger);
    }

    public string PopReceipt { get; private set; }

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await _renewals;
        _stop.Dispose();
    }

    private async Task RenewAsync(QueueClient queue, string messageId, TimeSpan lease, ILogger logger)
    {
        while (true)
        {
            try
            {
                await Task.Delay(lease / 2, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return; // The function finished.
            }

            // An update that has started is never cancelled: its new pop receipt must be the one used to settle the message.
            try
            {
                var receipt = await queue.UpdateMessageAsync(messageId, PopReceipt, visibilityTimeout: lease, cancellationToken: CancellationToken.None);
                PopReceipt = receipt.Value.PopReceipt;
            }
            catch (RequestFailedException ex)
            {
                logger.LogWarning("Could not extend the lease of message {MessageId}: {Error}", messageId, ex.Message);
                return;
            }
        }
    }
}
