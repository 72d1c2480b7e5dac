using System.Reflection;
using System.Text;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Governance.Core.Storage;
using Governance.Functions.Hosting;
using Governance.Functions.Http;
using Governance.LocalHost.Invocation;

namespace Governance.LocalHost.Queues;

/// <summary>
/// Polls one storage queue for one function the way the Functions host does: batches of <c>batchSize</c>,
/// base64 payloads, failed messages made visible again after <c>visibilityTimeout</c>, and a message that
/// fails on its <c>maxDequeueCount</c>-th delivery moved to <c>&lt;queue&gt;-poison</c>.
/// </summary>
public sealed class QueueFunctionListener(
    FunctionDescriptor function,
    string queueName,
    HostJson hostJson,
    QueueServiceClient rawQueues,
    IServiceScopeFactory scopes,
    FunctionInvoker invoker,
    ILogger<QueueFunctionListener> logger,
    TimeSpan processingLease) : BackgroundService
{
    /// <summary>
    /// How long a received message stays invisible; renewed at half-time while the function runs, as the
    /// Functions host does (10 minutes there), so a long invocation never lets the message reappear.
    /// </summary>
    private readonly TimeSpan _lease = processingLease;

    private static readonly TimeSpan MinimumPollingInterval = TimeSpan.FromMilliseconds(100);
    private readonly QueueClient _queue = rawQueues.GetQueueClient(queueName);
    private readonly QueueClient _poison = rawQueues.GetQueueClient(StorageCatalog.PoisonQueueName(queueName));
    private readonly SemaphoreSlim _wake = new(0);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, Task> _running = new();
    private int _inFlight;

    /// <summary>Skips the polling back-off, like the host's fast path for messages it enqueued itself.</summary>
    public void Wake() => _wake.Release();

    /// <summary>Creates the queue and its poison queue before the host reports that it has started.</summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await _queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        await _poison.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    /// <summary>
    /// Like the Functions host: a batch of up to <c>batchSize</c> messages runs concurrently, and another batch is
    /// fetched as soon as no more than <c>newBatchThreshold</c> are still running, so at most
    /// batchSize + newBatchThreshold messages of this queue are in flight at once.
    /// </summary>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = MinimumPollingInterval;
        while (!stoppingToken.IsCancellationRequested)
        {
            if (Volatile.Read(ref _inFlight) > hostJson.QueueNewBatchThreshold)
            {
                if (!await WaitAsync(Timeout.InfiniteTimeSpan, stoppingToken))
                {
                    break;
                }

                continue;
            }

            QueueMessage[] messages;
            try
            {
                messages = (await _queue.ReceiveMessagesAsync(hostJson.QueueBatchSize, _lease, stoppingToken)).Value;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Polling queue '{Queue}' failed; retrying.", queueName);
                messages = [];
            }

            if (messages.Length > 0)
            {
                delay = MinimumPollingInterval;
                foreach (var message in messages)
                {
                    Start(message, stoppingToken);
                }

                continue;
            }

            if (!await WaitAsync(delay, stoppingToken))
            {
                break;
            }

            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, hostJson.QueueMaxPollingInterval.Ticks));
        }

        // Let running invocations finish their message (delete, release or poison) before the host stops.
        await Task.WhenAll(_running.Values);
    }

    private void Start(QueueMessage message, CancellationToken stoppingToken)
    {
        Interlocked.Increment(ref _inFlight);
        var id = Guid.NewGuid();
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _running[id] = done.Task; // registered before the work starts, so its removal always finds it
        _ = Task.Run(async () =>
        {
            try
            {
                await ProcessAsync(message, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Settling message {MessageId} on '{Queue}' failed; it becomes visible again when its lease ends.", message.MessageId, queueName);
            }
            catch (OperationCanceledException)
            {
                // Stopping: the message becomes visible again when its lease ends.
            }
            finally
            {
                _running.TryRemove(id, out _);
                Interlocked.Decrement(ref _inFlight);
                _wake.Release();
                done.SetResult();
            }
        }, CancellationToken.None);
    }

    /// <summary>Waits for a finished message, a wake-up or the delay; false when the host is stopping.</summary>
    private async Task<bool> WaitAsync(TimeSpan delay, CancellationToken stoppingToken)
    {
        try
        {
            await _wake.WaitAsync(delay, stoppingToken);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Runs the function on one message; used by the poller and by the admin endpoint.</summary>
    public async Task ProcessAsync(QueueMessage message, CancellationToken cancellationToken)
    {
        if (message.DequeueCount > hostJson.QueueMaxDequeueCount)
        {
            await MoveToPoisonAsync(message, message.PopReceipt, cancellationToken);
            return;
        }

        bool succeeded;
        var lease = new MessageLease(_queue, message.MessageId, message.PopReceipt, _lease, logger);
        try
        {
            await RunAsync(message, cancellationToken);
            succeeded = true;
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            succeeded = false;
        }
        finally
        {
            await lease.StopAsync();
        }

        if (succeeded)
        {
            await _queue.DeleteMessageAsync(message.MessageId, lease.PopReceipt, cancellationToken);
        }
        else if (message.DequeueCount >= hostJson.QueueMaxDequeueCount)
        {
            await MoveToPoisonAsync(message, lease.PopReceipt, cancellationToken);
        }
        else
        {
            await _queue.UpdateMessageAsync(message.MessageId, lease.PopReceipt, visibilityTimeout: hostJson.QueueVisibilityTimeout, cancellationToken: cancellationToken);
        }
    }

    /// <summary>One invocation for one message; throws when the function fails.</summary>
    public async Task RunAsync(QueueMessage message, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await invoker.InvokeAsync(
            function,
            scope.ServiceProvider,
            parameter => new ValueTask<object?>(Bind(parameter, message, cancellationToken)),
            $"message {message.MessageId} on '{queueName}', dequeue count {message.DequeueCount}");
    }

    /// <summary>Runs the function on a payload that never touched the queue (the admin endpoint).</summary>
    public Task RunPayloadAsync(string payload, CancellationToken cancellationToken)
    {
        var text = string.Equals(hostJson.QueueMessageEncoding, "base64", StringComparison.OrdinalIgnoreCase)
            ? Convert.ToBase64String(Encoding.UTF8.GetBytes(payload))
            : payload;
        var message = QueuesModelFactory.QueueMessage("manual-" + Guid.NewGuid().ToString("N"), "manual", text, dequeueCount: 1);
        return RunAsync(message, cancellationToken);
    }

    private async Task MoveToPoisonAsync(QueueMessage message, string popReceipt, CancellationToken cancellationToken)
    {
        logger.LogWarning("Message {MessageId} on '{Queue}' failed {Count} times; moving it to '{Poison}'.",
            message.MessageId, queueName, message.DequeueCount, _poison.Name);
        await _poison.SendMessageAsync(message.MessageText, cancellationToken);
        await _queue.DeleteMessageAsync(message.MessageId, popReceipt, cancellationToken);
    }

    private object? Bind(ParameterInfo parameter, QueueMessage message, CancellationToken cancellationToken)
    {
        var type = parameter.ParameterType;
        if (type == typeof(CancellationToken))
        {
            return cancellationToken;
        }

        if (parameter == function.TriggerParameter)
        {
            var payload = Decode(message);
            if (type == typeof(QueueMessage))
            {
                return QueuesModelFactory.QueueMessage(message.MessageId, message.PopReceipt, BinaryData.FromBytes(payload), message.DequeueCount, message.NextVisibleOn, message.InsertedOn, message.ExpiresOn);
            }

            if (type == typeof(string))
            {
                return Encoding.UTF8.GetString(payload);
            }

            if (type == typeof(BinaryData))
            {
                return BinaryData.FromBytes(payload);
            }

            if (type == typeof(byte[]))
            {
                return payload;
            }

            return typeof(RequestBody).GetMethod(nameof(RequestBody.ParseJson))!.MakeGenericMethod(type)
                .Invoke(null, BindingFlags.DoNotWrapExceptions, null, [new ReadOnlyMemory<byte>(payload)], null);
        }

        return parameter.Name switch
        {
            "id" or "messageId" => message.MessageId,
            "dequeueCount" => ParameterBinding.ConvertString(message.DequeueCount.ToString(System.Globalization.CultureInfo.InvariantCulture), type),
            "popReceipt" => message.PopReceipt,
            "insertionTime" => message.InsertedOn,
            "expirationTime" => message.ExpiresOn,
            "nextVisibleTime" => message.NextVisibleOn,
            _ => throw ParameterBinding.Unbindable(parameter),
        };
    }

    private byte[] Decode(QueueMessage message)
    {
        if (!string.Equals(hostJson.QueueMessageEncoding, "base64", StringComparison.OrdinalIgnoreCase))
        {
            return Encoding.UTF8.GetBytes(message.MessageText);
        }

        try
        {
            return Convert.FromBase64String(message.MessageText);
        }
        catch (FormatException ex)
        {
            throw new InvalidOperationException($"Message {message.MessageId} on '{queueName}' is not base64, as host.json's messageEncoding requires.", ex);
        }
    }
}
