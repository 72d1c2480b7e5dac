using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Governance.Core.Apps;
using Governance.Core.Audit;
using Governance.Core.Disclosures;
using Governance.Core.Idempotency;
using Governance.Core.Json;
using Governance.Core.Security;
using Governance.Functions.Apps;
using Governance.Functions.Http;
using Governance.Functions.Tests.Disclosures;
using Governance.Functions.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Functions.Tests.Kernel;

/// <summary>
/// Keyed staff writes whose effect exists but whose answer was lost (the first attempt committed, with the audit
/// entry it owes, and died) are retried with the same key through the host: the retry derives the same operation id
/// and finds what the first attempt did, so there is one draft, one app, one version, each audited exactly once.
/// </summary>
[Collection(GovernanceHostCollection.Name)]
public sealed class IdempotentRetryTests(GovernanceHostFixture fixture)
{
    private readonly DisclosureApi _api = new(fixture);

    [Fact]
    public async Task A_draft_create_whose_answer_was_lost_is_retried_with_its_key_into_one_draft_and_one_creation_entry()
    {
        const string kind = DisclosureKinds.PlatformRules;
        var title = "Retried draft " + Guid.NewGuid().ToString("N");
        var body = JsonSerializer.SerializeToUtf8Bytes(DisclosureApi.Draft(kind, title, "# Retried\n\nOnce.\n", _api.AfterNotice));
        var key = Guid.NewGuid().ToString();
        var path = $"/api/disclosures/{kind}/drafts";

        // The first attempt committed the draft (and the creation entry it owes) and then died before answering: the
        // retry with the same key derives the same operation id, which is the draft's id.
        var operationId = IdempotentOperations.OperationId(
            IdempotentOperations.CallerScope("disclosure-draft-create", Operator), key, IdempotencyStore.HashRequest(body, HttpMethods.Post, path));
        var request = JsonSerializer.Deserialize<DisclosureDraftRequest>(body, GovernanceJson.Options);
        var written = await fixture.Services.GetRequiredService<DisclosureDraftService>().CreateAsync(kind, request, Operator, operationId);

        var retry = await fixture.Client.SendAsync(Post(path, key, body));
        var replay = await fixture.Client.SendAsync(Post(path, key, body));

        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.False(retry.Headers.Contains(IdempotentPost.ReplayedHeader));
        var draft = await DisclosureApi.ReadJsonAsync(retry);
        var draftId = draft.GetProperty("draftId").GetString()!;
        Assert.Equal(written.Draft.DraftId, draftId);
        Assert.Equal(title, draft.GetProperty("title").GetString());
        Assert.Single(await DraftsTitledAsync(kind, title));
        Assert.Equal(1, await AuditEntriesAsync($"disclosures/{kind}/drafts/{draftId}", DisclosureDraftService.CreatedAction));
        Assert.Equal("true", replay.Headers.GetValues(IdempotentPost.ReplayedHeader).Single());
        Assert.Equal(await retry.Content.ReadAsStringAsync(), await replay.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_app_registration_whose_answer_was_lost_is_retried_with_its_key_into_one_registration_and_one_entry()
    {
        var appId = "retry-" + Guid.NewGuid().ToString("N")[..12];
        var body = JsonSerializer.SerializeToUtf8Bytes(new { appId, name = "Retried app" });
        var key = Guid.NewGuid().ToString();

        // The first attempt committed the app (and the audit entry it owes) and then died before answering: the
        // retry with the same key derives the same operation id.
        var caller = Operator;
        var operationId = IdempotentOperations.OperationId(
            IdempotentOperations.CallerScope("app-register", caller), key, IdempotencyStore.HashRequest(body, HttpMethods.Post, "/api/apps"));
        var registry = fixture.Services.GetRequiredService<AppRegistry>();
        await registry.RegisterAsync(new AppRegistration(appId, "Retried app", null), AuditActor.From(caller, StaffRoles.Operator), operationId);

        var retry = await fixture.Client.SendAsync(Post("/api/apps", key, body));
        var replay = await fixture.Client.SendAsync(Post("/api/apps", key, body));
        var otherKey = await fixture.Client.SendAsync(Post("/api/apps", Guid.NewGuid().ToString(), body));

        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal($"/api/apps/{appId}", retry.Headers.Location?.OriginalString);
        var app = await DisclosureApi.ReadJsonAsync(retry);
        Assert.Equal(appId, app.GetProperty("appId").GetString());
        Assert.Equal("Retried app", app.GetProperty("name").GetString());
        Assert.Equal(AppStatuses.Active, app.GetProperty("status").GetString());
        Assert.Equal(1, await AuditEntriesAsync(AppRegistry.Resource(appId), AppRegistry.RegisteredAction));
        Assert.Equal("true", replay.Headers.GetValues(IdempotentPost.ReplayedHeader).Single());
        Assert.Equal(await retry.Content.ReadAsStringAsync(), await replay.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Conflict, otherKey.StatusCode); // another request for the same id is still a conflict
    }

    [Fact]
    public async Task A_publish_whose_answer_was_lost_is_retried_with_its_key_and_answers_201_with_the_same_version()
    {
        const string kind = DisclosureKinds.PrivacyPolicy;
        var content = "# Privacy " + Guid.NewGuid().ToString("N") + "\n\nPublished once.\n";
        var created = await _api.CreateDraftAsync(kind, DisclosureApi.Draft(kind, "Retried publish", content, _api.AfterNotice));
        var draftId = created.GetProperty("draftId").GetString()!;
        var path = $"/api/disclosures/{kind}/drafts/{draftId}/publish";
        var key = Guid.NewGuid().ToString();

        // The first attempt committed the version (with its event and the audit entry it owes) and died before answering.
        var operationId = IdempotentOperations.OperationId(
            IdempotentOperations.CallerScope("disclosure-publish", Operator), key, IdempotencyStore.HashRequest([], HttpMethods.Post, path));
        var first = await fixture.Services.GetRequiredService<DisclosurePublisher>().PublishAsync(kind, draftId, Operator, operationId);
        fixture.Clock.Advance(TimeSpan.FromSeconds(5));

        var retry = await fixture.Client.SendAsync(Post(path, key, body: null));
        var replay = await fixture.Client.SendAsync(Post(path, key, body: null));

        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        var answer = await DisclosureApi.ReadJsonAsync(retry);
        Assert.Equal(first.Version, answer.GetProperty("version").GetInt32());
        Assert.Equal(DisclosureApi.Sha256(content), answer.GetProperty("sha256").GetString());
        Assert.Equal(first.PublishedAt, answer.GetProperty("publishedAt").GetDateTimeOffset());
        Assert.Equal(first.Status, answer.GetProperty("status").GetString());
        Assert.Equal($"/api/public/disclosures/{kind}/versions/{first.Version}", retry.Headers.Location?.OriginalString);
        Assert.Single(await _api.VersionsAsync(kind), v => v.GetProperty("sha256").GetString() == DisclosureApi.Sha256(content));
        Assert.Equal(1, await AuditEntriesAsync($"disclosures/{kind}/versions/{first.Version}", DisclosureKind.PublishedAction));
        Assert.Equal("true", replay.Headers.GetValues(IdempotentPost.ReplayedHeader).Single());
        Assert.Equal(await retry.Content.ReadAsStringAsync(), await replay.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Conflict, (await fixture.Client.SendAsync(Post(path, Guid.NewGuid().ToString(), body: null))).StatusCode);
    }

    /// <summary>The staff caller the test's token stands for.</summary>
    private static Caller Operator { get; } = Caller.Staff("test-" + StaffRoles.Operator, [StaffRoles.Operator]);

    private IAuditLog Log => fixture.Services.GetRequiredService<IAuditLog>();

    private string Token => fixture.StaffToken(StaffRoles.Operator);

    private HttpRequestMessage Post(string path, string key, byte[]? body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path.TrimStart('/'));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        request.Headers.Add("Idempotency-Key", key);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        return request;
    }

    private async Task<List<JsonElement>> DraftsTitledAsync(string kind, string title)
    {
        var list = await DisclosureApi.ReadJsonAsync(await fixture.Client.SendAsync(_api.Staff(HttpMethod.Get, $"api/disclosures/{kind}/drafts")));
        return list.GetProperty("drafts").EnumerateArray().Where(d => d.GetProperty("title").GetString() == title).ToList();
    }

    private async Task<int> AuditEntriesAsync(string resource, string action)
        => (await Log.QueryAsync(new AuditQuery(null, null, resource, null, AuditLog.MaxPageSize))).Entries.Count(e => e.Action == action);
}
