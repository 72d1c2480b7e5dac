using Governance.Core.Onboarding.Requests;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Governance.Core.Tests.Onboarding;

public sealed class OnboardingOptionsTests
{
    private static OnboardingOptions Bind(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddOnboarding(configuration).BuildServiceProvider();
        return services.GetRequiredService<IOptions<OnboardingOptions>>().Value;
    }

    [Fact]
    public void Onboarding_settings_bind_the_extraction_limits_and_the_recheck_budget()
    {
        var options = Bind(new()
        {
            ["Onboarding:Extraction:MaxFileBytes"] = "5242880",
            ["Onboarding:Extraction:MaxPages"] = "120",
            ["Onboarding:Extraction:Timeout"] = "00:00:12",
            ["Onboarding:RecheckMaxPerRun"] = "7",
        });

        Assert.Equal(5 * 1024 * 1024, options.Extraction.MaxFileBytes);
        Assert.Equal(120, options.Extraction.MaxPages);
        Assert.Equal(TimeSpan.FromSeconds(12), options.Extraction.Timeout);
        Assert.Equal(7, options.RecheckMaxPerRun);
        Assert.Equal(64 * 1024 * 1024, options.Extraction.MaxDecompressedBytes);
    }

    [Theory]
    [InlineData("Onboarding:Extraction:MaxFileBytes", "20971520")]
    [InlineData("Onboarding:Extraction:MaxPages", "0")]
    [InlineData("Onboarding:Extraction:Timeout", "00:00:00")]
    [InlineData("Onboarding:RecheckMaxPerRun", "0")]
    public void Settings_out_of_range_stop_the_app_at_start_up(string key, string value)
    {
        var failure = Assert.Throws<OptionsValidationException>(() => Bind(new() { [key] = value }));

        Assert.Contains("Onboarding__", failure.Message, StringComparison.Ordinal);
    }
}
