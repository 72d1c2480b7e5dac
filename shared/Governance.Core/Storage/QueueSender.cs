using System.Collections.Concurrent;
using System.Text.Json;
using Azure.Storage.Queues;
using Governance.Core.Json;
using Microsoft.Extensions.Options;

namespace Governance.Core.Storage;

/// <summary>
/// The one way Core puts a message on one of the app's queues: by the setting that names the queue
/// (<see cref="QueueNameOptions"/>), as text or as the app's JSON, optionally invisible for a delay. The DI
/// <see cref="QueueServiceClient"/> encodes base64, which the queue triggers decode.
/// </summary>
public sealed class QueueSender(QueueServiceClient queues, IOptions<QueueNameOptions> names)
{
    private readonly ConcurrentDictionary<string, QueueClient> _clients = new(StringComparer.Ordinal);

    public string QueueName(string queueSetting) => names.Value.NameOf(queueSetting);

    /// <summary>Sends <paramref name="text"/> as it is; a positive <paramref name="delay"/> becomes its initial invisibility.</summary>
    public async Task SendAsync(string queueSetting, string text, TimeSpan? delay = null, CancellationToken cancellationToken = default)
        => await Queue(queueSetting).SendMessageAsync(text, delay > TimeSpan.Zero ? delay : null, null, cancellationToken);

    /// <summary>Sends <paramref name="message"/> serialized with <see cref="GovernanceJson.Options"/>.</summary>
    public Task SendJsonAsync<T>(string queueSetting, T message, TimeSpan? delay = null, CancellationToken cancellationToken = default)
        => SendAsync(queueSetting, JsonSerializer.Serialize(message, GovernanceJson.Options), delay, cancellationToken);

    private QueueClient Queue(string queueSetting) => _clients.GetOrAdd(queueSetting, setting => queues.GetQueueClient(QueueName(setting)));
}
