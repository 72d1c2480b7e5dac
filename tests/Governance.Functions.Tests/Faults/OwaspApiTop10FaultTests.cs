using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Governance.Core.Security;
using Governance.Core.Webhooks;
using Governance.Functions.Tests.Claims;
using Governance.Functions.Tests.Infrastructure;
using Governance.Functions.Tests.Onboarding;

namespace Governance.Functions.Tests.Faults;

/// <summary>One test (at least) per risk of the OWASP API Security Top 10 (2023), through the local host.</summary>
[Collection(GovernanceHostCollection.Name)]
[Trait("Category", "Faults")]
public sealed class OwaspApiTop10FaultTests(GovernanceHostFixture fixture)
{
    private readonly ClaimsDriver _claims = new(fixture);
    private readonly OnboardingDriver _onboarding = new(fixture);

    [Fact]
    public async Task API1_Broken_object_level_authorization_a_developer_cannot_read_another_developers_request_or_profile()
    {
        var owner = await _onboarding.DeveloperAsync(organization: "Owner Apps Ltd");
        var other = await _onboarding.DeveloperAsync(organization: "Nosy Apps Ltd");
        var requestId = await _onboarding.SubmitAcceptedAsync(owner.ApiKey, OnboardingDriver.Manifest("Owned Delivery"), OnboardingDriver.Utf8(OnboardingDriver.CompleteEnglish));

        foreach (var path in new[] { $"api/onboarding/requests/{requestId}", $"api/onboarding/requests/{requestId}/report", $"api/developers/{owner.DeveloperId}" })
        {
            var answer = await _onboarding.GetAsDeveloperAsync(path, other.ApiKey);
            Assert.True(answer.Status == HttpStatusCode.NotFound, $"{path} as another developer: {(int)answer.Status} {answer.Text}");
            Assert.Equal("application/problem+json", answer.ContentType);
            Assert.DoesNotContain("Owned Delivery", answer.Text, StringComparison.Ordinal);
            Assert.DoesNotContain("Owner Apps Ltd", answer.Text, StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.OK, (await _onboarding.GetAsDeveloperAsync($"api/onboarding/requests/{requestId}", owner.ApiKey)).Status);
    }

    [Fact]
    public async Task API2_Broken_authentication_forged_unsigned_expired_id_tokens_and_rotated_keys_are_refused()
    {
        var key = Convert.FromBase64String(fixture.Configuration["Auth:SigningKey"]!);
        var now = fixture.Clock.GetUtcNow().ToUnixTimeSeconds();
        object Claims(long exp, bool idToken = false) => idToken
            ? new { iss = "governance-local", aud = "governance-api", sub = "x", roles = new[] { StaffRoles.Operator }, nbf = now - 60, exp, nonce = "n-1", azp = "governance-dev-token" }
            : new { iss = "governance-local", aud = "governance-api", sub = "x", roles = new[] { StaffRoles.Operator }, nbf = now - 60, exp, azp = "governance-dev-token" };
        var tokens = new Dictionary<string, string>
        {
            ["signed with another key"] = Jwt("{\"alg\":\"HS256\",\"typ\":\"at+jwt\"}", Claims(now + 600), RandomNumberGenerator.GetBytes(32)),
            ["unsigned (alg none)"] = Jwt("{\"alg\":\"none\",\"typ\":\"at+jwt\"}", Claims(now + 600), null),
            ["expired"] = Jwt("{\"alg\":\"HS256\",\"typ\":\"at+jwt\"}", Claims(now - 600), key),
            ["an ID token"] = Jwt("{\"alg\":\"HS256\",\"typ\":\"JWT\"}", Claims(now + 600, idToken: true), key),
        };
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(Jwt("{\"alg\":\"HS256\",\"typ\":\"at+jwt\"}", Claims(now + 600), key)));
        foreach (var (what, token) in tokens)
        {
            Assert.True(await StatusAsync(token) == HttpStatusCode.Unauthorized, $"a token {what} was not refused");
        }

        var developer = await _onboarding.DeveloperAsync();
        var rotated = await _onboarding.SendAsync(new HttpRequestMessage(HttpMethod.Post, "api/developers/me/keys").AsDeveloper(developer.ApiKey));
        Assert.Equal(HttpStatusCode.Created, rotated.Status);
        var stale = await _onboarding.GetAsDeveloperAsync("api/developers/me", developer.ApiKey);
        Assert.Equal(HttpStatusCode.Unauthorized, stale.Status);
        Assert.True(stale.Headers.WwwAuthenticate.Count > 0, "a 401 without WWW-Authenticate");
        Assert.Equal(HttpStatusCode.OK, (await _onboarding.GetAsDeveloperAsync("api/developers/me", rotated.Json.GetProperty("apiKey").GetString()!)).Status);

        async Task<HttpStatusCode> StatusAsync(string bearer)
        {
            var request = ApiClient.Get("api/apps");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
            return (await _onboarding.SendAsync(request)).Status;
        }
    }

