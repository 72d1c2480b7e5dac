using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Governance.Core.Security;
using Governance.Functions.Tests.Hosting;
using Governance.Functions.Tests.Infrastructure;
using static Governance.Functions.Tests.Infrastructure.ApiClient;

namespace Governance.Functions.Tests.Kernel;

[Collection(GovernanceHostCollection.Name)]
public sealed class AccessControlTests(GovernanceHostFixture fixture)
{
    [Fact]
    public async Task A_staff_endpoint_is_401_without_a_token_403_with_the_wrong_role_and_200_with_the_right_one()
    {
        var anonymous = await fixture.Client.SendAsync(Get("api/platform/profile"));
        var reviewer = await fixture.Client.SendAsync(Get("api/platform/profile").AsStaff(fixture, StaffRoles.Reviewer));
        var auditor = await fixture.Client.SendAsync(Get("api/platform/profile").AsStaff(fixture, StaffRoles.Auditor));

        await HttpBindingTests.AssertProblemAsync(anonymous, HttpStatusCode.Unauthorized);
        Assert.Contains(anonymous.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
        await HttpBindingTests.AssertProblemAsync(reviewer, HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.OK, auditor.StatusCode);
    }

    [Fact]
    public async Task A_forged_or_expired_token_is_401()
    {
        var token = fixture.StaffToken(StaffRoles.Operator);
        var forged = token[..^4] + (token.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA");
        var request = Get("api/platform/profile");
        request.Headers.Authorization = new("Bearer", forged);

        await HttpBindingTests.AssertProblemAsync(await fixture.Client.SendAsync(request), HttpStatusCode.Unauthorized);

        var fresh = Get("api/platform/profile");
        fresh.Headers.Authorization = new("Bearer", token);
        Assert.Equal(HttpStatusCode.OK, (await fixture.Client.SendAsync(fresh)).StatusCode);

        // Dev tokens live 60 minutes and validation allows 2 minutes of skew.
        fixture.Clock.Advance(TimeSpan.FromMinutes(63));
        var expired = Get("api/platform/profile");
        expired.Headers.Authorization = new("Bearer", token);
        var response = await fixture.Client.SendAsync(expired);
        await HttpBindingTests.AssertProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains("invalid_token", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Operators_set_the_platform_size_and_auditors_read_it()
    {
        var put = await fixture.Client.SendAsync(Send(HttpMethod.Put, "api/platform/profile", new { dailyActiveUsers = 1_000, monthlyActiveUsers = 5_000, registeredUsers = 9_000 }).AsStaff(fixture, StaffRoles.Operator));
        var auditorPut = await fixture.Client.SendAsync(Send(HttpMethod.Put, "api/platform/profile", new { dailyActiveUsers = 1, monthlyActiveUsers = 1, registeredUsers = 1 }).AsStaff(fixture, StaffRoles.Auditor));

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        await HttpBindingTests.AssertProblemAsync(auditorPut, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_developer_reads_itself_but_another_developer_is_a_404_and_an_operator_reads_both()
    {
        var (aliceId, aliceKey) = await fixture.SignUpDeveloperAsync("Alice Apps");
        var (bobId, _) = await fixture.SignUpDeveloperAsync("Bob Apps");

        var own = await fixture.Client.SendAsync(Get($"api/developers/{aliceId}").AsDeveloper(aliceKey));
        var other = await fixture.Client.SendAsync(Get($"api/developers/{bobId}").AsDeveloper(aliceKey));
        var missing = await fixture.Client.SendAsync(Get("api/developers/does-not-exist").AsDeveloper(aliceKey));
        var operatorRead = await fixture.Client.SendAsync(Get($"api/developers/{bobId}").AsStaff(fixture, StaffRoles.Operator));

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal("Alice Apps", (await own.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("organization").GetString());
        var otherProblem = await HttpBindingTests.AssertProblemAsync(other, HttpStatusCode.NotFound);
        var missingProblem = await HttpBindingTests.AssertProblemAsync(missing, HttpStatusCode.NotFound);
        Assert.Equal(missingProblem.GetProperty("title").GetString(), otherProblem.GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.OK, operatorRead.StatusCode);
    }

    [Fact]
    public async Task A_developer_reads_itself_at_developers_me()
    {
        var (developerId, apiKey) = await fixture.SignUpDeveloperAsync("Me Myself Ltd");

        var me = await fixture.Client.SendAsync(Get("api/developers/me").AsDeveloper(apiKey));

        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        var body = await me.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(developerId, body.GetProperty("developerId").GetString());
        Assert.Equal("Me Myself Ltd", body.GetProperty("organization").GetString());
    }

    [Fact]
    public async Task A_rotated_key_replaces_the_old_one()
    {
        var (developerId, oldKey) = await fixture.SignUpDeveloperAsync();

        var rotated = await fixture.Client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "api/developers/me/keys").AsDeveloper(oldKey));
        Assert.Equal(HttpStatusCode.Created, rotated.StatusCode);
        var newKey = (await rotated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("apiKey").GetString()!;

        await HttpBindingTests.AssertProblemAsync(await fixture.Client.SendAsync(Get($"api/developers/{developerId}").AsDeveloper(oldKey)), HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.OK, (await fixture.Client.SendAsync(Get($"api/developers/{developerId}").AsDeveloper(newKey))).StatusCode);
    }

    [Fact]
    public async Task Sign_up_is_rate_limited_per_client_address_with_retry_after()
    {
        var address = UniqueClientAddress();
        HttpResponseMessage last = null!;
        for (var i = 0; i < 20; i++)
        {
            var request = Send(HttpMethod.Post, "api/developers", new { organization = $"Flood {i}", contactEmail = "flood@example.com" });
            request.Headers.Add("X-Forwarded-For", address);
            last = await fixture.Client.SendAsync(request);
            if (last.StatusCode == HttpStatusCode.TooManyRequests)
            {
                break;
            }

            Assert.Equal(HttpStatusCode.Created, last.StatusCode);
        }

        await HttpBindingTests.AssertProblemAsync(last, HttpStatusCode.TooManyRequests);
        Assert.True(last.Headers.RetryAfter?.Delta > TimeSpan.Zero);
    }

    [Fact]
    public async Task The_active_policy_profile_is_public()
    {
        var response = await fixture.Client.GetAsync("api/policy");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var profile = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("cn-2021-draft", profile.GetProperty("id").GetString());
        Assert.True(profile.GetProperty("rules").GetArrayLength() > 0);
    }
}
