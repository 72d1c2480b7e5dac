using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;

namespace Governance.Core.Storage;

/// <summary>
/// Builds the storage clients from a storage connection (<see cref="StorageConnectionOptions"/>): the same settings
/// the Functions host reads for one. Settings that make no connection fail construction, naming them.
/// </summary>
public sealed class StorageClientFactory
{
    private readonly string? _connectionString;
    private readonly StorageConnectionOptions _options;
    private readonly TokenCredential? _credential;

    public StorageClientFactory(StorageConnectionOptions options, Func<string?, TokenCredential>? credentialFactory = null)
    {
        _options = options;
        var problems = options.Problems().ToList();
        if (problems.Count > 0)
        {
            throw new InvalidOperationException(string.Join(" ", problems));
        }

        if (options.UsesConnectionString)
        {
            _connectionString = options.ConnectionString;
            return;
        }

        _credential = (credentialFactory ?? DefaultCredential)(options.ManagedIdentityClientId);
    }

    /// <summary>The connection named <paramref name="connectionName"/> in <paramref name="configuration"/> (trigger attributes name others).</summary>
    public StorageClientFactory(IConfiguration configuration, string connectionName = StorageConnectionOptions.DefaultConnectionName, Func<string?, TokenCredential>? credentialFactory = null)
        : this(StorageConnectionOptions.Read(configuration, connectionName), credentialFactory)
    {
    }

    public string ConnectionName => _options.ConnectionName;

    public bool UsesIdentity => _connectionString is null;

    public TableServiceClient CreateTableServiceClient()
        => _connectionString is not null
            ? new TableServiceClient(_connectionString)
            : new TableServiceClient(Require("table"), _credential);

    public BlobServiceClient CreateBlobServiceClient()
        => _connectionString is not null
            ? new BlobServiceClient(_connectionString)
            : new BlobServiceClient(Require("blob"), _credential);

    /// <summary>Queue clients send base64 by default, which is what the queue trigger decodes.</summary>
    public QueueServiceClient CreateQueueServiceClient(QueueMessageEncoding encoding = QueueMessageEncoding.Base64)
    {
        var options = new QueueClientOptions { MessageEncoding = encoding };
        return _connectionString is not null
            ? new QueueServiceClient(_connectionString, options)
            : new QueueServiceClient(Require("queue"), _credential, options);
    }

    private Uri Require(string service)
        => _options.ServiceUri(service) ?? throw new InvalidOperationException($"Storage connection '{ConnectionName}' has no '{ConnectionName}__{service}ServiceUri' setting.");

    private static TokenCredential DefaultCredential(string? managedIdentityClientId)
        => new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = managedIdentityClientId });
}
