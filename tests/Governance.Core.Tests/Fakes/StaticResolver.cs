using System.Net;
using System.Net.Sockets;
using Governance.Core.Webhooks;

namespace Governance.Core.Tests.Fakes;

/// <summary>DNS answers from a table; unknown names fail as the resolver would.</summary>
internal sealed class StaticResolver(Dictionary<string, string[]>? answers = null) : IHostAddressResolver
{
    private readonly Dictionary<string, string[]> _answers = answers ?? new Dictionary<string, string[]> { ["hooks.example.com"] = ["93.184.216.34"] };

    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        if (IPAddress.TryParse(host, out var literal))
        {
            return Task.FromResult(new[] { literal });
        }

        return _answers.TryGetValue(host, out var addresses)
            ? Task.FromResult(addresses.Select(IPAddress.Parse).ToArray())
            : Task.FromException<IPAddress[]>(new SocketException((int)SocketError.HostNotFound));
    }
}
