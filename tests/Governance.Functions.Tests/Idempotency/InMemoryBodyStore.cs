using Governance.Core.Idempotency;

namespace Governance.Functions.Tests.Idempotency;

/// <summary>Response bodies in memory; <see cref="Fail"/> makes every upload fail as unavailable storage would.</summary>
internal sealed class InMemoryBodyStore : IIdempotencyBodyStore
{
    public System.Collections.Concurrent.ConcurrentDictionary<string, byte[]> Blobs { get; } = new();

    public bool Fail { get; init; }

    public Task<string> PutAsync(string partitionKey, byte[] body, CancellationToken cancellationToken = default)
    {
        if (Fail)
        {
            throw new Azure.RequestFailedException(503, "storage unavailable");
        }

        var name = partitionKey + "/" + Guid.NewGuid().ToString("N");
        Blobs[name] = body;
        return Task.FromResult(name);
    }

    public Task<byte[]?> GetAsync(string name, CancellationToken cancellationToken = default)
        => Task.FromResult(Blobs.TryGetValue(name, out var body) ? body : null);

    public Task DeleteAsync(string name, CancellationToken cancellationToken = default)
    {
        Blobs.TryRemove(name, out _);
        return Task.CompletedTask;
    }
}
