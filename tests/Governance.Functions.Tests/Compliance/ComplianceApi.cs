using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Governance.Core.Security;
using Governance.Functions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Functions.Tests.Compliance;

/// <summary>The compliance API as staff call it, against the shared host or a host of its own.</summary>
public sealed class ComplianceApi(HttpClient client, IServiceProvider services, TimeProvider clock)
{
    public ComplianceApi(GovernanceHostFixture fixture)
        : this(fixture.Client, fixture.Services, fixture.Clock)
    {
    }

    public HttpClient Client => client;

    public DateTimeOffset Now => clock.GetUtcNow();

    public string Token(params string[] roles) => services.GetRequiredService<DevTokenIssuer>().Issue(roles, subject: "test-" + string.Join('-', roles));

    public HttpRequestMessage Request(HttpMethod method, string path, string role, object? body = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token(role));
        return request;
    }

    public async Task<JsonElement> JsonAsync(HttpMethod method, string path, string role, object? body = null, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await client.SendAsync(Request(method, path, role, body));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{method} {path}: expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    public Task<JsonElement> PostAsync(string path, object body, HttpStatusCode expected = HttpStatusCode.Created)
        => JsonAsync(HttpMethod.Post, path, StaffRoles.Operator, body, expected);

    public Task<JsonElement> GetAsync(string path, string role = StaffRoles.Auditor, HttpStatusCode expected = HttpStatusCode.OK)
        => JsonAsync(HttpMethod.Get, path, role, expected: expected);

    /// <summary>A 400 or 422 whose <c>errors</c> name <paramref name="field"/>; returns the problem.</summary>
    public async Task<JsonElement> RefusedAsync(HttpMethod method, string path, object body, HttpStatusCode expected, string field)
    {
        var problem = await JsonAsync(method, path, StaffRoles.Operator, body, expected);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{method} {path}: no error for {field}: {problem}");
        return problem;
    }

    public static object Asset(string classification, long? individuals = null, string[]? sensitive = null, string? name = null, string location = "CN")
        => new
        {
            name = name ?? "asset-" + Guid.NewGuid().ToString("N")[..10],
            owner = "Data governance office",
            description = "Test asset",
            classification,
            personalInformation = individuals is { } n ? new { individuals = n } : null,
            sensitiveCategories = sensitive ?? [],
            location,
        };

    public async Task<string> CreateAssetAsync(string classification, long? individuals = null, string[]? sensitive = null, string? name = null)
        => (await PostAsync("api/data-assets", Asset(classification, individuals, sensitive, name))).GetProperty("assetId").GetString()!;

    public static object Export(string[] assetIds, string route, string? reference = null, DateTimeOffset? expiresAt = null, string country = "DE")
        => new { assetIds, recipient = new { name = "Recipient GmbH", country }, purpose = "Customer support from the regional centre", route, reference, expiresAt };

    /// <summary>Declares the operator type, keeping the platform's size as it is.</summary>
    public async Task SetOperatorTypeAsync(string operatorType)
    {
        var current = await GetAsync("api/platform/profile", StaffRoles.Operator);
        await JsonAsync(HttpMethod.Put, "api/platform/profile", StaffRoles.Operator, new
        {
            dailyActiveUsers = current.GetProperty("dailyActiveUsers").GetInt64(),
            monthlyActiveUsers = current.GetProperty("monthlyActiveUsers").GetInt64(),
            registeredUsers = current.GetProperty("registeredUsers").GetInt64(),
            operatorType,
        });
    }

    /// <summary>Runs a timer function now, as <c>POST /admin/functions/{name}</c> does on the Functions host.</summary>
    public async Task RunAsync(string function)
        => Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsJsonAsync($"admin/functions/{function}", new { input = "" })).StatusCode);

    public static JsonElement Deadline(JsonElement incident, string duty)
        => incident.GetProperty("deadlines").EnumerateArray().Single(d => d.GetProperty("duty").GetString() == duty);

    public static IReadOnlyList<string> Duties(JsonElement record)
        => record.GetProperty(record.TryGetProperty("deadlines", out _) ? "deadlines" : "duties").EnumerateArray().Select(d => d.GetProperty("duty").GetString()!).Order(StringComparer.Ordinal).ToList();
}
