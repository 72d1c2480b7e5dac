using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using Governance.Core.Developers;
using Governance.Core.Events;
using Governance.Core.Security;
using Governance.Core.Storage;
using Governance.Core.Tests.Onboarding;
using Governance.Core.Webhooks;
using Governance.Functions.Tests.Claims;
using Governance.Functions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Functions.Tests.Onboarding;

/// <summary>A developer as onboarding tests use it: its id, key, and the secret its callbacks are signed with.</summary>
public sealed record TestDeveloper(string DeveloperId, string ApiKey, string? WebhookSecret);

/// <summary>An HTTP answer read once: status, headers and the JSON body (default when empty or not JSON).</summary>
public sealed record Answer(HttpStatusCode Status, HttpResponseHeaders Headers, string? ContentType, string Text)
{
    public JsonElement Json => Text.Length > 0 && Text.TrimStart() is ['{' or '[', ..] ? JsonDocument.Parse(Text).RootElement.Clone() : default;

    public bool HasFieldError(string field) => Json.ValueKind == JsonValueKind.Object && Json.TryGetProperty("errors", out var errors) && errors.TryGetProperty(field, out _);
}

/// <summary>Drives onboarding as a developer and staff do: multipart submissions, polling, reports, decisions.</summary>
public sealed class OnboardingDriver(GovernanceHostFixture fixture)
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    public HttpClient Client => fixture.Client;

    /// <summary>A contract the clause library approves in full; its scope names the manifest's purpose and category.</summary>
    public const string CompleteEnglish = SampleContracts.CompleteEnglish;

    /// <summary>The same contract in Chinese; its scope names 订单配送 and 联系方式.</summary>
    public const string CompleteChinese = SampleContracts.CompleteChinese;

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    public static byte[] Corpus(string relativePath)
        => File.ReadAllBytes(Path.Combine(GovernanceHostFixture.RepositoryRoot, "tests", "Governance.Core.Tests", "Onboarding", "Corpus", relativePath));

    public static Dictionary<string, object?> Manifest(
        string name = "Acme Delivery", string classification = "general", string category = "contact details", string purpose = "order delivery",
        string[]? methods = null, long subjects = 1000)
        => new()
        {
            ["app"] = new { name, description = "Food delivery app", category = "delivery", homepage = "https://acme.example" },
            ["data"] = new
            {
                categories = new[] { new { name = category, classification, personalInformation = true, sensitive = false } },
                purposes = new[] { purpose },
                retentionDays = 365,
                subjectsCount = subjects,
                crossBorder = new { enabled = false, destinations = Array.Empty<string>() },
            },
            ["authentication"] = new { methods = methods ?? ["password", "sms_otp"] },
            ["sdks"] = new[] { new { name = "maps-sdk", vendor = "MapCo", purpose = "delivery routing" } },
        };

    public static Dictionary<string, object?> ChineseManifest(string name = "示例外卖")
        => Manifest(name, category: "联系方式", purpose: "订单配送");

    /// <summary>Signs up a developer (its callback at <paramref name="callbackUrl"/>, when given) from a client address of its own.</summary>
    public async Task<TestDeveloper> DeveloperAsync(string? callbackUrl = null, string organization = "Acme Apps Ltd")
    {
        var credentials = await fixture.Services.GetRequiredService<DeveloperService>()
            .SignUpAsync(new DeveloperSignUp(organization, "dev@example.com", callbackUrl), "onboarding-" + Guid.NewGuid().ToString("N"));
        return new TestDeveloper(credentials.DeveloperId, credentials.ApiKey, credentials.WebhookSecret);
    }

    /// <summary>A multipart body as a browser form or curl sends it: the manifest as JSON, the contract as a file.</summary>
    public static MultipartFormDataContent Form(object? manifest, byte[]? contract, string fileName = "contract.txt", string? previousRequestId = null)
    {
        var form = new MultipartFormDataContent();
        if (manifest is not null)
        {
            var json = manifest as string ?? JsonSerializer.Serialize(manifest);
            form.Add(new StringContent(json, Encoding.UTF8, "application/json"), "manifest");
        }

        if (contract is not null)
        {
            var file = new ByteArrayContent(contract);
            file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            form.Add(file, "contract", fileName);
        }

        if (previousRequestId is not null)
        {
            form.Add(new StringContent(previousRequestId), "previousRequestId");
        }

        return form;
    }

    public async Task<Answer> SendAsync(HttpRequestMessage request)
    {
        using var response = await Client.SendAsync(request);
        return new Answer(response.StatusCode, response.Headers, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsStringAsync());
    }

    public Task<Answer> SubmitAsync(string apiKey, HttpContent content, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "api/onboarding/requests") { Content = content }.AsDeveloper(apiKey);
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return SendAsync(request);
    }

    /// <summary>Submits and asserts the 202 contract; returns the request id.</summary>
    public async Task<string> SubmitAcceptedAsync(string apiKey, object manifest, byte[] contract, string fileName = "contract.txt", string? previousRequestId = null)
    {
        var answer = await SubmitAsync(apiKey, Form(manifest, contract, fileName, previousRequestId));
        Assert.True(answer.Status == HttpStatusCode.Accepted, $"submission answered {(int)answer.Status}: {answer.Text}");
        Assert.Equal("pending", answer.Json.GetProperty("status").GetString());
        return answer.Json.GetProperty("requestId").GetString()!;
    }

    public Task<Answer> GetAsDeveloperAsync(string path, string apiKey) => SendAsync(ApiClient.Get(path).AsDeveloper(apiKey));

    public Task<Answer> GetAsStaffAsync(string path, string role) => SendAsync(ApiClient.Get(path).AsStaff(fixture, role));

    public Task<Answer> StaffPostAsync(string path, string role, object body, string? idempotencyKey = null)
    {
        var request = ApiClient.Send(HttpMethod.Post, path, body).AsStaff(fixture, role);
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return SendAsync(request);
    }

    /// <summary>Polls the request (as its developer) until its check has finished; returns the view.</summary>
    public async Task<JsonElement> WaitForDecisionAsync(string requestId, string apiKey)
    {
        JsonElement view = default;
        await Eventually.HoldsAsync(async () =>
        {
            var answer = await GetAsDeveloperAsync($"api/onboarding/requests/{requestId}", apiKey);
            Assert.Equal(HttpStatusCode.OK, answer.Status);
            view = answer.Json;
            return view.GetProperty("status").GetString() is not ("pending" or "checking");
        }, Patience, $"onboarding request {requestId} to be decided");
        return view;
    }

    public static Dictionary<string, JsonElement> FindingsByRule(JsonElement view)
        => view.GetProperty("findings").EnumerateArray().ToDictionary(f => f.GetProperty("ruleId").GetString()!);

    /// <summary>The CloudEvents the outbox recorded in the request's partition (sent or not), in sequence order.</summary>
    public Task<List<JsonElement>> RecordedEventsAsync(string requestId) => EventsInPartitionAsync(TableNames.OnboardingRequests, requestId);

    /// <summary>The CloudEvents the outbox recorded in the app's partition of the <c>Apps</c> table.</summary>
    public Task<List<JsonElement>> AppEventsAsync(string appId) => EventsInPartitionAsync(TableNames.Apps, appId);

    private async Task<List<JsonElement>> EventsInPartitionAsync(string tableName, string partitionKey)
    {
        var table = fixture.Tables.GetTableClient(tableName);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey} and RowKey ge {OutboxKeys.EventPrefix} and RowKey lt {OutboxKeys.EventRangeEnd}");
        var events = new List<JsonElement>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter))
        {
            // The partition's outbox sequence holds its follow-ups too; only events carry a CloudEvent.
            if (row.GetString("CloudEvent") is { } cloudEvent)
            {
                events.Add(JsonDocument.Parse(cloudEvent).RootElement.Clone());
            }
        }

        return events;
    }

    /// <summary>The audit actions recorded for the request, oldest first.</summary>
    public async Task<List<string>> AuditActionsAsync(string resource)
    {
        var page = await GetAsStaffAsync($"api/audit?resource={Uri.EscapeDataString(resource)}&pageSize=100", StaffRoles.Auditor);
        Assert.Equal(HttpStatusCode.OK, page.Status);
        return page.Json.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("action").GetString()!).ToList();
    }

    /// <summary>The audit actions of <paramref name="resource"/> once they satisfy <paramref name="done"/> (follow-ups run just after their commit).</summary>
    public async Task<List<string>> WaitForAuditAsync(string resource, Func<List<string>, bool> done)
    {
        var actions = new List<string>();
        await Eventually.HoldsAsync(async () => done(actions = await AuditActionsAsync(resource)), Patience, $"the audit entries of {resource}");
        return actions;
    }

    /// <summary>Waits for the signed webhook of <paramref name="type"/> and verifies its signature with the developer's secret.</summary>
    public async Task<JsonElement> VerifiedCallbackAsync(CallbackReceiver receiver, TestDeveloper developer, string type, Func<JsonElement, bool>? match = null)
    {
        (Dictionary<string, string> Headers, byte[] Body)? found = null;
        await Eventually.HoldsAsync(() =>
        {
            found = receiver.Received.Where(r => Type(r.Body) == type && (match is null || match(JsonDocument.Parse(r.Body).RootElement.GetProperty("data"))))
                .Select(r => ((Dictionary<string, string> Headers, byte[] Body)?)r).FirstOrDefault();
            return found is not null;
        }, Patience, $"a {type} callback");
        var delivery = found!.Value;
        var id = new WebhookSignature(fixture.Clock).Verify(
            new WebhookHeaders(delivery.Headers["webhook-id"], delivery.Headers["webhook-timestamp"], delivery.Headers["webhook-signature"]),
            delivery.Body, WebhookSecret.ParseList(developer.WebhookSecret));
        var data = JsonDocument.Parse(delivery.Body).RootElement.GetProperty("data").Clone();
        Assert.StartsWith(data.GetProperty("requestId").GetString() + ":decided:", id, StringComparison.Ordinal);
        return data;
    }

    public async Task RunFunctionAsync(string function)
    {
        using var response = await Client.PostAsJsonAsync($"admin/functions/{function}", new { input = "" });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    private static string? Type(byte[] body) => JsonDocument.Parse(body).RootElement.GetProperty("type").GetString();
}
