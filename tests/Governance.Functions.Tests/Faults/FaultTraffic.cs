using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Governance.Core.Security;
using Governance.Core.Webhooks;
using Governance.Functions.Tests.Claims;
using Governance.Functions.Tests.Onboarding;

namespace Governance.Functions.Tests.Faults;

/// <summary>
/// Clients of a <see cref="FaultStack"/> as they behave in production: an operator, a developer, and a
/// customer-service system that sends signed claim webhooks and retries each one (same id, same bytes) until it
/// gets an answer, through host restarts and storage outages.
/// </summary>
public sealed class FaultTraffic(FaultStack stack)
{
    public sealed record ClaimDelivery(string WebhookId, byte[] Body);

    public async Task<string> RegisterAppAsync()
    {
        var appId = ClaimsDriver.NewId("app");
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/apps") { Content = JsonContent.Create(new { appId, name = "Fault app " + appId }) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", stack.Token(StaffRoles.Operator));
        using var response = await stack.Client.SendAsync(request);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"app registration: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return appId;
    }

    public async Task<string> SignUpDeveloperAsync()
    {
        using var response = await stack.Client.PostAsJsonAsync("api/developers", new { organization = "Fault Apps Ltd", contactEmail = "dev@example.com" });
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"sign-up: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("apiKey").GetString()!;
    }

    public static IReadOnlyList<ClaimDelivery> Claims(string appId, int count)
        => Enumerable.Range(0, count)
            .Select(i => new ClaimDelivery(ClaimsDriver.NewId("msg"), JsonSerializer.SerializeToUtf8Bytes(ClaimsDriver.ClaimBody(appId, amount: 500 + i, occurredAt: DateTimeOffset.UtcNow.AddDays(-2)))))
            .ToList();

    /// <summary>One signed delivery, once; null when the host could not be reached or cut the connection.</summary>
    public async Task<(HttpStatusCode Status, string Text, string? ContentType, RetryConditionHeaderValue? RetryAfter)?> TryFileAsync(ClaimDelivery claim)
    {
        var secret = WebhookSecret.ParseList(stack.Configuration["Webhooks:Claims:Secrets"])[0];
        try
        {
            using var request = ClaimsDriver.Sign("api/webhooks/claims", claim.Body, claim.WebhookId, secret, DateTimeOffset.UtcNow.ToUnixTimeSeconds());
            using var response = await stack.Client.SendAsync(request);
            return (response.StatusCode, await response.Content.ReadAsStringAsync(), response.Content.Headers.ContentType?.MediaType, response.Headers.RetryAfter);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
        {
            return null;
        }
    }

    /// <summary>Sends until the claim is stored (202, or 200 for a repeat) and returns its id; 503s and cut connections are retried.</summary>
    public async Task<string> FileUntilAcceptedAsync(ClaimDelivery claim, TimeSpan patience)
    {
        var deadline = DateTime.UtcNow + patience;
        while (true)
        {
            var answer = await TryFileAsync(claim);
            if (answer is { Status: HttpStatusCode.Accepted or HttpStatusCode.OK } accepted)
            {
                return JsonDocument.Parse(accepted.Text).RootElement.GetProperty("claimId").GetString()!;
            }

            if (answer is { } other && other.Status is not (HttpStatusCode.ServiceUnavailable or HttpStatusCode.Conflict))
            {
                Assert.Fail($"claim delivery {claim.WebhookId} answered {(int)other.Status}: {other.Text}");
            }

            Assert.True(DateTime.UtcNow < deadline, $"claim delivery {claim.WebhookId} was not accepted within {patience.TotalSeconds:0} s (last: {answer?.Status.ToString() ?? "no connection"})");
            await Task.Delay(250);
        }
    }

    /// <summary>Submits a complete English contract with an idempotency key, retrying through restarts; returns the request id.</summary>
    public async Task<string> SubmitOnboardingUntilAcceptedAsync(string apiKey, string appName, TimeSpan patience)
    {
        var key = "fault-" + Guid.NewGuid().ToString("N");
        var deadline = DateTime.UtcNow + patience;
        while (true)
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, "api/onboarding/requests")
                {
                    Content = OnboardingDriver.Form(OnboardingDriver.Manifest(appName), OnboardingDriver.Utf8(OnboardingDriver.CompleteEnglish)),
                };
                request.Headers.Add(ApiKeyHeader.Name, apiKey);
                request.Headers.Add("Idempotency-Key", key);
                using var response = await stack.Client.SendAsync(request);
                var text = await response.Content.ReadAsStringAsync();
                if (response.StatusCode == HttpStatusCode.Accepted)
                {
                    return JsonDocument.Parse(text).RootElement.GetProperty("requestId").GetString()!;
                }

                Assert.True(response.StatusCode is HttpStatusCode.ServiceUnavailable or HttpStatusCode.Conflict, $"onboarding submission answered {(int)response.StatusCode}: {text}");
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
            {
                // The host is down: try again.
            }

            Assert.True(DateTime.UtcNow < deadline, $"onboarding submission {appName} was not accepted within {patience.TotalSeconds:0} s");
            await Task.Delay(250);
        }
    }

    /// <summary>The request's status as its developer sees it.</summary>
    public async Task<JsonElement> OnboardingRequestAsync(string apiKey, string requestId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"api/onboarding/requests/{requestId}");
        request.Headers.Add(ApiKeyHeader.Name, apiKey);
        using var response = await stack.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }
}