    [Fact]
    public async Task API3_Broken_object_property_level_authorization_sign_up_ignores_assigned_ids_and_roles_and_the_public_claim_status_hides_personal_fields()
    {
        var request = ApiClient.Send(HttpMethod.Post, "api/developers", new
        {
            organization = "Mass Assignment Ltd", contactEmail = "dev@example.com",
            developerId = "dev_admin", apiKey = "gk_chosen", roles = new[] { StaffRoles.Operator }, isStaff = true, suspended = false,
        });
        request.Headers.Add("X-Forwarded-For", ApiClient.UniqueClientAddress());
        var signUp = await _onboarding.SendAsync(request);
        if (signUp.Status == HttpStatusCode.Created)
        {
            Assert.NotEqual("dev_admin", signUp.Json.GetProperty("developerId").GetString());
            Assert.NotEqual("gk_chosen", signUp.Json.GetProperty("apiKey").GetString());
            var me = await _onboarding.GetAsDeveloperAsync("api/developers/me", signUp.Json.GetProperty("apiKey").GetString()!);
            Assert.DoesNotContain("roles", me.Text, StringComparison.OrdinalIgnoreCase);
            var staffOnly = await _onboarding.SendAsync(ApiClient.Get("api/apps").AsDeveloper(signUp.Json.GetProperty("apiKey").GetString()!));
            Assert.True(staffOnly.Status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden, $"a developer who asked for roles listed apps: {(int)staffOnly.Status}");
        }
        else
        {
            Assert.True(signUp.Status == HttpStatusCode.BadRequest, $"sign-up with extra properties: {(int)signUp.Status} {signUp.Text}");
        }

        var appId = await _claims.RegisterAppAsync();
        var body = ClaimsDriver.ClaimBody(appId, 700, userId: "user-private-7f3a", orderId: "order-private-42");
        var (claimId, token) = await _claims.FileNewAsync(body);
        var status = await _claims.StatusAsync(claimId, token);
        var text = status.ToString();
        foreach (var secret in new[] { "user-private-7f3a", "order-private-42", "Charged twice", "receipt.pdf" })
        {
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task API4_Unrestricted_resource_consumption_oversized_bodies_are_413_and_a_sign_up_flood_is_429_with_retry_after()
    {
        var appId = await _claims.RegisterAppAsync();
        var huge = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { type = "claim.filed", data = new { appId, padding = new string('x', 200 * 1024) } }));
        var (status, problem) = await _claims.FileAsync(huge);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Equal(413, problem.GetProperty("status").GetInt32());

        var address = ApiClient.UniqueClientAddress();
        var limit = int.Parse(fixture.Configuration["SignUp:RateLimit:PermitLimit"] ?? "5", System.Globalization.CultureInfo.InvariantCulture);
        Answer last = null!;
        for (var i = 0; i <= limit; i++)
        {
            var request = ApiClient.Send(HttpMethod.Post, "api/developers", new { organization = "Flood " + i, contactEmail = "flood@example.com" });
            request.Headers.Add("X-Forwarded-For", address);
            last = await _onboarding.SendAsync(request);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, last.Status);
        Assert.NotNull(last.Headers.RetryAfter);
        Assert.Equal("application/problem+json", last.ContentType);
    }

    [Fact]
    public async Task API5_Broken_function_level_authorization_developers_and_staff_without_the_role_cannot_call_staff_functions()
    {
        var developer = await _onboarding.DeveloperAsync();
        var claimId = await _claims.ApprovedClaimAsync(await _claims.RegisterAppAsync(), 600);
        var cases = new (HttpRequestMessage Request, string What)[]
        {
            (ApiClient.Get("api/claims").AsDeveloper(developer.ApiKey), "a developer listing claims"),
            (ApiClient.Send(HttpMethod.Post, "api/apps", new { appId = "app-x", name = "x" }).AsDeveloper(developer.ApiKey), "a developer registering an app"),
            (ApiClient.Send(HttpMethod.Post, "api/apps", new { appId = "app-x", name = "x" }).AsStaff(fixture, StaffRoles.Reviewer), "a reviewer registering an app"),
            (ApiClient.Send(HttpMethod.Post, $"api/claims/{claimId}/decision", new { decision = "reject", reason = "no" }).AsStaff(fixture, StaffRoles.Auditor), "an auditor deciding a claim"),
            (ApiClient.Send(HttpMethod.Post, $"api/claims/{claimId}/decision", new { decision = "reject", reason = "no" }).AsStaff(fixture, StaffRoles.Operator), "an operator deciding a claim"),
            (ApiClient.Get("api/audit/verify").AsStaff(fixture, StaffRoles.Operator), "an operator verifying the audit log"),
            (ApiClient.Get("api/ledger/trial-balance").AsDeveloper(developer.ApiKey), "a developer reading the ledger"),
        };
        foreach (var (request, what) in cases)
        {
            var answer = await _onboarding.SendAsync(request);
            Assert.True(answer.Status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden, $"{what}: {(int)answer.Status} {answer.Text}");
            Assert.Equal("application/problem+json", answer.ContentType);
        }
    }

