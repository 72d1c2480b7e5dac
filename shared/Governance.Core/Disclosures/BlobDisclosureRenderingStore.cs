using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Governance.Core.Storage;

namespace Governance.Core.Disclosures;

/// <summary><see cref="IDisclosureRenderingStore"/> in the mutable container <c>disclosure-renderings</c>; uploads carry <c>If-None-Match: *</c>.</summary>
public sealed class BlobDisclosureRenderingStore(BlobServiceClient blobs) : IDisclosureRenderingStore
{
    private readonly BlobContainerClient _container = blobs.GetBlobContainerClient(ContainerNames.DisclosureRenderings);

    public async Task<BinaryData?> GetAsync(string name, CancellationToken cancellationToken = default)
    {
        try
        {
            return (await _container.GetBlobClient(name).DownloadContentAsync(cancellationToken)).Value.Content;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    public async Task<bool> ExistsAsync(string name, CancellationToken cancellationToken = default)
        => (await _container.GetBlobClient(name).ExistsAsync(cancellationToken)).Value;

    public async Task PutAsync(string name, BinaryData bytes, string contentType, CancellationToken cancellationToken = default)
    {
        var options = new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = contentType },
            Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
        };
        try
        {
            await _container.GetBlobClient(name).UploadAsync(bytes, options, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            // Another writer stored it first: the name fixes the content, so it is the same rendering.
        }
    }
}
