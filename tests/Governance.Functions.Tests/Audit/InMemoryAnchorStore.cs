using System.Runtime.CompilerServices;
using Governance.Core.Audit;

namespace Governance.Functions.Tests.Audit;

internal sealed class InMemoryAnchorStore : IAuditAnchorStore
{
    public List<AuditAnchor> Anchors { get; } = [];

    public Task AppendAsync(AuditAnchor anchor, CancellationToken cancellationToken = default)
    {
        Anchors.Add(anchor);
        return Task.CompletedTask;
    }

    public async IAsyncEnumerable<AuditAnchor> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var anchor in Anchors.ToList())
        {
            await Task.Yield();
            yield return anchor;
        }
    }
}
