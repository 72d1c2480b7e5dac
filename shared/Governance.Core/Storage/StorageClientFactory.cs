using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;

namespace Governance.Core.Storage;

/// <summary>
/// Builds the storage clients from the same settings the Functions host reads for a connection:
/// either a connection string in <c>{name}</c>, or identity-based settings under <c>{name}__*</c>
/// (<c>blobServiceUri</c>, <c>queueServiceUri</c>, <c>tableServiceUri</c> or <c>accountName</c>,
/// with <c>credential</c> = <c>managedidentity</c> and <c>clientId</c> for a user-assigned identity).
/// </summary>
public sealed class StorageClientFactory
{
    private readonly string? _connectionString;
    private readonly Uri? _blobUri;
    private readonly Uri? _queueUri;
    private readonly Uri? _tableUri;
    private readonly TokenCredential? _credential;

    public StorageClientFactory(IConfiguration configuration, string connectionName = "AzureWebJobsStorage", Func<string?, TokenCredential>? credentialFactory = null)
    {
        ConnectionName = connectionName;
        var connectionString = configuration[connectionName];
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            _connectionString = connectionString;
            return;
        }

        var section = configuration.GetSection(connectionName);
        var account = section["accountName"];
        _blobUri = ServiceUri(section["blobServiceUri"], account, "blob");
        _queueUri = ServiceUri(section["queueServiceUri"], account, "queue");
        _tableUri = ServiceUri(section["tableServiceUri"], account, "table");
        if (_blobUri is null && _queueUri is null && _tableUri is null)
        {
            throw new InvalidOperationException(
                $"Storage connection '{connectionName}' is not configured: set '{connectionName}' to a connection string, " +
                $"or '{connectionName}__blobServiceUri', '{connectionName}__queueServiceUri' and '{connectionName}__tableServiceUri' for an identity-based connection.");
        }

        var clientId = string.Equals(section["credential"], "managedidentity", StringComparison.OrdinalIgnoreCase) ? section["clientId"] : null;
        _credential = (credentialFactory ?? DefaultCredential)(clientId);
    }

    public string ConnectionName { get; }

    public bool UsesIdentity => _connectionString is null;

    public TableServiceClient CreateTableServiceClient()
        => _connectionString is not null
            ? new TableServiceClient(_connectionString)
            : new TableServiceClient(Require(_tableUri, "tableServiceUri"), _credential);

    public BlobServiceClient CreateBlobServiceClient()
        => _connectionString is not null
            ? new BlobServiceClient(_connectionString)
            : new BlobServiceClient(Require(_blobUri, "blobServiceUri"), _credential);

    /// <summary>Queue clients send base64 by default, which is what the queue trigger decodes.</summary>
    public QueueServiceClient CreateQueueServiceClient(QueueMessageEncoding encoding = QueueMessageEncoding.Base64)
    {
        var options = new QueueClientOptions { MessageEncoding = encoding };
        return _connectionString is not null
            ? new QueueServiceClient(_connectionString, options)
            : new QueueServiceClient(Require(_queueUri, "queueServiceUri"), _credential, options);
    }

    private Uri Require(Uri? uri, string setting)
        => uri ?? throw new InvalidOperationException($"Storage connection '{ConnectionName}' has no '{ConnectionName}__{setting}' setting.");

    private static Uri? ServiceUri(string? explicitUri, string? account, string service)
    {
        if (!string.IsNullOrWhiteSpace(explicitUri))
        {
            return new Uri(explicitUri);
        }

        return string.IsNullOrWhiteSpace(account) ? null : new Uri($"https://{account}.{service}.core.windows.net");
    }

    private static TokenCredential DefaultCredential(string? managedIdentityClientId)
        => new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = managedIdentityClientId });
}
