using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Governance.Core.Apps;
using Governance.Core.Audit;
using Governance.Core.Disclosures;
using Governance.Core.Idempotency;
using Governance.Core.Security;
using Governance.Functions.Apps;
using Governance.Functions.Disclosures;
using Governance.Functions.Hosting;
using Governance.Functions.Http;
using Governance.Functions.Tests.Disclosures;
using Governance.Functions.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Governance.Functions.Tests.Kernel;

/// <summary>
/// Keyed staff writes that fail after their effect exists (the audit append fails once, or the answer is lost) are
/// retried with the same key through the host: the retry finds what the first attempt did, so there is one draft,
/// one app, one version, each audited exactly once. The failing attempt runs the real function class, with the host's
/// services except a failing audit log, on the same storage and idempotency store as the host.
/// </summary>
[Collection(GovernanceHostCollection.Name)]
public sealed class IdempotentRetryTests(GovernanceHostFixture fixture)
{
    private readonly DisclosureApi _api = new(fixture);

    [Fact]
    public async Task A_draft_create_whose_audit_append_failed_is_retried_with_its_key_into_one_draft_and_one_creation_entry()
    {
        const string kind = DisclosureKinds.PlatformRules;
        var title = "Retried draft " + Guid.NewGuid().ToString("N");
        var body = JsonSerializer.SerializeToUtf8Bytes(DisclosureApi.Draft(kind, title, "# Retried\n\nOnce.\n", _api.AfterNotice));
        var key = Guid.NewGuid().ToString();
        var path = $"/api/disclosures/{kind}/drafts";
        var audit = new FailOnceAuditLog(Log, DisclosureDraftService.CreatedAction);
        var drafts = ActivatorUtilities.CreateInstance<DisclosureDraftService>(fixture.Services, (IAuditLog)audit);
        var functions = ActivatorUtilities.CreateInstance<DisclosureDraftFunctions>(fixture.Services, drafts);

        var direct = await DirectPostAsync("CreateDisclosureDraft", path, key, body);
        await Assert.ThrowsAsync<SimulatedOutageException>(() => functions.Create(direct, kind, CancellationToken.None));
        Assert.Equal(1, audit.Failures);
        var written = Assert.Single(await DraftsTitledAsync(kind, title));

        WaitOutFailedAttempt();
        var retry = await fixture.Client.SendAsync(Post(path, key, body));
        var replay = await fixture.Client.SendAsync(Post(path, key, body));

        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.False(retry.Headers.Contains(IdempotentPost.ReplayedHeader));
        var draft = await DisclosureApi.ReadJsonAsync(retry);
        var draftId = draft.GetProperty("draftId").GetString()!;
        Assert.Equal(written.GetProperty("draftId").GetString(), draftId);
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
        var caller = Caller.Staff("test-" + StaffRoles.Operator, [StaffRoles.Operator]);
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
    public async Task A_publish_that_failed_after_its_commit_is_retried_with_its_key_and_answers_201_with_the_same_version()
    {
        const string kind = DisclosureKinds.PrivacyPolicy;
        var content = "# Privacy " + Guid.NewGuid().ToString("N") + "\n\nPublished once.\n";
        var created = await _api.CreateDraftAsync(kind, DisclosureApi.Draft(kind, "Retried publish", content, _api.AfterNotice));
        var draftId = created.GetProperty("draftId").GetString()!;
        var path = $"/api/disclosures/{kind}/drafts/{draftId}/publish";
        var key = Guid.NewGuid().ToString();
        var audit = new FailOnceAuditLog(Log, DisclosureAuditor.PublishedAction);
        var auditor = ActivatorUtilities.CreateInstance<DisclosureAuditor>(fixture.Services, (IAuditLog)audit);
        var publisher = ActivatorUtilities.CreateInstance<DisclosurePublisher>(fixture.Services, auditor);
        var functions = ActivatorUtilities.CreateInstance<DisclosureDraftFunctions>(fixture.Services, publisher);

        var direct = await DirectPostAsync("PublishDisclosureDraft", path, key, body: null);
        await Assert.ThrowsAsync<SimulatedOutageException>(() => functions.Publish(direct, kind, draftId, CancellationToken.None));
        Assert.Equal(1, audit.Failures);
        var committed = (await _api.VersionsAsync(kind)).Single(v => v.GetProperty("sha256").GetString() == DisclosureApi.Sha256(content));
        var number = committed.GetProperty("version").GetInt32();

        WaitOutFailedAttempt();
        var retry = await fixture.Client.SendAsync(Post(path, key, body: null));
        var replay = await fixture.Client.SendAsync(Post(path, key, body: null));

        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        var answer = await DisclosureApi.ReadJsonAsync(retry);
        Assert.Equal(number, answer.GetProperty("version").GetInt32());
        Assert.Equal(DisclosureApi.Sha256(content), answer.GetProperty("sha256").GetString());
        Assert.Equal(committed.GetProperty("publishedAt").GetDateTimeOffset(), answer.GetProperty("publishedAt").GetDateTimeOffset());
        Assert.Equal($"/api/public/disclosures/{kind}/versions/{number}", retry.Headers.Location?.OriginalString);
        Assert.Single(await _api.VersionsAsync(kind), v => v.GetProperty("sha256").GetString() == DisclosureApi.Sha256(content));
        Assert.Equal(1, await AuditEntriesAsync($"disclosures/{kind}/versions/{number}", DisclosureAuditor.PublishedAction));
        Assert.Equal("true", replay.Headers.GetValues(IdempotentPost.ReplayedHeader).Single());
        Assert.Equal(await retry.Content.ReadAsStringAsync(), await replay.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Conflict, (await fixture.Client.SendAsync(Post(path, Guid.NewGuid().ToString(), body: null))).StatusCode);
    }

    private IAuditLog Log => fixture.Services.GetRequiredService<IAuditLog>();

    private string Token => fixture.StaffToken(StaffRoles.Operator);

    /// <summary>After an unexpected failure the key is held briefly (a concurrent duplicate gets a 409); then a retry takes it over.</summary>
    private void WaitOutFailedAttempt()
        => fixture.Clock.Advance(TimeSpan.FromSeconds(fixture.Services.GetRequiredService<IOptions<IdempotencyOptions>>().Value.FailedRetryAfterSeconds + 1));

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

    /// <summary>The same request as <see cref="Post"/>, admitted by the access gate as the host does, for calling a function class directly.</summary>
    private async Task<HttpRequest> DirectPostAsync(string functionName, string path, string key, byte[]? body)
    {
        var request = new DefaultHttpContext { RequestServices = fixture.Services }.Request;
        request.Method = HttpMethods.Post;
        request.Scheme = "http";
        request.Host = new HostString("localhost");
        request.Path = path;
        request.Headers.Authorization = "Bearer " + Token;
        request.Headers["Idempotency-Key"] = key;
        if (body is not null)
        {
            request.ContentType = "application/json";
            request.ContentLength = body.Length;
            request.Body = new MemoryStream(body);
        }

        var function = FunctionCatalog.Discover(typeof(FunctionCatalog).Assembly).Single(f => f.Name == functionName);
        await fixture.Services.GetRequiredService<AccessGate>().AdmitAsync(request, function);
        return request;
    }

    private async Task<List<JsonElement>> DraftsTitledAsync(string kind, string title)
    {
        var list = await DisclosureApi.ReadJsonAsync(await fixture.Client.SendAsync(_api.Staff(HttpMethod.Get, $"api/disclosures/{kind}/drafts")));
        return list.GetProperty("drafts").EnumerateArray().Where(d => d.GetProperty("title").GetString() == title).ToList();
    }

    private async Task<int> AuditEntriesAsync(string resource, string action)
        => (await Log.QueryAsync(new AuditQuery(null, null, resource, null, AuditLog.MaxPageSize))).Entries.Count(e => e.Action == action);

    private sealed class SimulatedOutageException() : Exception("Simulated audit log outage.");

    /// <summary>The host's audit log, except that the first append of <paramref name="action"/> fails.</summary>
    private sealed class FailOnceAuditLog(IAuditLog inner, string action) : IAuditLog
    {
        private int _failures;

        public int Failures => _failures;

        public Task<AuditEntry> AppendAsync(AuditRecord record, CancellationToken cancellationToken = default)
            => record.Action == action && Interlocked.CompareExchange(ref _failures, 1, 0) == 0
                ? throw new SimulatedOutageException()
                : inner.AppendAsync(record, cancellationToken);

        public Task<AuditPage> QueryAsync(AuditQuery query, CancellationToken cancellationToken = default) => inner.QueryAsync(query, cancellationToken);

        public Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken = default) => inner.VerifyAsync(cancellationToken);

        public Task<AuditHead> GetHeadAsync(CancellationToken cancellationToken = default) => inner.GetHeadAsync(cancellationToken);
    }
}
