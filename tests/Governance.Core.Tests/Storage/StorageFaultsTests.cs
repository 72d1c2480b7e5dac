using System.Net.Sockets;
using Azure;
using Governance.Core.Storage;

namespace Governance.Core.Tests.Storage;

public sealed class StorageFaultsTests
{
    [Fact]
    public void Unreachable_refusing_or_busy_storage_is_an_outage()
    {
        Assert.True(StorageFaults.IsUnavailable(new RequestFailedException(0, "connection refused", new HttpRequestException("refused", new SocketException(111)))));
        Assert.True(StorageFaults.IsUnavailable(new RequestFailedException(503, "server busy")));
        Assert.True(StorageFaults.IsUnavailable(new AggregateException("Retry failed after 4 tries.", new RequestFailedException(0, "a"), new HttpRequestException("b"))));
        Assert.True(StorageFaults.IsUnavailable(new InvalidOperationException("wrapped", new TimeoutException())));
    }

    [Fact]
    public void Client_faults_and_bugs_are_not_an_outage()
    {
        Assert.False(StorageFaults.IsUnavailable(new RequestFailedException(409, "conflict")));
        Assert.False(StorageFaults.IsUnavailable(new RequestFailedException(400, "bad key")));
        Assert.False(StorageFaults.IsUnavailable(new InvalidOperationException("bug")));
        Assert.False(StorageFaults.IsUnavailable(new AggregateException(new RequestFailedException(0, "a"), new NullReferenceException())));
    }
}
