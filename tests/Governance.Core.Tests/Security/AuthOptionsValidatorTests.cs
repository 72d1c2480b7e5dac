using Governance.Core.Security;

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
}
