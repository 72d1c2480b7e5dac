using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Governance.Core.Json;
using Governance.Core.Storage;

namespace Governance.Core.Audit;

/// <summary>
/// Anchors as JSON lines in one append blob per UTC day (<c>audit-anchors/anchors/yyyy/MM/dd.jsonl</c>).
/// Append blobs only grow through AppendBlock; the container's immutability policy (infra) also forbids
/// deleting or overwriting them, so a truncated or rewritten audit table no longer matches its anchors.
/// Each line holds the combined root, the entry count and the chain heads the root covers.
/// </summary>
public sealed class BlobAuditAnchorStore(BlobServiceClient blobs) : IAuditAnchorStore
{
    private const string Prefix = "anchors/";
    private readonly BlobContainerClient _container = blobs.GetBlobContainerClient(ContainerNames.AuditAnchors);

    public static string BlobName(DateTimeOffset time)
        => Prefix + time.UtcDateTime.ToString("yyyy'/'MM'/'dd", CultureInfo.InvariantCulture) + ".jsonl";

    public async Task AppendAsync(AuditAnchor anchor, CancellationToken cancellationToken = default)
    {
        var blob = _container.GetAppendBlobClient(BlobName(anchor.Time));
        await blob.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        var line = JsonSerializer.Serialize(anchor, GovernanceJson.Options) + "\n";
        using var content = new MemoryStream(Encoding.UTF8.GetBytes(line));
        await blob.AppendBlockAsync(content, cancellationToken: cancellationToken);
    }

    /// <summary>
    /// The last line of the newest day's blob: one listing of blob names (one name per day anchored, 5,000 per
    /// page) and one download, however large the log.
    /// </summary>
    public async Task<AuditAnchor?> ReadLatestAsync(CancellationToken cancellationToken = default)
    {
        var names = new List<string>();
        await foreach (var item in _container.GetBlobsAsync(BlobTraits.None, BlobStates.None, Prefix, cancellationToken))
        {
            names.Add(item.Name);
        }

        foreach (var name in names.OrderByDescending(n => n, StringComparer.Ordinal))
        {
            if (await ReadBlobAsync(name, cancellationToken) is { } text
                && text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) is [.., var last])
            {
                return JsonSerializer.Deserialize<AuditAnchor>(last, GovernanceJson.Options);
            }
        }

        return null;
    }

    public async IAsyncEnumerable<AuditAnchor> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var item in _container.GetBlobsAsync(BlobTraits.None, BlobStates.None, Prefix, cancellationToken))
        {
            if (await ReadBlobAsync(item.Name, cancellationToken) is not { } text)
            {
                continue;
            }

            foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var anchor = JsonSerializer.Deserialize<AuditAnchor>(line, GovernanceJson.Options);
                if (anchor is not null)
                {
                    yield return anchor;
                }
            }
        }
    }

    private async Task<string?> ReadBlobAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            return (await _container.GetBlobClient(name).DownloadContentAsync(cancellationToken)).Value.Content.ToString();
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }
}
