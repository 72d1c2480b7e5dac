using System.Text;
using Azure.Storage.Blobs;
using Governance.Core.Storage;

namespace Governance.Core.Disclosures;

/// <summary>
/// Draft Markdown in the mutable container <c>disclosure-drafts</c> under <c>sha256/{hex}.md</c>. Content-addressed
/// like published text (so a lost draft-row race never leaves a row pointing at someone else's text), but outside
/// the immutable <c>disclosures</c> container: unpublished drafts are not records that must last.
/// </summary>
public sealed class BlobDraftContentStore(BlobServiceClient blobs) : IDraftContentStore
{
    private readonly BlobContainerClient _container = blobs.GetBlobContainerClient(ContainerNames.DisclosureDrafts);

    public async Task<string> PutAsync(string markdown, CancellationToken cancellationToken = default)
    {
        var bytes = Encoding.UTF8.GetBytes(markdown);
        var sha256 = DisclosureHashing.Sha256Hex(bytes);
        await _container.GetBlobClient(BlobDisclosureContentStore.BlobName(sha256))
            .UploadAsync(new BinaryData(bytes), BlobDisclosureContentStore.UploadOptions(sha256), cancellationToken);
        return sha256;
    }

    public Task<string?> GetAsync(string sha256, CancellationToken cancellationToken = default)
        => BlobDisclosureContentStore.ReadVerifiedAsync(_container, sha256, cancellationToken);
}
