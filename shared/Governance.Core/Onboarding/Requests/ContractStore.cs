using System.Security.Cryptography;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Governance.Core.Storage;

namespace Governance.Core.Onboarding.Requests;

/// <summary>
/// Contracts in container <c>contracts</c> under <c>sha256/{hex}</c>: content-addressed and written once (every
/// upload carries <c>If-None-Match: *</c>; in Azure the container is under an immutability policy), so what a
/// decision rests on can always be read back exactly. Reads verify the hash.
/// </summary>
public sealed class ContractStore(BlobServiceClient blobs)
{
    private readonly BlobContainerClient _container = blobs.GetBlobContainerClient(ContainerNames.Contracts);

    public static string BlobName(string sha256) => $"sha256/{sha256}";

    public static string Sha256(ReadOnlySpan<byte> content) => Convert.ToHexStringLower(SHA256.HashData(content));

    /// <summary>Stores the bytes (once) and returns their SHA-256.</summary>
    public async Task<string> PutAsync(byte[] content, CancellationToken cancellationToken = default)
    {
        var sha256 = Sha256(content);
        var options = new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = "application/octet-stream" },
            Metadata = new Dictionary<string, string> { ["sha256"] = sha256 },
            Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
        };
        try
        {
            await _container.GetBlobClient(BlobName(sha256)).UploadAsync(new BinaryData(content), options, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            // Already stored: content-addressed, so these are the same bytes (reads verify them).
        }

        return sha256;
    }

    /// <summary>The contract stored under <paramref name="sha256"/>; throws when it is missing or its bytes do not match, which no retry cures by itself.</summary>
    public async Task<byte[]> GetAsync(string sha256, CancellationToken cancellationToken = default)
    {
        BlobDownloadResult result;
        try
        {
            result = (await _container.GetBlobClient(BlobName(sha256)).DownloadContentAsync(cancellationToken)).Value;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            throw new InvalidOperationException(
                $"The stored contract {ContainerNames.Contracts}/{BlobName(sha256)} is missing; restore it from a backup, or ask the developer to submit the contract again.");
        }

        var bytes = result.Content.ToArray();
        var actual = Sha256(bytes);
        if (!string.Equals(actual, sha256, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"The stored contract {ContainerNames.Contracts}/{BlobName(sha256)} failed its integrity check (its bytes hash to {actual}).");
        }

        return bytes;
    }
}
