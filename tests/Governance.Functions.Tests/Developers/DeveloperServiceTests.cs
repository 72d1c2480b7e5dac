using Governance.Core.Developers;
using Governance.Core.Problems;
using Governance.Core.Security;
using Governance.Core.Storage;
using Governance.Core.Tests.Fakes;
using Governance.Core.Webhooks;
using Governance.Functions.Tests.Infrastructure;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Governance.Functions.Tests.Developers;

[Collection(AzuriteTablesCollection.Name)]
public sealed class DeveloperServiceTests(AzuriteTablesFixture azurite)
{
    private readonly AzuriteTables _tables = azurite.NewTables();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2030, 5, 1, 8, 0, 0, TimeSpan.Zero));

    private DeveloperService Service(int permitLimit = 100, int windowSeconds = 3600, bool allowInsecure = false) => new(
        _tables.Service,
        new CallbackUrlPolicy(Options.Create(new WebhookOptions { AllowInsecureLocalCallbacks = allowInsecure }), new StaticResolver()),
        new FixedWindowRateLimiter(_tables.Service, _time),
        Options.Create(new SignUpOptions { RateLimit = new() { PermitLimit = permitLimit, WindowSeconds = windowSeconds } }),
        new TableWebhookEndpointStore(_tables.Service, _time),
        _time);

    private static DeveloperSignUp Valid(string? callback = "https://hooks.example.com/governance")
        => new("Acme Apps Ltd", "dev@acme.example", callback);

    private HookedTableClient Developers => _tables.Table(TableNames.Developers);

    [Fact]
    public async Task Sign_up_returns_a_key_that_authenticates_and_stores_only_its_hash()
    {
        var service = Service();

        var credentials = await service.SignUpAsync(Valid(), "203.0.113.7");

        Assert.StartsWith("dev_", credentials.DeveloperId, StringComparison.Ordinal);
        Assert.Equal(credentials.DeveloperId, await service.FindDeveloperIdAsync(credentials.ApiKey));
        var stored = Developers.Rows.SelectMany(r => r.Select(p => p.Value).Prepend(r.PartitionKey).Prepend(r.RowKey)).OfType<string>().ToList();
        Assert.DoesNotContain(stored, v => v.Contains(credentials.ApiKey[3..], StringComparison.Ordinal));
        Assert.Contains(ApiKeys.Hash(credentials.ApiKey), stored);
    }

    [Fact]
    public async Task The_profile_is_readable_and_unknown_developers_are_404()
    {
        var service = Service();
        var credentials = await service.SignUpAsync(Valid(), null);

        var profile = await service.GetAsync(credentials.DeveloperId);

        Assert.Equal("Acme Apps Ltd", profile.Organization);
        Assert.Equal("https://hooks.example.com/governance", profile.CallbackUrl);
        Assert.Equal(_time.GetUtcNow(), profile.CreatedAt);
        var problem = await Assert.ThrowsAsync<GovernanceProblem>(() => service.GetAsync("dev_nobody"));
        Assert.Equal(404, problem.Status);
    }

    [Fact]
    public async Task Unknown_and_malformed_keys_find_nobody()
    {
        var service = Service();
        await service.SignUpAsync(Valid(), null);

        Assert.Null(await service.FindDeveloperIdAsync(ApiKeys.Generate()));
        Assert.Null(await service.FindDeveloperIdAsync("gk_x"));
    }

    [Fact]
    public async Task Rotation_issues_a_new_key_and_the_old_one_stops_working()
    {
        var service = Service();
        var original = await service.SignUpAsync(Valid(), null);

        var rotated = await service.RotateKeyAsync(original.DeveloperId);

        Assert.Equal(original.DeveloperId, rotated.DeveloperId);
        Assert.NotEqual(original.ApiKey, rotated.ApiKey);
        Assert.Null(await service.FindDeveloperIdAsync(original.ApiKey));
        Assert.Equal(original.DeveloperId, await service.FindDeveloperIdAsync(rotated.ApiKey));

        var again = await service.RotateKeyAsync(original.DeveloperId);
        Assert.Null(await service.FindDeveloperIdAsync(rotated.ApiKey));
        Assert.Equal(original.DeveloperId, await service.FindDeveloperIdAsync(again.ApiKey));
        Assert.Single(Developers.Rows, r => r.RowKey == DeveloperService.KeyRowKey);
    }

    [Fact]
    public async Task A_rotation_that_loses_the_race_is_a_409_and_changes_nothing()
    {
        var service = Service();
        var original = await service.SignUpAsync(Valid(), null);
        DeveloperCredentials? winner = null;
        var raced = false;
        Developers.BeforeWrite = async operation =>
        {
            if (operation == "update" && !raced)
            {
                raced = true;
                winner = await service.RotateKeyAsync(original.DeveloperId); // a concurrent rotation commits first
            }
        };

        var problem = await Assert.ThrowsAsync<GovernanceProblem>(() => service.RotateKeyAsync(original.DeveloperId));

        Assert.Equal(409, problem.Status);
        Assert.Equal(original.DeveloperId, await service.FindDeveloperIdAsync(winner!.ApiKey));
        Assert.Null(await service.FindDeveloperIdAsync(original.ApiKey));
        Assert.Single(Developers.Rows, r => r.RowKey == DeveloperService.KeyRowKey);
    }

    [Fact]
    public async Task Two_interleaved_rotations_leave_exactly_one_working_key_the_profiles_current_one()
    {
        var service = Service();
        var original = await service.SignUpAsync(Valid(), null);
        DeveloperCredentials? other = null;
        var raced = false;
        Developers.BeforeWrite = async operation =>
        {
            if (operation == "add" && !raced)
            {
                raced = true;
                other = await service.RotateKeyAsync(original.DeveloperId); // runs to completion while the first is midway
            }
        };

        DeveloperCredentials? first = null;
        try
        {
            first = await service.RotateKeyAsync(original.DeveloperId);
        }
        catch (GovernanceProblem problem) when (problem.Status == 409)
        {
        }

        var keys = new[] { original.ApiKey, other!.ApiKey, first?.ApiKey }.OfType<string>().ToList();
        var working = new List<string>();
        foreach (var key in keys)
        {
            if (await service.FindDeveloperIdAsync(key) is not null)
            {
                working.Add(key);
            }
        }

        var profile = Developers.Rows.Single(r => r.RowKey == DeveloperService.ProfileRowKey);
        var only = Assert.Single(working);
        Assert.Equal(profile.GetString("KeyHash"), ApiKeys.Hash(only));
    }

    [Fact]
    public async Task A_key_row_the_profile_does_not_name_authenticates_nobody()
    {
        var service = Service();
        var credentials = await service.SignUpAsync(Valid(), null);
        var stale = ApiKeys.Generate();
        var staleHash = ApiKeys.Hash(stale);

        // What a rotation that lost a race could leave behind: a key row for the developer that is not its current key.
        await Developers.AddEntityAsync(new Azure.Data.Tables.TableEntity(staleHash, DeveloperService.KeyRowKey)
        {
            ["DeveloperId"] = credentials.DeveloperId,
            ["KeyHash"] = staleHash,
            ["IssuedAt"] = _time.GetUtcNow(),
        });

        Assert.Null(await service.FindDeveloperIdAsync(stale));
        Assert.Equal(credentials.DeveloperId, await service.FindDeveloperIdAsync(credentials.ApiKey));
    }

    [Theory]
    [InlineData("Acme\u0000Apps", "dev@acme.example", "organization")]
    [InlineData("Acme\u001bApps", "dev@acme.example", "organization")]
    [InlineData("Acme Apps", "dev\u0007@acme.example", "contactEmail")]
    public async Task Sign_up_fields_with_control_characters_are_400(string organization, string email, string field)
    {
        var problem = await Assert.ThrowsAsync<GovernanceProblem>(() => Service().SignUpAsync(
            new DeveloperSignUp(organization, email, null), null));

        Assert.Equal(400, problem.Status);
        Assert.Contains(problem.Errors![field], m => m.Contains("control characters", StringComparison.Ordinal));
        Assert.Empty(Developers.Rows);
    }

    [Fact]
    public async Task Tabs_and_line_breaks_are_not_control_characters_for_sign_up()
    {
        var credentials = await Service().SignUpAsync(new DeveloperSignUp("Acme\tApps\r\nLtd", "dev@acme.example", null), null);

        Assert.StartsWith("dev_", credentials.DeveloperId, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rotation_that_crashes_midway_keeps_the_old_key_until_retried()
    {
        var service = Service();
        var original = await service.SignUpAsync(Valid(), null);
        Developers.FailWith = (operation, _) => operation == "add" ? 503 : null; // new key row cannot be written

        await Assert.ThrowsAnyAsync<Azure.RequestFailedException>(() => service.RotateKeyAsync(original.DeveloperId));
        Assert.Equal(original.DeveloperId, await service.FindDeveloperIdAsync(original.ApiKey));

        Developers.FailWith = null;
        var rotated = await service.RotateKeyAsync(original.DeveloperId);

        Assert.Null(await service.FindDeveloperIdAsync(original.ApiKey));
        Assert.Equal(original.DeveloperId, await service.FindDeveloperIdAsync(rotated.ApiKey));
        Assert.Single(Developers.Rows, r => r.RowKey == DeveloperService.KeyRowKey);
    }

    [Fact]
    public async Task Invalid_sign_ups_list_every_field_and_store_nothing()
    {
        var problem = await Assert.ThrowsAsync<GovernanceProblem>(() => Service().SignUpAsync(new DeveloperSignUp(" ", "not-an-email", "http://hooks.example.com/x"), null));

        Assert.Equal(400, problem.Status);
        Assert.Equal(new[] { "callbackUrl", "contactEmail", "organization" }, problem.Errors!.Keys.Order(StringComparer.Ordinal));
        Assert.Empty(Developers.Rows);
    }

    [Theory]
    [InlineData("https://10.0.0.5/hook")]
    [InlineData("https://127.0.0.1/hook")]
    [InlineData("https://[::1]/hook")]
    [InlineData("https://169.254.169.254/latest")]
    [InlineData("https://unresolvable.example.invalid/hook")]
    public async Task Private_or_unresolvable_callbacks_are_refused(string url)
    {
        var problem = await Assert.ThrowsAsync<GovernanceProblem>(() => Service().SignUpAsync(Valid(url), null));

        Assert.Equal(new[] { "callbackUrl" }, problem.Errors!.Keys);
    }

    [Fact]
    public async Task Local_callbacks_are_allowed_when_insecure_local_callbacks_are_enabled()
    {
        var credentials = await Service(allowInsecure: true).SignUpAsync(Valid("http://localhost:7071/hook"), null);

        Assert.NotNull(credentials.ApiKey);
    }

    [Fact]
    public async Task Sign_up_is_rate_limited_per_client_address_with_retry_after()
    {
        var service = Service(permitLimit: 2, windowSeconds: 600);
        _time.SetUtcNow(new DateTimeOffset(2030, 5, 1, 8, 0, 0, TimeSpan.Zero)); // a window boundary (epoch-aligned)

        await service.SignUpAsync(Valid(), "198.51.100.1");
        _time.Advance(TimeSpan.FromSeconds(100));
        await service.SignUpAsync(Valid(), "198.51.100.1");
        var problem = await Assert.ThrowsAsync<GovernanceProblem>(() => service.SignUpAsync(Valid(), "198.51.100.1"));

        Assert.Equal(429, problem.Status);
        Assert.Equal("500", problem.Headers["Retry-After"]);
        await service.SignUpAsync(Valid(), "198.51.100.2"); // another address has its own budget

        _time.Advance(TimeSpan.FromSeconds(500));
        await service.SignUpAsync(Valid(), "198.51.100.1"); // next window
    }
}
