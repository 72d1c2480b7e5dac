using Governance.Core.Problems;
using Governance.Core.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Governance.Core.Tests.Security;

public sealed class IngestionKeyVerifierTests
{
    private const string Key = "feed-key-0123456789-abcdefghijklmnopq";
    private const string Next = "feed-key-next-0123456789-abcdefghijkl";

    private static IServiceProvider Services(string? keys)
        => new ServiceCollection()
            .AddIngestionKeySource(new ConfigurationBuilder().AddInMemoryCollection([new("Pricing:IngestionKeys", keys)]).Build(), "Pricing")
            .BuildServiceProvider();

    [Fact]
    public void Every_listed_key_is_admitted_during_a_rotation_and_names_the_caller_by_its_fingerprint_only()
    {
        var verifier = Services($"{Key};{Next}").GetRequiredService<IngestionKeyVerifier>();

        var first = verifier.Verify("Pricing", Key);
        var second = verifier.Verify("Pricing", " " + Next + " ");

        Assert.Equal((CallerKind.IngestionClient, "pricing-ingestion:" + IngestionKeyVerifier.Fingerprint(Key)), (first.Kind, first.Subject));
        Assert.NotEqual(first.Subject, second.Subject);
        Assert.DoesNotContain(Key, first.Subject!, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("feed-key-0123456789-abcdefghijklmnop")]
    [InlineData("feed-key-0123456789-abcdefghijklmnopqr")]
    [InlineData("gk_developer-key")]
    public void A_missing_or_other_key_is_a_401_with_the_api_key_challenge(string? presented)
    {
        var verifier = Services(Key).GetRequiredService<IngestionKeyVerifier>();

        var problem = Assert.Throws<GovernanceProblem>(() => verifier.Verify("Pricing", presented));

        Assert.Equal(401, problem.Status);
        Assert.Equal(ApiKeyHeader.Challenge, problem.Headers["WWW-Authenticate"]);
    }

    [Fact]
    public void Without_configured_keys_no_key_is_admitted_nor_a_key_of_another_source()
    {
        var none = Services(string.Empty).GetRequiredService<IngestionKeyVerifier>();
        var pricing = Services(Key).GetRequiredService<IngestionKeyVerifier>();

        Assert.Equal(401, Assert.Throws<GovernanceProblem>(() => none.Verify("Pricing", Key)).Status);
        Assert.Equal(401, Assert.Throws<GovernanceProblem>(() => pricing.Verify("Claims", Key)).Status);
    }

    [Theory]
    [InlineData("short-key")]
    [InlineData("feed-key-0123456789-abcdefghijklmnopq;feed-key-0123456789-abcdefghijklmnopq")]
    [InlineData("feed key with spaces 0123456789 abcdefghij")]
    [InlineData("feed-key-0123456789-abcdefghijklmnopq-密钥")]
    public void A_malformed_key_list_stops_start_up_naming_the_setting(string keys)
    {
        var failure = Assert.Throws<OptionsValidationException>(() => Services(keys).GetRequiredService<IOptionsMonitor<IngestionKeyOptions>>().Get("Pricing"));

        Assert.Contains("Pricing__IngestionKeys", failure.Message, StringComparison.Ordinal);
    }
}
