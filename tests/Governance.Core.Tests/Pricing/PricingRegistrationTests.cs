using Governance.Core.Pricing;
using Governance.Core.Pricing.Observations;
using Governance.Core.Pricing.Scanning;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Governance.Core.Tests.Pricing;

public sealed class PricingRegistrationTests
{
    private static ServiceProvider Build(string? shardCount, bool withCurrencies = true)
    {
        var settings = new Dictionary<string, string?> { ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true", ["Storage:ProvisionOnStartup"] = "false" };
        if (shardCount is not null)
        {
            settings["Pricing:ShardCount"] = shardCount;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration);
        services.AddGovernance(configuration);
        if (withCurrencies)
        {
            services.AddSingleton<IActiveCurrencies, ObservationFixtures.TestCurrencies>();
        }

        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
    }

    [Fact]
    public void AddGovernance_registers_ingestion_and_scanning_with_the_configured_shard_count()
    {
        using var services = Build("32");

        Assert.Equal(32, services.GetRequiredService<IOptions<PricingOptions>>().Value.ShardCount);
        Assert.NotNull(services.GetRequiredService<ObservationIngestor>());
        Assert.Equal(32, services.GetRequiredService<ShardScanner>().ShardCount);
        Assert.NotNull(services.GetRequiredService<ScanFinalizer>());
    }

    [Fact]
    public void Ingestion_checks_currencies_with_the_projects_iso_4217_catalog()
    {
        using var services = Build(null, withCurrencies: false);

        var currencies = services.GetRequiredService<IActiveCurrencies>();

        Assert.IsType<Iso4217Currencies>(currencies);
        Assert.NotNull(services.GetRequiredService<ObservationIngestor>());
        Assert.Equal((true, true, false, false, false), (currencies.IsActive("CNY"), currencies.IsActive("CLF"), currencies.IsActive("cny"), currencies.IsActive("XAU"), currencies.IsActive("ZZZ")));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("257")]
    public void A_shard_count_out_of_range_is_refused(string shardCount)
    {
        using var services = Build(shardCount);

        var ex = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<PricingOptions>>().Value);

        Assert.Contains("Pricing__ShardCount", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_scan_window_covers_the_days_it_touches()
    {
        var window = new ScanWindow(new DateTimeOffset(2026, 5, 1, 22, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 5, 3, 0, 0, 0, TimeSpan.Zero));

        Assert.Equal([new DateOnly(2026, 5, 1), new DateOnly(2026, 5, 2)], window.Days());
        Assert.Equal(new ScanWindow(new DateTimeOffset(2026, 5, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 5, 2, 0, 0, 0, TimeSpan.Zero)),
            ScanWindow.PreviousDay(new DateTimeOffset(2026, 5, 2, 8, 0, 0, TimeSpan.FromHours(8))));
        Assert.Throws<ArgumentException>(() => new ScanWindow(window.To, window.From));
        Assert.Throws<ArgumentException>(() => new ScanWindow(window.From, window.From.AddDays(367)));
    }

    [Theory]
    [InlineData("scan-1", true)]
    [InlineData("a/b", false)]
    [InlineData("", false)]
    public void Scan_ids_are_safe_blob_and_key_names(string id, bool valid) => Assert.Equal(valid, ScanIds.IsValid(id));
}
