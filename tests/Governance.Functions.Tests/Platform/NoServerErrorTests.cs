using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Governance.Core.Security;
using Governance.Functions.Tests.Infrastructure;

namespace Governance.Functions.Tests.Platform;

/// <summary>
/// A client can cause many things, never a 5xx: every documented operation is called with hostile path values,
/// query strings and bodies, as anonymous, staff with every role, and a developer; no answer may be a 5xx, and
/// every error must be a problem document.
/// </summary>
[Collection(GovernanceHostCollection.Name)]
public sealed partial class NoServerErrorTests(GovernanceHostFixture fixture)
{
    private static readonly string[] PathValues =
    [
        // %00 in a path is refused by the web server itself (Kestrel, and the Functions front end), before any app code.
        "x", "0", "-1", "99999999999999999999", "..", "a%2Fb", "a%23b", "a%3Fb", "%5C", "%01", "%E2%80%AE", "'%20OR%201=1",
        new string('z', 1500), "platform-rules", "privacy-policy",
    ];

    private static readonly string[] Bodies =
    [
        "", "{", "[]", "null", "\"text\"", "42", "{}", "{\"amount\": 1e400}", "{\"type\":\"claim.filed\",\"data\":null}",
        "{\"title\": {\"nested\": true}, \"content\": [1,2], \"effectiveFrom\": \"not a date\", \"significantImpact\": \"yes\"}",
        "{\"decision\":\"approve\",\"amount\":{\"amount\":-5,\"currency\":\"??\"},\"reason\":\"\"}",
        "{\"dailyActiveUsers\": -1, \"monthlyActiveUsers\": 9223372036854775807, \"registeredUsers\": 1.5}",
    ];

    private static readonly string[] Queries =
    [
        "", "?status=bogus", "?from=yesterday&to=2026-13-45", "?pageSize=-1", "?pageSize=99999999999", "?continuationToken=%00%FF",
        "?token=abc", "?from=1&to=99999", "?from=a&to=b", "?resource=%00",
    ];

    [Fact]
    public async Task No_request_a_client_can_make_causes_a_5xx()
    {
        using var openApi = JsonDocument.Parse(await fixture.Client.GetStringAsync("api/openapi.json"));
        var (_, apiKey) = await fixture.SignUpDeveloperAsync("Chaos Monkey Ltd");
        var credentials = new List<Action<HttpRequestMessage>>
        {
            _ => { },
            r => r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", fixture.StaffToken(StaffRoles.Operator, StaffRoles.Reviewer, StaffRoles.Auditor)),
            r => r.Headers.Add(ApiKeyHeader.Name, apiKey),
            r => r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "not.a.jwt"),
        };

        var failures = new List<string>();
        var calls = 0;
        foreach (var path in openApi.RootElement.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                var method = new HttpMethod(operation.Name.ToUpperInvariant());
                if (path.Name.Contains("/developers", StringComparison.Ordinal) && method == HttpMethod.Post)
                {
                    continue; // sign-up is rate limited per address; its validation has its own tests
                }

                // Every path value once, then every body against a plausible path with each credential.
                var cases = PathValues.Select((value, i) => (Value: value, Body: Bodies[i % Bodies.Length], Query: Queries[i % Queries.Length], Credential: i))
                    .Concat(method == HttpMethod.Get || method == HttpMethod.Delete
                        ? []
                        : Bodies.SelectMany((body, b) => Enumerable.Range(0, credentials.Count).Select(c => (Value: "platform-rules", Body: body, Query: string.Empty, Credential: c))));
                foreach (var (value, body, query, credential) in cases)
                {
                    var i = credential;
                    var url = Parameter().Replace(path.Name, value).TrimStart('/') + query;
                    var request = new HttpRequestMessage(method, url);
                    if (method != HttpMethod.Get && method != HttpMethod.Delete)
                    {
                        request.Content = new StringContent(body, Encoding.UTF8, "application/json");
                    }

                    credentials[i % credentials.Count](request);
                    using var response = await fixture.Client.SendAsync(request);
                    calls++;
                    var text = await response.Content.ReadAsStringAsync();
                    if ((int)response.StatusCode >= 500)
                    {
                        failures.Add($"{method} {url[..Math.Min(url.Length, 120)]} body={body} → {(int)response.StatusCode} {text[..Math.Min(text.Length, 300)]}");
                    }
                    else if ((int)response.StatusCode >= 400 && response.Content.Headers.ContentType?.MediaType != "application/problem+json")
                    {
                        failures.Add($"{method} {url[..Math.Min(url.Length, 120)]} → {(int)response.StatusCode} without a problem document ({response.Content.Headers.ContentType})");
                    }
                }
            }
        }

        Assert.True(calls > 100, $"only {calls} calls made");
        Assert.True(failures.Count == 0, $"{failures.Count} of {calls} calls failed:\n" + string.Join('\n', failures.Take(40)));
    }

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex Parameter();
}
