using Governance.Core.Audit;
using Governance.Core.Platform;
using Governance.Core.Policies;
using Governance.Core.Problems;
using Governance.Core.Security;
using Governance.Core.Tests.Fakes;
using Governance.Functions.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace Governance.Functions.Tests.Platform;

[Collection(AzuriteTablesCollection.Name)]
public sealed class PlatformProfileServiceTests(AzuriteTablesFixture azurite)
{
    private readonly AzuriteTables _tables = azurite.NewTables();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2030, 5, 1, 8, 0, 0, TimeSpan.Zero));

    private readonly Mock<IAuditLog> _audit = new();

    private PlatformProfileService Service(string profile = "cn-2021-draft") => new(_tables.Service, Profiles.Provider(profile), _audit.Object, _time);

    private static Caller Alice => Caller.Staff("alice", [StaffRoles.Operator]);

    [Fact]
    public async Task An_unset_size_is_unknown_and_not_large()
    {
        var service = Service();

        var profile = await service.GetAsync();

        Assert.Equal(PlatformSize.Unknown, profile.Size);
        Assert.Null(profile.UpdatedAt);
        Assert.False(await service.IsLargePlatformAsync());
    }

    [Fact]
    public async Task A_stored_size_is_read_back_with_who_and_when()
    {
        var service = Service();

        await service.PutAsync(new PlatformSize(120_000_000, 300_000_000, 900_000_000), Alice);
        var profile = await service.GetAsync();

        Assert.Equal(new PlatformSize(120_000_000, 300_000_000, 900_000_000), profile.Size);
        Assert.Equal("alice", profile.UpdatedBy);
        Assert.Equal(_time.GetUtcNow(), profile.UpdatedAt);
        Assert.True(await service.IsLargePlatformAsync());
        _audit.Verify(a => a.AppendAsync(It.Is<AuditRecord>(r => r.Action == "platform.size.set" && r.Rule == PolicyRuleIds.PlatformLargePlatform), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task Every_missing_number_is_a_400_field_error_and_nothing_is_stored()
    {
        var service = Service();
        await service.PutAsync(new PlatformSize(120_000_000, 300_000_000, 900_000_000), Alice);

        var none = await Assert.ThrowsAsync<GovernanceProblem>(() => service.PutAsync(new PlatformSizeRequest(null, null, null), Alice));
        var one = await Assert.ThrowsAsync<GovernanceProblem>(() => service.PutAsync(new PlatformSizeRequest(5, 10, null), Alice));
        var body = await Assert.ThrowsAsync<GovernanceProblem>(() => service.PutAsync((PlatformSizeRequest?)null, Alice));

        Assert.Equal((400, 400, 400), (none.Status, one.Status, body.Status));
        Assert.Equal(new[] { "dailyActiveUsers", "monthlyActiveUsers", "registeredUsers" }, none.Errors!.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(new[] { "registeredUsers" }, one.Errors!.Keys);
        Assert.Equal(new PlatformSize(120_000_000, 300_000_000, 900_000_000), (await service.GetAsync()).Size);
    }

    [Fact]
    public async Task A_complete_request_is_stored()
    {
        var service = Service();

        var stored = await service.PutAsync(new PlatformSizeRequest(0, 0, 0), Alice);

        Assert.Equal(PlatformSize.Unknown, stored.Size);
        Assert.Equal("alice", (await service.GetAsync()).UpdatedBy);
    }

    [Fact]
    public async Task Negative_or_inconsistent_numbers_are_400()
    {
        var problem = await Assert.ThrowsAsync<GovernanceProblem>(() => Service().PutAsync(new PlatformSize(10, 5, -1), Alice));

        Assert.Equal(400, problem.Status);
        Assert.Equal(new[] { "dailyActiveUsers", "registeredUsers" }, problem.Errors!.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("cn-2021-draft", 100_000_000, 100_000_000, 0, false)]
    [InlineData("cn-2021-draft", 100_000_001, 100_000_001, 0, true)]
    [InlineData("cn-2021-draft", 1, 90_000_000, 900_000_000, false)]
    [InlineData("cn-2025", 1, 9_999_999, 49_999_999, false)]
    [InlineData("cn-2025", 1, 10_000_000, 0, true)]
    [InlineData("cn-2025", 0, 0, 50_000_000, true)]
    [InlineData("cn-2025", 9_000_000, 9_999_999, 49_999_999, false)]
    public void Large_platform_follows_the_profile_criteria(string profile, long daily, long monthly, long registered, bool expected)
    {
        var thresholds = PolicyProfileLoader.LoadEmbedded(profile).Thresholds.LargePlatform;

        Assert.Equal(expected, new PlatformSize(daily, monthly, registered).IsLargePlatform(thresholds));
    }
}
