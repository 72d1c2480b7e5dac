using Governance.Core.Developers;
using Governance.Core.Problems;
using Governance.Core.Security;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace Governance.Core.Tests.Security;

public sealed class RequestAuthenticatorTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2030, 5, 1, 8, 0, 0, TimeSpan.Zero));
    private readonly Mock<IDeveloperKeyLookup> _developers = new();

    private RequestAuthenticator Authenticator() => new(new StaffTokenValidator(TokenFactory.Options(), _time), _developers.Object);

    private string Bearer(params string[] roles) => "Bearer " + TokenFactory.Create(_time.GetUtcNow(), roles: roles);

    [Fact]
    public async Task A_staff_member_with_one_of_the_roles_passes()
    {
        var caller = await Authenticator().RequireStaffAsync(Bearer("auditor"), "operator", "auditor");

        Assert.True(caller.IsStaff);
        Assert.Equal("alice", caller.Subject);
    }

    [Fact]
    public async Task The_bearer_scheme_is_case_insensitive()
    {
        var header = "bearer " + TokenFactory.Create(_time.GetUtcNow(), roles: "operator");

        var caller = await Authenticator().RequireStaffAsync(header, "operator");

        Assert.True(caller.IsStaff);
    }

    [Fact]
    public async Task A_missing_header_is_401_with_a_bearer_challenge()
    {
        var problem = await Assert.ThrowsAsync<GovernanceProblem>(() => Authenticator().RequireStaffAsync(null, "operator"));

        Assert.Equal(401, problem.Status);
        Assert.Equal("Bearer", problem.Headers["WWW-Authenticate"]);
    }

    [Theory]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("Bearer ")]
    [InlineData("Bearer    ")]
    public async Task A_header_that_is_not_a_bearer_token_is_401(string header)
    {
        var problem = await Assert.ThrowsAsync<GovernanceProblem>(() => Authenticator().RequireStaffAsync(header, "operator"));

        Assert.Equal(401, problem.Status);
        Assert.Contains("invalid_request", problem.Headers["WWW-Authenticate"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invalid_token_is_401_with_invalid_token()
    {
        var problem = await Assert.ThrowsAsync<GovernanceProblem>(() => Authenticator().RequireStaffAsync("Bearer abc.def.ghi", "operator"));

        Assert.Equal(401, problem.Status);
        Assert.Contains("error=\"invalid_token\"", problem.Headers["WWW-Authenticate"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_valid_token_without_the_role_is_403()
    {
        var problem = await Assert.ThrowsAsync<GovernanceProblem>(() => Authenticator().RequireStaffAsync(Bearer("reviewer"), "operator", "auditor"));

        Assert.Equal(403, problem.Status);
        Assert.Contains("operator", problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_without_any_role_is_403_where_a_role_is_needed()
    {
        var problem = await Assert.ThrowsAsync<GovernanceProblem>(() => Authenticator().RequireStaffAsync(Bearer(), "auditor"));

        Assert.Equal(403, problem.Status);
    }

    [Fact]
    public async Task A_developer_key_resolves_to_its_developer()
    {
        _developers.Setup(d => d.FindDeveloperIdAsync("gk_key", It.IsAny<CancellationToken>())).ReturnsAsync("dev_1");

        var caller = await Authenticator().RequireDeveloperAsync("gk_key");

        Assert.True(caller.IsDeveloper);
        Assert.Equal("dev_1", caller.DeveloperId);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("gk_unknown")]
    public async Task A_missing_or_unknown_key_is_401_with_an_api_key_challenge(string? key)
    {
        _developers.Setup(d => d.FindDeveloperIdAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync((string?)null);

        var problem = await Assert.ThrowsAsync<GovernanceProblem>(() => Authenticator().RequireDeveloperAsync(key));

        Assert.Equal(401, problem.Status);
        Assert.Equal(ApiKeyHeader.Challenge, problem.Headers["WWW-Authenticate"]);
    }

    [Fact]
    public async Task Staff_or_developer_endpoints_take_either_and_refuse_neither()
    {
        _developers.Setup(d => d.FindDeveloperIdAsync("gk_key", It.IsAny<CancellationToken>())).ReturnsAsync("dev_1");
        var authenticator = Authenticator();

        Assert.True((await authenticator.RequireStaffOrDeveloperAsync(Bearer("operator"), null, ["operator"])).IsStaff);
        Assert.True((await authenticator.RequireStaffOrDeveloperAsync(null, "gk_key", ["operator"])).IsDeveloper);
        var problem = await Assert.ThrowsAsync<GovernanceProblem>(() => authenticator.RequireStaffOrDeveloperAsync(null, null, ["operator"]));
        Assert.Equal(401, problem.Status);
        Assert.Contains("ApiKey", problem.Headers["WWW-Authenticate"], StringComparison.Ordinal);
        Assert.Contains("Bearer", problem.Headers["WWW-Authenticate"], StringComparison.Ordinal);
    }
}
