using System.Text;
using System.Text.Json;
using Governance.Core.Json;
using Microsoft.Extensions.Logging;

namespace Governance.Core.Disclosures;

/// <summary>
/// Renderings of published text, made once and then served: the sanitized HTML of each version's Markdown and
/// the line diff between two texts, stored in <see cref="IDisclosureRenderingStore"/> under names built from
/// the SHA-256 of the text they derive from (published text never changes, so neither do they) and kept in a
/// bounded in-process cache. A missing rendering is made again from the published text and stored: the store
/// is a cache that may be emptied. Publishing makes the new version's HTML and its diff from the previous
/// version right after the commit (<see cref="PrepareAsync"/>); if that fails or the process dies first, the
/// first reader makes them instead, so neither publication nor reading depends on it.
/// </summary>
public sealed class DisclosureRenderings(
    IDisclosureRecords records,
    IDisclosureContentStore content,
    IDisclosureRenderingStore renderings,
    IDisclosureRenderer renderer,
    DisclosureRenderingCache cache,
    ILogger<DisclosureRenderings> logger)
{
    /// <summary>Part of every name: change it when the renderer's output changes, and renderings are made anew under new names.</summary>
    public const string Format = "r1";

    private const int PerLineBytes = 64;

    public static string ContentHtmlName(string sha256) => $"{Format}/html/{sha256}.html";

    public static string DiffName(string fromSha256, string toSha256) => $"{Format}/diff/{fromSha256}-{toSha256}.json";

    /// <summary>The sanitized HTML of the published Markdown with this hash.</summary>
    public Task<string> ContentHtmlAsync(string sha256, CancellationToken cancellationToken = default)
        => cache.GetOrLoadAsync(ContentHtmlName(sha256), () => LoadContentHtmlAsync(sha256), html => html.Length * 2L, cancellationToken);

    /// <summary>The line diff from the published text <paramref name="fromSha256"/> to <paramref name="toSha256"/>.</summary>
    public Task<IReadOnlyList<DiffHunk>> HunksAsync(string fromSha256, string toSha256, CancellationToken cancellationToken = default)
        => string.Equals(fromSha256, toSha256, StringComparison.Ordinal)
            ? Task.FromResult<IReadOnlyList<DiffHunk>>([])
            : cache.GetOrLoadAsync(DiffName(fromSha256, toSha256), () => LoadHunksAsync(fromSha256, toSha256), SizeOf, cancellationToken);

    /// <summary>
    /// Best effort, after a publication has committed: stores the version's HTML and the diff from the version
    /// before it unless they are stored already. Failures are logged and left to the first reader.
    /// </summary>
    public async Task PrepareAsync(DisclosureVersion version, CancellationToken cancellationToken = default)
    {
        try
        {
            if (!await renderings.ExistsAsync(ContentHtmlName(version.Sha256), cancellationToken))
            {
                await RenderContentHtmlAsync(version.Sha256, cancellationToken);
            }

            var previous = version.Version > 1 ? await records.GetVersionAsync(version.Kind, version.Version - 1, cancellationToken) : null;
            if (previous is not null && previous.Sha256 != version.Sha256 && !await renderings.ExistsAsync(DiffName(previous.Sha256, version.Sha256), cancellationToken))
            {
                await DiffAndStoreAsync(previous.Sha256, version.Sha256, cancellationToken);
            }
        }
        catch (Exception ex)
        {
            // Never fails the publication that already committed (a cancelled request included).
            logger.LogWarning(ex, "Rendering {Kind} version {Version} after publishing failed; the first reader renders it.", version.Kind, version.Version);
        }
    }

    private async Task<string> LoadContentHtmlAsync(string sha256)
    {
        var stored = await renderings.GetAsync(ContentHtmlName(sha256));
        return stored is not null ? Encoding.UTF8.GetString(stored.ToMemory().Span) : await RenderContentHtmlAsync(sha256, CancellationToken.None);
    }

    private async Task<string> RenderContentHtmlAsync(string sha256, CancellationToken cancellationToken)
    {
        var html = renderer.ContentHtml(await content.GetAsync(sha256, cancellationToken));
        await TryStoreAsync(ContentHtmlName(sha256), BinaryData.FromString(html), "text/html; charset=utf-8", cancellationToken);
        return html;
    }

    private async Task<IReadOnlyList<DiffHunk>> LoadHunksAsync(string fromSha256, string toSha256)
    {
        var stored = await renderings.GetAsync(DiffName(fromSha256, toSha256));
        return stored is not null
            ? JsonSerializer.Deserialize<List<DiffHunk>>(stored.ToMemory().Span, GovernanceJson.Options)
                ?? throw new InvalidOperationException($"Rendering {DiffName(fromSha256, toSha256)} is empty.")
            : await DiffAndStoreAsync(fromSha256, toSha256, CancellationToken.None);
    }

    private async Task<IReadOnlyList<DiffHunk>> DiffAndStoreAsync(string fromSha256, string toSha256, CancellationToken cancellationToken)
    {
        var hunks = renderer.Hunks(await content.GetAsync(fromSha256, cancellationToken), await content.GetAsync(toSha256, cancellationToken));
        var json = BinaryData.FromBytes(JsonSerializer.SerializeToUtf8Bytes(hunks, GovernanceJson.Options));
        await TryStoreAsync(DiffName(fromSha256, toSha256), json, "application/json", cancellationToken);
        return hunks;
    }

    /// <summary>A reader still gets the rendering when storing it fails; the next miss tries again.</summary>
    private async Task TryStoreAsync(string name, BinaryData bytes, string contentType, CancellationToken cancellationToken)
    {
        try
        {
            await renderings.PutAsync(name, bytes, contentType, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Could not store rendering {Name}; it is served and made again on a later miss.", name);
        }
    }

    private static long SizeOf(IReadOnlyList<DiffHunk> hunks)
        => PerLineBytes + hunks.Sum(h => PerLineBytes + h.Lines.Sum(l => PerLineBytes + (l.Text.Length * 2L)));
}
