using Microsoft.Extensions.Configuration;
using System.Text.Json;
using Governance.Core.Security;
using Governance.Core.Tests.Infra;

namespace Governance.Core.Tests.Security;

public sealed class AuthOptionsValidatorTests
{
    private static string? Failure(AuthOptions options)
    {
        var result = new AuthOptionsValidator().Validate(null, options);
        return result.Failed ? result.FailureMessage : null;
    }

    [Fact]
    public void A_32_byte_key_with_issuer_and_audience_is_valid()
        => Assert.Null(Failure(new AuthOptions { Issuer = "i", Audience = "a", SigningKey = Convert.ToBase64String(new byte[32]) }));

    [Fact]
    public void A_31_byte_key_is_too_short()
        => Assert.Contains("at least 32 bytes", Failure(new AuthOptions { Issuer = "i", Audience = "a", SigningKey = Convert.ToBase64String(new byte[31]) }), StringComparison.Ordinal);

    [Fact]
    public void A_key_that_is_not_base64_is_named()
        => Assert.Contains("not valid base64", Failure(new AuthOptions { Issuer = "i", Audience = "a", SigningKey = "not base64!" }), StringComparison.Ordinal);

    [Fact]
    public void Issuer_audience_and_a_key_source_are_required()
    {
        var message = Failure(new AuthOptions());

        Assert.Contains("Auth__Issuer", message, StringComparison.Ordinal);
        Assert.Contains("Auth__Audience", message, StringComparison.Ordinal);
        Assert.Contains("Auth__Authority", message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_authority_must_be_https()
        => Assert.Contains("https", Failure(new AuthOptions { Issuer = "i", Audience = "a", Authority = "http://login.example.test" }), StringComparison.Ordinal);

    [Fact]
    public void An_https_authority_needs_no_signing_key()
        => Assert.Null(Failure(new AuthOptions { Issuer = "i", Audience = "a", Authority = "https://login.example.test/t/v2.0" }));

    private static AuthOptions WithSampleKey() => new() { Issuer = "i", Audience = "a", SigningKey = SampleKey() };

    private static string SampleKey()
    {
        using var sample = JsonDocument.Parse(File.ReadAllText(Path.Combine(InfraFiles.RepositoryRoot, "local.settings.sample.json")));
        return sample.RootElement.GetProperty("Values").GetProperty("Auth__SigningKey").GetString()!;
    }

    [Fact]
    public void The_sample_signing_key_is_refused_outside_development_naming_the_setting()
    {
        var result = new AuthOptionsValidator(isDevelopment: false).Validate(null, WithSampleKey());

        Assert.True(result.Failed);
        Assert.Contains("Auth__SigningKey", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("local.settings.sample.json", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void The_sample_signing_key_is_accepted_in_development()
        => Assert.False(new AuthOptionsValidator(isDevelopment: true).Validate(null, WithSampleKey()).Failed);

    [Theory]
    [InlineData("Development", null, true)]
    [InlineData(null, "Development", true)]
    [InlineData("Production", null, false)]
    [InlineData(null, null, false)]
    [InlineData("Staging", "Production", false)]
    public void Development_is_the_host_environment_or_the_Functions_environment(string? hostEnvironment, string? functionsEnvironment, bool expected)
    {
        var configuration = new Microsoft.Extensions.Configuration.ConfigurationBuilder()
            .AddInMemoryCollection([new("AZURE_FUNCTIONS_ENVIRONMENT", functionsEnvironment)])
            .Build();

        Assert.Equal(expected, HostingEnvironment.IsDevelopment(hostEnvironment, configuration));
    }
}
