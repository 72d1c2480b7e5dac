using System.Net.Http.Headers;
using System.Net.Http.Json;
using Governance.Core.Security;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Functions.Tests.Infrastructure;

/// <summary>Requests as each kind of caller makes them: staff with a bearer token, developers with an API key.</summary>
public static class ApiClient
{
    /// <summary>A development staff token on the app's own clock (it stays valid when a test moves time).</summary>
    public static string StaffToken(this GovernanceHostFixture fixture, params string[] roles)
        => fixture.StaffTokenFor("test-" + string.Join('-', roles), roles);

    public static string StaffTokenFor(this GovernanceHostFixture fixture, string subject, params string[] roles)
        => fixture.Services.GetRequiredService<DevTokenIssuer>().Issue(roles, subject: subject);

    public static HttpRequestMessage AsStaff(this HttpRequestMessage request, GovernanceHostFixture fixture, params string[] roles)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", fixture.StaffToken(roles));
        return request;
    }

    public static HttpRequestMessage AsDeveloper(this HttpRequestMessage request, string apiKey)
    {
        request.Headers.Add(ApiKeyHeader.Name, apiKey);
        return request;
    }

    public static HttpRequestMessage Get(string path) => new(HttpMethod.Get, path);

    public static HttpRequestMessage Send(HttpMethod method, string path, object body) => new(method, path) { Content = JsonContent.Create(body) };

    /// <summary>Signs up a developer from its own client address, so sign-up rate limits of other tests do not interfere.</summary>
    public static async Task<(string DeveloperId, string ApiKey)> SignUpDeveloperAsync(this GovernanceHostFixture fixture, string organization = "Acme Apps")
    {
        var request = Send(HttpMethod.Post, "api/developers", new { organization, contactEmail = "dev@example.com" });
        request.Headers.Add("X-Forwarded-For", UniqueClientAddress());
        var response = await fixture.Client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        var credentials = await response.Content.ReadFromJsonAsync<DeveloperCredentialsView>();
        return (credentials!.DeveloperId, credentials.ApiKey);
    }

    private static int _address;

    /// <summary>A documentation-range address (203.0.113.0/24 and beyond) unique to this test run.</summary>
    public static string UniqueClientAddress()
    {
        var n = Interlocked.Increment(ref _address);
        return $"198.18.{n / 250}.{n % 250 + 1}";
    }

    private sealed record DeveloperCredentialsView(string DeveloperId, string ApiKey);
}
