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

    public async IAsyncEnumerable<AuditAnchor> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var item in _container.GetBlobsAsync(BlobTraits.None, BlobStates.None, Prefix, cancellationToken))
        {
            string text;
            try
            {
                text = (await _container.GetBlobClient(item.Name).DownloadContentAsync(cancellationToken)).Value.Content.ToString();
            }
            catch (RequestFailedException ex) when (ex.Status == 404)
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
}
