using Azure.Core;
using Governance.Core.Storage;
using Microsoft.Extensions.Configuration;
using Moq;

namespace Governance.Core.Tests.Storage;

public sealed class StorageClientFactoryTests
{
    private static IConfiguration Config(params (string Key, string Value)[] values)
        => new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Fact]
    public void Connection_string_builds_clients_for_that_account()
    {
        var factory = new StorageClientFactory(Config(("AzureWebJobsStorage", "UseDevelopmentStorage=true")));

        Assert.False(factory.UsesIdentity);
        Assert.Equal("devstoreaccount1", factory.CreateBlobServiceClient().AccountName);
        Assert.Equal("devstoreaccount1", factory.CreateQueueServiceClient().AccountName);
        Assert.Equal("devstoreaccount1", factory.CreateTableServiceClient().AccountName);
    }

    [Fact]
    public void Identity_settings_use_service_uris_and_the_user_assigned_client_id()
    {
        string? requestedClientId = "not called";
        var credential = new Mock<TokenCredential>().Object;
        var factory = new StorageClientFactory(
            Config(
                ("AzureWebJobsStorage:blobServiceUri", "https://acct.blob.core.windows.net"),
                ("AzureWebJobsStorage:queueServiceUri", "https://acct.queue.core.windows.net"),
                ("AzureWebJobsStorage:tableServiceUri", "https://acct.table.core.windows.net"),
                ("AzureWebJobsStorage:credential", "managedidentity"),
                ("AzureWebJobsStorage:clientId", "00000000-0000-0000-0000-000000000042")),
            credentialFactory: clientId =>
            {
                requestedClientId = clientId;
                return credential;
            });

        Assert.True(factory.UsesIdentity);
        Assert.Equal("00000000-0000-0000-0000-000000000042", requestedClientId);
        Assert.Equal(new Uri("https://acct.blob.core.windows.net"), factory.CreateBlobServiceClient().Uri);
        Assert.Equal(new Uri("https://acct.queue.core.windows.net"), factory.CreateQueueServiceClient().Uri);
        Assert.Equal(new Uri("https://acct.table.core.windows.net/"), factory.CreateTableServiceClient().Uri);
    }

    [Fact]
    public void Account_name_alone_derives_the_public_endpoints_without_a_client_id()
    {
        string? requestedClientId = "not called";
        var factory = new StorageClientFactory(
            Config(("AzureWebJobsStorage:accountName", "govstore")),
            credentialFactory: clientId =>
            {
                requestedClientId = clientId;
                return new Mock<TokenCredential>().Object;
            });

        Assert.Null(requestedClientId);
        Assert.Equal(new Uri("https://govstore.blob.core.windows.net"), factory.CreateBlobServiceClient().Uri);
        Assert.Equal("govstore", factory.CreateQueueServiceClient().AccountName);
    }

    [Fact]
    public void Missing_settings_fail_with_a_message_naming_them()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => new StorageClientFactory(Config()));

        Assert.Contains("AzureWebJobsStorage__blobServiceUri", ex.Message, StringComparison.Ordinal);
    }
}
