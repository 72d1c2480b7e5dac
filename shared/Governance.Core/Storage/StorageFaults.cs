using System.Net.Sockets;
using Azure;

namespace Governance.Core.Storage;

/// <summary>
/// Tells a storage outage (the account unreachable, refusing or timing out connections, or answering "server
/// busy") from a bug. An outage is nobody's fault and passes: the HTTP edge answers it with a 503 problem and
/// <c>Retry-After</c>, a queue function lets the message be retried; a bug stays a 500.
/// </summary>
public static class StorageFaults
{
    /// <summary>Seconds a client is asked to wait before retrying during an outage.</summary>
    public const int RetryAfterSeconds = 10;

    public static bool IsUnavailable(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case AggregateException aggregate when aggregate.InnerExceptions.Count > 0:
                    return aggregate.InnerExceptions.All(IsUnavailable);
                case RequestFailedException { Status: 0 or 503 or 500 }:
                case HttpRequestException:
                case SocketException:
                case TimeoutException:
                    return true;
            }
        }

        return false;
    }
}
