using System.Collections.Concurrent;
using Microsoft.Extensions.Caching.Memory;

namespace Governance.Core.Disclosures;

/// <summary>
/// In-process copies of renderings, keyed by their content-addressed name and bounded in bytes (least recently
/// used entries go first when the bound is reached). Concurrent misses for one name on one instance share a
/// single load, so a burst of readers of a new version renders it once, not once each.
/// </summary>
public sealed class DisclosureRenderingCache : IDisposable
{
    public const long DefaultSizeLimitBytes = 64L * 1024 * 1024;

    private readonly MemoryCache _cache;
    private readonly long _sizeLimit;
    private readonly ConcurrentDictionary<string, Lazy<Task<object>>> _loading = new(StringComparer.Ordinal);

    public DisclosureRenderingCache()
        : this(DefaultSizeLimitBytes)
    {
    }

    public DisclosureRenderingCache(long sizeLimitBytes)
    {
        _sizeLimit = sizeLimitBytes;
        _cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = sizeLimitBytes, CompactionPercentage = 0.25 });
    }

    /// <summary>The cached value, else the result of <paramref name="load"/> (shared with concurrent callers), kept when it fits.</summary>
    public async Task<T> GetOrLoadAsync<T>(string key, Func<Task<T>> load, Func<T, long> sizeInBytes, CancellationToken cancellationToken)
        where T : class
    {
        if (_cache.TryGetValue(key, out var cached) && cached is T hit)
        {
            return hit;
        }

        // The shared load does not take one caller's token: another caller may still want its result.
        var loading = _loading.GetOrAdd(key, k => new Lazy<Task<object>>(() => LoadAsync(k, load, sizeInBytes)));
        return (T)await loading.Value.WaitAsync(cancellationToken);
    }

    public void Dispose() => _cache.Dispose();

    private async Task<object> LoadAsync<T>(string key, Func<Task<T>> load, Func<T, long> sizeInBytes)
        where T : class
    {
        try
        {
            // A load that finished just before this one was registered has already cached its value.
            if (_cache.TryGetValue(key, out var cached) && cached is T hit)
            {
                return hit;
            }

            var value = await load();
            var size = Math.Max(1, sizeInBytes(value));
            if (size <= _sizeLimit / 4)
            {
                _cache.Set(key, value, new MemoryCacheEntryOptions { Size = size });
            }

            return value;
        }
        finally
        {
            _loading.TryRemove(key, out _);
        }
    }
}
