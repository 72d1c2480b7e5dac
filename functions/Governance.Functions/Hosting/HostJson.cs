using System.Text.Json;
using System.Text.Json.Nodes;

namespace Governance.Functions.Hosting;

/// <summary>The parts of host.json that decide how triggers behave, read the way the Functions host reads them.</summary>
public sealed record HostJson(
    string RoutePrefix,
    int QueueBatchSize,
    int QueueNewBatchThreshold,
    int QueueMaxDequeueCount,
    TimeSpan QueueVisibilityTimeout,
    TimeSpan QueueMaxPollingInterval,
    string QueueMessageEncoding)
{
    public static HostJson Defaults { get; } = new("api", 16, 8, 5, TimeSpan.Zero, TimeSpan.FromMinutes(1), "base64");

    public static HostJson Load(string directory)
    {
        var path = Path.Combine(directory, "host.json");
        if (!File.Exists(path))
        {
            return Defaults;
        }

        var root = JsonNode.Parse(File.ReadAllText(path), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true })
            ?? throw new InvalidOperationException($"{path} is empty.");
        var http = root["extensions"]?["http"];
        var queues = root["extensions"]?["queues"];
        var batchSize = queues?["batchSize"]?.GetValue<int>() ?? Defaults.QueueBatchSize;
        return new HostJson(
            RoutePrefix: (http?["routePrefix"]?.GetValue<string>() ?? Defaults.RoutePrefix).Trim('/'),
            QueueBatchSize: batchSize,
            QueueNewBatchThreshold: queues?["newBatchThreshold"]?.GetValue<int>() ?? batchSize / 2,
            QueueMaxDequeueCount: queues?["maxDequeueCount"]?.GetValue<int>() ?? Defaults.QueueMaxDequeueCount,
            QueueVisibilityTimeout: Span(queues?["visibilityTimeout"]) ?? Defaults.QueueVisibilityTimeout,
            QueueMaxPollingInterval: Span(queues?["maxPollingInterval"]) ?? Defaults.QueueMaxPollingInterval,
            QueueMessageEncoding: queues?["messageEncoding"]?.GetValue<string>() ?? Defaults.QueueMessageEncoding);
    }

    private static TimeSpan? Span(JsonNode? node)
        => node is null ? null : TimeSpan.Parse(node.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
}
