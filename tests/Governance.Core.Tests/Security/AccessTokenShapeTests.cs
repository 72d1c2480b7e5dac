using Governance.Core.Problems;
using Governance.Core.Security;
using Microsoft.Extensions.Time.Testing;

namespace Governance.Core.Tests.Security;

/// <summary>
/// Staff endpoints take access tokens, not ID tokens. In Entra ID both are signed by the same keys with the same
/// issuer, and when the API's audience is its own client id (v2.0 access tokens are issued that way) an ID token
/// the app obtained for itself carries that audience too, with the user's app roles.
/// </summary>
public sealed class AccessTokenShapeTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2030, 5, 1, 8, 0, 0, TimeSpan.Zero));

    private StaffTokenValidator Validator() => new(TokenFactory.Options(), _time);

    private string Token(IReadOnlyDictionary<string, object> shape, string? type = null)
        => TokenFactory.Create(_time.GetUtcNow(), roles: new[] { "operator" }, shape: shape, type: type);

    [Fact]
    public async Task An_Entra_ID_token_carrying_app_roles_is_refused()
    {
        var idToken = Token(new Dictionary<string, object> { ["ver"] = "2.0", ["nonce"] = "n-0S6_WzA2Mj", ["aio"] = "AWQAm/8", ["tid"] = "tenant", ["oid"] = "user" }, type: "JWT");

        var problem = await Assert.ThrowsAsync<GovernanceProblem>(() => Validator().ValidateAsync(idToken));

        Assert.Equal(401, problem.Status);
        Assert.Contains("ID token", problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_Entra_ID_token_without_a_nonce_is_refused_because_it_names_no_client()
    {
        var idToken = Token(new Dictionary<string, object> { ["ver"] = "2.0", ["tid"] = "tenant", ["oid"] = "user" });

        var problem = await Assert.ThrowsAsync<GovernanceProblem>(() => Validator().ValidateAsync(idToken));

        Assert.Contains("not an access token", problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_of_another_declared_type_is_refused()
    {
        var logout = Token(TokenFactory.EntraV2AccessToken, type: "logout+jwt");

        await Assert.ThrowsAsync<GovernanceProblem>(() => Validator().ValidateAsync(logout));
    }

    [Fact]
    public async Task An_Entra_v2_delegated_access_token_is_accepted()
        => Assert.True((await Validator().ValidateAsync(Token(TokenFactory.EntraV2AccessToken, type: "JWT"))).HasAnyRole(["operator"]));

    [Fact]
    public async Task An_Entra_v1_access_token_is_accepted()
        => await Validator().ValidateAsync(Token(new Dictionary<string, object> { ["ver"] = "1.0", ["appid"] = "client", ["appidacr"] = "1" }, type: "JWT"));

    [Fact]
    public async Task An_app_only_access_token_with_idtyp_app_is_accepted()
        => await Validator().ValidateAsync(Token(new Dictionary<string, object> { ["ver"] = "2.0", ["azp"] = "daemon", ["idtyp"] = "app" }));

    [Fact]
    public async Task An_RFC_9068_access_token_is_accepted_by_its_type()
        => await Validator().ValidateAsync(Token(new Dictionary<string, object> { ["client_id"] = "some-client" }, type: "at+jwt"));

    [Fact]
    public async Task A_token_typed_as_an_access_token_but_carrying_a_nonce_is_refused()
        => await Assert.ThrowsAsync<GovernanceProblem>(() => Validator().ValidateAsync(Token(new Dictionary<string, object> { ["client_id"] = "c", ["nonce"] = "n" }, type: "at+jwt")));
}
