using System.Text;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Governance.Core.Storage;

namespace Governance.Core.Disclosures;

/// <summary>
/// Markdown in container <c>disclosures</c> under <c>sha256/{hex}.md</c>. Every upload carries
/// <c>If-None-Match: *</c>, so an existing blob is never overwritten: the same content is simply already there,
/// and nothing (in this app) can replace published text. Reads verify the hash.
/// </summary>
public sealed class BlobDisclosureContentStore(BlobServiceClient blobs) : IDisclosureContentStore
{
    private readonly BlobContainerClient _container = blobs.GetBlobContainerClient(ContainerNames.Disclosures);

    public static string BlobName(string sha256) => $"sha256/{sha256}.md";

    public async Task<string> PutAsync(string markdown, CancellationToken cancellationToken = default)
    {
        var bytes = Encoding.UTF8.GetBytes(markdown);
        var sha256 = DisclosureHashing.Sha256Hex(bytes);
        var options = UploadOptions(sha256);
        options.Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All };

        try
        {
            await _container.GetBlobClient(BlobName(sha256)).UploadAsync(new BinaryData(bytes), options, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            // Already stored: content-addressed, so it is the same text (reads verify it).
        }

        return sha256;
    }

    public async Task<string> GetAsync(string sha256, CancellationToken cancellationToken = default)
        => await ReadVerifiedAsync(_container, sha256, cancellationToken)
            ?? throw new InvalidOperationException($"Disclosure content {sha256} is missing from the '{ContainerNames.Disclosures}' container.");

    internal static BlobUploadOptions UploadOptions(string sha256) => new()
    {
        HttpHeaders = new BlobHttpHeaders { ContentType = "text/markdown; charset=utf-8" },
        Metadata = new Dictionary<string, string> { ["sha256"] = sha256 },
    };

    /// <summary>The Markdown stored under <paramref name="sha256"/> in <paramref name="container"/>, checked against the hash; null when absent.</summary>
    internal static async Task<string?> ReadVerifiedAsync(BlobContainerClient container, string sha256, CancellationToken cancellationToken)
    {
        BlobDownloadResult result;
        try
        {
            result = (await container.GetBlobClient(BlobName(sha256)).DownloadContentAsync(cancellationToken)).Value;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }

        var bytes = result.Content.ToMemory();
        var actual = DisclosureHashing.Sha256Hex(bytes.Span);
        if (!string.Equals(actual, sha256, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Content {sha256} in '{container.Name}' failed its integrity check (stored bytes hash to {actual}).");
        }

        return Encoding.UTF8.GetString(bytes.Span);
    }
}