    [Fact]
    public async Task API6_Unrestricted_access_to_sensitive_business_flows_the_same_claim_filed_under_many_webhook_ids_is_paid_once()
    {
        var appId = await _claims.RegisterAppAsync();
        var body = _claims.Serialize(ClaimsDriver.ClaimBody(appId, 900));
        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => _claims.FileAsync(body)));
        var claimIds = answers.Where(a => a.Status is HttpStatusCode.Accepted or HttpStatusCode.OK).Select(a => a.Body.GetProperty("claimId").GetString()!).Distinct().ToList();
        var claimId = Assert.Single(claimIds);
        Assert.Equal(1, answers.Count(a => a.Status == HttpStatusCode.Accepted));
        await fixture.FaultChecks().AssertPaidExactlyOnceAsync([claimId]);
    }

    [Fact]
    public async Task API7_Server_side_request_forgery_callback_urls_to_metadata_private_and_nat64_addresses_are_refused()
    {
        // The shared host lets loopback callbacks through (Webhooks__AllowInsecureLocalCallbacks) for its test
        // receivers; this host runs with the production rule.
        await using var stack = await FaultStack.CreateAsync(overrides: new Dictionary<string, string>
        {
            ["Webhooks__AllowInsecureLocalCallbacks"] = "false",
            ["SignUp__RateLimit__PermitLimit"] = "100",
        });
        await stack.StartInProcessAsync();
        foreach (var url in new[]
        {
            "https://169.254.169.254/latest/meta-data/", "https://168.63.129.16/machine", "https://10.0.0.5/hook", "https://127.0.0.1/hook",
            "https://[::1]/hook", "https://[::ffff:127.0.0.1]/hook", "https://[64:ff9b::a9fe:a9fe]/hook", "https://localhost/hook",
            "http://example.com/hook", "file:///etc/passwd", "gopher://example.com/_x",
        })
        {
            using var response = await stack.Client.PostAsJsonAsync("api/developers", new { organization = "SSRF Ltd", contactEmail = "x@example.com", callbackUrl = url });
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{url}: {(int)response.StatusCode} {text}");
            Assert.True(JsonDocument.Parse(text).RootElement.GetProperty("errors").TryGetProperty("callbackUrl", out _), $"{url}: {text}");
        }
    }

    [Fact]
    public async Task API8_Security_misconfiguration_errors_are_problems_without_internals_and_cors_is_not_open()
    {
        var unknown = await _onboarding.SendAsync(ApiClient.Get("api/no-such-thing"));
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
        Assert.Equal("application/problem+json", unknown.ContentType);
        var wrongMethod = await _onboarding.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "api/health"));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, wrongMethod.Status);
        Assert.Equal("application/problem+json", wrongMethod.ContentType);
        var badJson = await _onboarding.SendAsync(new HttpRequestMessage(HttpMethod.Post, "api/apps") { Content = new StringContent("{\"appId\": [", Encoding.UTF8, "application/json") }.AsStaff(fixture, StaffRoles.Operator));
        Assert.Equal(HttpStatusCode.BadRequest, badJson.Status);
        foreach (var answer in new[] { unknown, wrongMethod, badJson })
        {
            foreach (var leak in new[] { "Exception", "   at ", "System.", "Microsoft.", ".cs:line", "StackTrace", "Azure." })
            {
                Assert.DoesNotContain(leak, answer.Text, StringComparison.Ordinal);
            }
        }

        var preflight = new HttpRequestMessage(HttpMethod.Options, "api/apps");
        preflight.Headers.Add("Origin", "https://evil.example");
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        var cors = await _onboarding.SendAsync(preflight);
        Assert.False(cors.Headers.TryGetValues("Access-Control-Allow-Origin", out var origins) && origins.Any(o => o is "*" or "https://evil.example"), "CORS admits any origin");
    }

    [Fact]
    public async Task API9_Improper_inventory_management_every_served_http_function_is_documented_and_every_documented_operation_is_served()
    {
        using var openApi = JsonDocument.Parse(await fixture.Client.GetStringAsync("api/openapi.json"));
        var documented = openApi.RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Where(o => o.Name is "get" or "post" or "put" or "delete" or "patch").Select(o => $"{o.Name.ToUpperInvariant()} {p.Name}"))
            .ToHashSet(StringComparer.Ordinal);
        using var served = JsonDocument.Parse(await fixture.Client.GetStringAsync("admin/functions"));
        var probes = typeof(OwaspApiTop10FaultTests).Assembly.GetTypes().SelectMany(t => t.GetMethods())
            .Select(m => m.GetCustomAttributes(typeof(Microsoft.Azure.Functions.Worker.FunctionAttribute), false).Cast<Microsoft.Azure.Functions.Worker.FunctionAttribute>().FirstOrDefault()?.Name)
            .Where(n => n is not null).ToHashSet(StringComparer.Ordinal);
        var servedOperations = served.RootElement.EnumerateArray()
            .Where(f => string.Equals(f.GetProperty("trigger").ToString(), "http", StringComparison.OrdinalIgnoreCase))
            .Where(f => !probes.Contains(f.GetProperty("name").GetString()))
            .SelectMany(f => (f.GetProperty("methods").ValueKind == JsonValueKind.Array ? f.GetProperty("methods").EnumerateArray().Select(m => m.GetString()!).ToList() : ["ANY"]).Select(m => $"{m.ToUpperInvariant()} /{Normalize(f.GetProperty("route").GetString()!)}"))
            .ToHashSet(StringComparer.Ordinal);

        Assert.True(servedOperations.Count >= 30, "only " + servedOperations.Count + " served operations: " + served.RootElement);
        Assert.Empty(servedOperations.Except(documented));
        Assert.Empty(documented.Except(servedOperations));

        // Route patterns may carry constraints ({id:regex}); the document names parameters only.
        static string Normalize(string route) => System.Text.RegularExpressions.Regex.Replace(route.TrimStart('/'), @"\{([^}:=?]+)[^}]*\}", "{$1}");
    }

    [Fact]
    public async Task API10_Unsafe_consumption_of_apis_signed_payment_webhooks_are_checked_for_freshness_binding_and_replay()
    {
        var claimId = await _claims.ApprovedClaimAsync(await _claims.RegisterAppAsync(), 650);
        var secret = WebhookSecret.ParseList(fixture.Configuration["Webhooks:Payments:Secrets"])[0];
        var path = $"api/claims/{claimId}/payout-confirmation";
        byte[] Body(string id, string reference) => JsonSerializer.SerializeToUtf8Bytes(new { claimId = id, payoutReference = reference });
        async Task<Answer> SendAsync(byte[] body, string webhookId, long timestamp) => await _onboarding.SendAsync(ClaimsDriver.Sign(path, body, webhookId, secret, timestamp));
        var now = _claims.Now.ToUnixTimeSeconds();

        var stale = await SendAsync(Body(claimId, "pay-1"), ClaimsDriver.NewId("pay"), now - 3600);
        Assert.Equal(HttpStatusCode.Unauthorized, stale.Status);
        var otherClaim = await SendAsync(Body("clm_" + new string('a', 32), "pay-1"), ClaimsDriver.NewId("pay"), now);
        Assert.Equal(HttpStatusCode.BadRequest, otherClaim.Status);
        var hostile = await SendAsync(Encoding.UTF8.GetBytes("{\"claimId\":\"" + claimId + "\",\"payoutReference\":\"a\\u0000b\"}"), ClaimsDriver.NewId("pay"), now);
        Assert.Equal(HttpStatusCode.BadRequest, hostile.Status);

        var webhookId = ClaimsDriver.NewId("pay");
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(Body(claimId, "pay-ok"), webhookId, now)).Status);
        var replayedWithOtherBody = await SendAsync(Body(claimId, "pay-other"), webhookId, now);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, replayedWithOtherBody.Status);
        foreach (var answer in new[] { stale, otherClaim, hostile, replayedWithOtherBody })
        {
            Assert.Equal("application/problem+json", answer.ContentType);
        }

        var paid = await fixture.FaultChecks().WaitForClaimsSettledAsync([claimId]);
        Assert.Equal("pay-ok", paid[claimId].PayoutReference);
    }

    private static string Jwt(string header, object claims, byte[]? key)
    {
        static string B64(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var signingInput = $"{B64(Encoding.UTF8.GetBytes(header))}.{B64(JsonSerializer.SerializeToUtf8Bytes(claims))}";
        return signingInput + "." + (key is null ? string.Empty : B64(HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(signingInput))));
    }
}
