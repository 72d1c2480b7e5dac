using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Storage.Blobs;
using Governance.Core.Storage;

namespace Governance.Core.Idempotency;

/// <summary>Keeps response bodies too large for an <c>Idempotency</c> table row.</summary>
public interface IIdempotencyBodyStore
{
    /// <summary>Stores <paramref name="body"/> under a new name (never overwriting another attempt's body) and returns that name.</summary>
    Task<string> PutAsync(string partitionKey, byte[] body, CancellationToken cancellationToken = default);

    /// <summary>The body stored under <paramref name="name"/>, or null when it is gone.</summary>
    Task<byte[]?> GetAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Deletes the body stored under <paramref name="name"/>; a body already gone is not an error.</summary>
    Task DeleteAsync(string name, CancellationToken cancellationToken = default);
}

/// <summary>
/// Bodies in the mutable container <c>idempotency-responses</c>, at <c>{sha256(key)}/{random}</c>: each attempt
/// writes its own blob, so a crashed holder's late upload can never replace the body its successor recorded.
/// </summary>
public sealed class BlobIdempotencyBodyStore(BlobServiceClient blobs) : IIdempotencyBodyStore
{
    private readonly BlobContainerClient _container = blobs.GetBlobContainerClient(ContainerNames.IdempotencyResponses);

    public async Task<string> PutAsync(string partitionKey, byte[] body, CancellationToken cancellationToken = default)
    {
        var name = $"{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(partitionKey)))}/{Guid.NewGuid():N}";
        await _container.GetBlobClient(name).UploadAsync(new BinaryData(body), overwrite: false, cancellationToken);
        return name;
    }

    public async Task<byte[]?> GetAsync(string name, CancellationToken cancellationToken = default)
    {
        try
        {
            return (await _container.GetBlobClient(name).DownloadContentAsync(cancellationToken)).Value.Content.ToArray();
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    public async Task DeleteAsync(string name, CancellationToken cancellationToken = default)
        => await _container.GetBlobClient(name).DeleteIfExistsAsync(cancellationToken: cancellationToken);
}
