using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Governance.Core.Security;
using Governance.Functions.Tests.Infrastructure;

namespace Governance.Functions.Tests.Disclosures;

/// <summary>
/// Drives the disclosure endpoints as a client would. Kinds are global to the shared host, so helpers never
/// assume a kind is empty: they read what exists and choose dates the gates accept either way.
/// </summary>
public sealed class DisclosureApi(GovernanceHostFixture fixture)
{
    public HttpClient Client => fixture.Client;

    public DateTimeOffset Now => fixture.Clock.GetUtcNow();

    /// <summary>Far enough ahead for the 7-day notice period, whether or not the kind already has versions.</summary>
    public DateTimeOffset AfterNotice => Now.AddDays(8);

    public static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    public static Dictionary<string, object?> Draft(string kind, string title, string content, DateTimeOffset effectiveFrom, bool significantImpact = false)
    {
        var body = new Dictionary<string, object?>
        {
            ["title"] = title,
            ["content"] = content,
            ["formulationProcedure"] = "Drafted by the policy team after a 30-day public consultation; approved by the governance board.",
            ["adjudicationProcedure"] = "Disputes go to the platform's dispute panel within 15 days; appeals go to an independent reviewer.",
            ["changeSummary"] = "Test change " + title,
            ["effectiveFrom"] = effectiveFrom.ToString("O"),
            ["significantImpact"] = significantImpact,
        };
        if (kind == "algorithm-strategy")
        {
            body["algorithm"] = Algorithm(parameters: [new { name = "watch time", description = "How long similar items were watched." }], optOut: true);
        }

        return body;
    }

    public static object Algorithm(object[] parameters, bool optOut)
        => new { name = "Feed ranking", purpose = "Orders the home feed.", mainParameters = parameters, personalizationOptOut = optOut };

    public HttpRequestMessage Staff(HttpMethod method, string path, object? body = null, string role = StaffRoles.Operator)
    {
        var request = new HttpRequestMessage(method, path).AsStaff(fixture, role);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return request;
    }

    public async Task<JsonElement> CreateDraftAsync(string kind, object body)
    {
        var response = await Client.SendAsync(Staff(HttpMethod.Post, $"api/disclosures/{kind}/drafts", body));
        var json = await ReadJsonAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"create draft: {(int)response.StatusCode} {json}");
        return json;
    }

    public async Task<HttpResponseMessage> PublishAsync(string kind, string draftId)
        => await Client.SendAsync(Staff(HttpMethod.Post, $"api/disclosures/{kind}/drafts/{draftId}/publish"));

    /// <summary>Creates and publishes a draft; returns the publish answer.</summary>
    public async Task<JsonElement> PublishNewAsync(string kind, string content, DateTimeOffset effectiveFrom, string? title = null)
    {
        var draft = await CreateDraftAsync(kind, Draft(kind, title ?? "Version " + Guid.NewGuid().ToString("N")[..8], content, effectiveFrom));
        var response = await PublishAsync(kind, draft.GetProperty("draftId").GetString()!);
        var json = await ReadJsonAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"publish: {(int)response.StatusCode} {json}");
        return json;
    }

    public async Task<JsonElement[]> VersionsAsync(string kind)
    {
        var json = await ReadJsonAsync(await Client.GetAsync($"api/public/disclosures/{kind}/versions"));
        return json.GetProperty("versions").EnumerateArray().ToArray();
    }

    /// <summary>
    /// Makes sure the kind has a version in force now and none still scheduled (publishing one, or moving the
    /// clock past every scheduled one), so a test does not find another test's pending version as "next".
    /// </summary>
    public async Task EnsureCurrentAsync(string kind)
    {
        var versions = await VersionsAsync(kind);
        if (versions.Length == 0)
        {
            await PublishNewAsync(kind, "# First rules\n\nThe first text.\n", AfterNotice);
            versions = await VersionsAsync(kind);
        }

        var latest = versions.Max(v => v.GetProperty("effectiveFrom").GetDateTimeOffset());
        var wait = latest - Now;
        if (wait > TimeSpan.Zero)
        {
            fixture.Clock.Advance(wait + TimeSpan.FromMinutes(1));
        }
    }

    public static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }
}
