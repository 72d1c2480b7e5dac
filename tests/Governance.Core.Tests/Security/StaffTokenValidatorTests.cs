using System.Security.Cryptography;
using System.Text;
using Governance.Core.Problems;
using Governance.Core.Security;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using Moq;

namespace Governance.Core.Tests.Security;

public sealed class StaffTokenValidatorTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2030, 5, 1, 8, 0, 0, TimeSpan.Zero));

    private StaffTokenValidator Validator() => new(TokenFactory.Options(), _time);

    [Fact]
    public async Task A_good_token_gives_the_subject_and_roles_from_an_array()
    {
        var token = TokenFactory.Create(_time.GetUtcNow(), roles: new[] { "operator", "auditor" });

        var caller = await Validator().ValidateAsync(token);

        Assert.Equal(CallerKind.Staff, caller.Kind);
        Assert.Equal("alice", caller.Subject);
        Assert.Equal(new[] { "auditor", "operator" }, caller.Roles.Order());
    }

    [Fact]
    public async Task A_single_role_may_be_a_string()
    {
        var token = TokenFactory.Create(_time.GetUtcNow(), roles: "reviewer");

        var caller = await Validator().ValidateAsync(token);

        Assert.Equal(new[] { "reviewer" }, caller.Roles);
    }

    [Fact]
    public async Task Unknown_roles_are_ignored()
    {
        var token = TokenFactory.Create(_time.GetUtcNow(), roles: new[] { "admin", "auditor" });

        var caller = await Validator().ValidateAsync(token);

        Assert.Equal(new[] { "auditor" }, caller.Roles);
    }

    [Fact]
    public async Task An_expired_token_is_rejected_once_past_the_two_minute_skew()
    {
        var token = TokenFactory.Create(_time.GetUtcNow(), roles: "operator", lifetime: TimeSpan.FromMinutes(10));
        var validator = Validator();

        _time.Advance(TimeSpan.FromMinutes(11)); // expired one minute ago: inside the skew
        await validator.ValidateAsync(token);

        _time.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        var problem = await Assert.ThrowsAsync<GovernanceProblem>(() => validator.ValidateAsync(token));

        Assert.Equal(401, problem.Status);
        Assert.Contains("expired", problem.Detail, StringComparison.Ordinal);
        Assert.StartsWith("Bearer error=\"invalid_token\"", problem.Headers["WWW-Authenticate"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_from_the_future_is_rejected_beyond_the_skew()
    {
        var now = _time.GetUtcNow();
        var token = TokenFactory.Create(now, roles: "operator", notBefore: now.AddMinutes(3), lifetime: TimeSpan.FromMinutes(30));

        var problem = await Assert.ThrowsAsync<GovernanceProblem>(() => Validator().ValidateAsync(token));

        Assert.Contains("not valid yet", problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_issuer_is_rejected()
    {
        var token = TokenFactory.Create(_time.GetUtcNow(), roles: "operator", issuer: "someone-else");

        var problem = await Assert.ThrowsAsync<GovernanceProblem>(() => Validator().ValidateAsync(token));

        Assert.Equal(401, problem.Status);
        Assert.Contains("issuer", problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_audience_is_rejected()
    {
        var token = TokenFactory.Create(_time.GetUtcNow(), roles: "operator", audience: "other-api");

        var problem = await Assert.ThrowsAsync<GovernanceProblem>(() => Validator().ValidateAsync(token));

        Assert.Contains("audience", problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_signed_with_another_key_is_rejected()
    {
        var otherKey = new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32));
        var token = TokenFactory.Create(_time.GetUtcNow(), roles: "operator", credentials: new SigningCredentials(otherKey, SecurityAlgorithms.HmacSha256));

        var problem = await Assert.ThrowsAsync<GovernanceProblem>(() => Validator().ValidateAsync(token));

        Assert.Contains("signature", problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_payload_changed_after_signing_is_rejected()
    {
        var token = TokenFactory.Create(_time.GetUtcNow(), roles: "reviewer");
        var parts = token.Split('.');
        var payload = Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(parts[1])).Replace("reviewer", "operator", StringComparison.Ordinal);
        var forged = $"{parts[0]}.{Base64UrlEncoder.Encode(payload)}.{parts[2]}";

        var problem = await Assert.ThrowsAsync<GovernanceProblem>(() => Validator().ValidateAsync(forged));

        Assert.Contains("signature", problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unsigned_token_is_rejected()
    {
        var now = _time.GetUtcNow();
        var header = Base64UrlEncoder.Encode("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        var payload = Base64UrlEncoder.Encode(
            $"{{\"sub\":\"mallory\",\"roles\":\"operator\",\"iss\":\"{TokenFactory.Issuer}\",\"aud\":\"{TokenFactory.Audience}\",\"exp\":{now.AddMinutes(5).ToUnixTimeSeconds()}}}");

        var problem = await Assert.ThrowsAsync<GovernanceProblem>(() => Validator().ValidateAsync($"{header}.{payload}."));

        Assert.Equal(401, problem.Status);
    }

    [Fact]
    public async Task Garbage_is_a_malformed_token()
    {
        var problem = await Assert.ThrowsAsync<GovernanceProblem>(() => Validator().ValidateAsync("not-a-jwt"));

        Assert.Contains("malformed", problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_without_a_subject_is_rejected()
    {
        var token = TokenFactory.Create(_time.GetUtcNow(), roles: "operator", subject: null);

        var problem = await Assert.ThrowsAsync<GovernanceProblem>(() => Validator().ValidateAsync(token));

        Assert.Contains("subject", problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_an_authority_RS256_keys_come_from_its_metadata_and_HS256_is_refused()
    {
        using var rsa = RSA.Create(2048);
        var rsaKey = new RsaSecurityKey(rsa) { KeyId = "k1" };
        var metadata = new OpenIdConnectConfiguration();
        metadata.SigningKeys.Add(rsaKey);
        var manager = new Mock<IConfigurationManager<OpenIdConnectConfiguration>>();
        manager.Setup(m => m.GetConfigurationAsync(It.IsAny<CancellationToken>())).ReturnsAsync(metadata);
        var options = Microsoft.Extensions.Options.Options.Create(new AuthOptions
        {
            Issuer = TokenFactory.Issuer,
            Audience = TokenFactory.Audience,
            Authority = "https://login.example.test/tenant/v2.0",
        });
        var validator = new StaffTokenValidator(options, _time, manager.Object);
        var now = _time.GetUtcNow();

        var rs256 = TokenFactory.Create(now, roles: "auditor", credentials: new SigningCredentials(rsaKey, SecurityAlgorithms.RsaSha256));
        var caller = await validator.ValidateAsync(rs256);
        Assert.Equal(new[] { "auditor" }, caller.Roles);

        var hs256 = TokenFactory.Create(now, roles: "auditor");
        var problem = await Assert.ThrowsAsync<GovernanceProblem>(() => validator.ValidateAsync(hs256));
        Assert.Equal(401, problem.Status);
    }

    [Fact]
    public async Task An_unknown_signing_key_triggers_one_metadata_refresh()
    {
        using var oldRsa = RSA.Create(2048);
        using var newRsa = RSA.Create(2048);
        var oldKey = new RsaSecurityKey(oldRsa) { KeyId = "old" };
        var newKey = new RsaSecurityKey(newRsa) { KeyId = "new" };
        var before = new OpenIdConnectConfiguration();
        before.SigningKeys.Add(oldKey);
        var after = new OpenIdConnectConfiguration();
        after.SigningKeys.Add(newKey);
        var refreshed = false;
        var manager = new Mock<IConfigurationManager<OpenIdConnectConfiguration>>();
        manager.Setup(m => m.GetConfigurationAsync(It.IsAny<CancellationToken>())).ReturnsAsync(() => refreshed ? after : before);
        manager.Setup(m => m.RequestRefresh()).Callback(() => refreshed = true);
        var options = Microsoft.Extensions.Options.Options.Create(new AuthOptions
        {
            Issuer = TokenFactory.Issuer,
            Audience = TokenFactory.Audience,
            Authority = "https://login.example.test/tenant/v2.0",
        });
        var validator = new StaffTokenValidator(options, _time, manager.Object);
        var token = TokenFactory.Create(_time.GetUtcNow(), roles: "operator", credentials: new SigningCredentials(newKey, SecurityAlgorithms.RsaSha256));

        var caller = await validator.ValidateAsync(token);

        Assert.Equal("alice", caller.Subject);
        manager.Verify(m => m.RequestRefresh(), Times.Once);
    }

    [Fact]
    public async Task Dev_tokens_validate_with_the_same_settings()
    {
        var issuer = new DevTokenIssuer(TokenFactory.Options(), _time);

        var token = issuer.Issue(["operator", "auditor"], "dev-operator", TimeSpan.FromMinutes(5));
        var caller = await Validator().ValidateAsync(token);

        Assert.Equal("dev-operator", caller.Subject);
        Assert.True(caller.Roles.SetEquals(["operator", "auditor"]));

        _time.Advance(TimeSpan.FromMinutes(7) + TimeSpan.FromSeconds(1));
        await Assert.ThrowsAsync<GovernanceProblem>(() => Validator().ValidateAsync(token));
    }

    [Fact]
    public void Dev_tokens_refuse_unknown_roles()
    {
        var issuer = new DevTokenIssuer(TokenFactory.Options(), _time);

        var ex = Assert.Throws<ArgumentException>(() => issuer.Issue(["root"]));

        Assert.Contains("root", ex.Message, StringComparison.Ordinal);
    }
}
