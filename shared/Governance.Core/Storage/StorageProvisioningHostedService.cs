using Microsoft.Extensions.Hosting;

namespace Governance.Core.Storage;

internal sealed class StorageProvisioningHostedService(StorageProvisioner provisioner) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => provisioner.EnsureCreatedAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
