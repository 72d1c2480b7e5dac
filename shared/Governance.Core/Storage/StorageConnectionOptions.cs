using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;

namespace Governance.Core.Storage;

/// <summary>
/// A storage connection as the Functions host reads one: a connection string in <c>{name}</c>, or identity-based
/// settings under <c>{name}__*</c> (<c>blobServiceUri</c>, <c>queueServiceUri</c>, <c>tableServiceUri</c> or
/// <c>accountName</c>, with <c>credential</c> = <c>managedidentity</c> and <c>clientId</c> for a user-assigned
/// identity). The app's own is <c>AzureWebJobsStorage</c>, validated at start-up.
/// </summary>
public sealed class StorageConnectionOptions
{
    public const string DefaultConnectionName = "AzureWebJobsStorage";
    public const string ManagedIdentity = "managedidentity";

    public string ConnectionName { get; set; } = DefaultConnectionName;

    public string? ConnectionString { get; set; }

    public string? AccountName { get; set; }

    public string? BlobServiceUri { get; set; }

    public string? QueueServiceUri { get; set; }

    public string? TableServiceUri { get; set; }

    public string? Credential { get; set; }

    public string? ClientId { get; set; }

    public bool UsesConnectionString => !string.IsNullOrWhiteSpace(ConnectionString);

    public static StorageConnectionOptions Read(IConfiguration configuration, string connectionName = DefaultConnectionName)
    {
        var options = new StorageConnectionOptions();
        options.Bind(configuration, connectionName);
        return options;
    }

    public void Bind(IConfiguration configuration, string connectionName = DefaultConnectionName)
    {
        ConnectionName = connectionName;
        ConnectionString = configuration[connectionName];
        configuration.GetSection(connectionName).Bind(this);
    }

    /// <summary>The endpoint of one service (<c>blob</c>, <c>queue</c>, <c>table</c>): its URI setting, else derived from the account name.</summary>
    public Uri? ServiceUri(string service)
    {
        var explicitUri = Setting(service);
        if (!string.IsNullOrWhiteSpace(explicitUri))
        {
            return Uri.TryCreate(explicitUri.Trim(), UriKind.Absolute, out var uri) ? uri : null;
        }

        return string.IsNullOrWhiteSpace(AccountName) ? null : new Uri($"https://{AccountName.Trim()}.{service}.core.windows.net");
    }

    /// <summary>The client id of the user-assigned identity, when <c>credential</c> asks for a managed identity.</summary>
    public string? ManagedIdentityClientId
        => string.Equals(Credential?.Trim(), ManagedIdentity, StringComparison.OrdinalIgnoreCase) && !string.IsNullOrWhiteSpace(ClientId) ? ClientId.Trim() : null;

    /// <summary>What is wrong with the settings, each naming its setting; empty when they make a connection.</summary>
    public IEnumerable<string> Problems()
    {
        var name = ConnectionName;
        if (UsesConnectionString)
        {
            string? refused = null;
            try
            {
                _ = new BlobServiceClient(ConnectionString);
            }
            catch (Exception ex) when (ex is FormatException or ArgumentException or InvalidOperationException)
            {
                refused = ex.Message;
            }

            if (refused is not null)
            {
                yield return $"{name} is not a storage connection string ({refused}).";
            }

            yield break;
        }

        string[] services = ["blob", "queue", "table"];
        if (string.IsNullOrWhiteSpace(AccountName) && services.All(s => string.IsNullOrWhiteSpace(Setting(s))))
        {
            yield return $"Storage connection '{name}' is not configured: set '{name}' to a connection string, or '{name}__blobServiceUri', "
                + $"'{name}__queueServiceUri' and '{name}__tableServiceUri' (or '{name}__accountName') for an identity-based connection.";
            yield break;
        }

        if (!string.IsNullOrWhiteSpace(AccountName) && !IsAccountName(AccountName.Trim()))
        {
            yield return $"{name}__accountName must be a storage account name (3-24 lowercase letters and digits); '{AccountName}' is not.";
        }

        foreach (var service in services)
        {
            var value = Setting(service);
            if (string.IsNullOrWhiteSpace(value))
            {
                if (string.IsNullOrWhiteSpace(AccountName))
                {
                    yield return $"Storage connection '{name}' has no '{name}__{service}ServiceUri' setting.";
                }
            }
            else if (!Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            {
                yield return $"{name}__{service}ServiceUri must be an absolute http(s) URL such as https://account.{service}.core.windows.net; '{value}' is not.";
            }
        }

        if (!string.IsNullOrWhiteSpace(Credential) && !string.Equals(Credential.Trim(), ManagedIdentity, StringComparison.OrdinalIgnoreCase))
        {
            yield return $"{name}__credential must be '{ManagedIdentity}' or empty; '{Credential}' is not.";
        }

        if (!string.IsNullOrWhiteSpace(ClientId) && !Guid.TryParse(ClientId.Trim(), out _))
        {
            yield return $"{name}__clientId must be the client id (a GUID) of the user-assigned identity; '{ClientId}' is not.";
        }
    }

    private string? Setting(string service) => service switch
    {
        "blob" => BlobServiceUri,
        "queue" => QueueServiceUri,
        "table" => TableServiceUri,
        _ => throw new ArgumentOutOfRangeException(nameof(service), service, "blob, queue or table"),
    };

    private static bool IsAccountName(string value) => value.Length is >= 3 and <= 24 && value.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c));
}
