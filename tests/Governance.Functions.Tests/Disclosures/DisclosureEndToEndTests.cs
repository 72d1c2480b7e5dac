using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs.Models;
using Governance.Core.Audit;
using Governance.Core.Platform;
using Governance.Core.Security;
using Governance.Core.Storage;
using Governance.Functions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Functions.Tests.Disclosures;

/// <summary>
/// Disclosures through the local host on Azurite. Tests of one collection run one after another, but kinds are
/// shared with every other disclosure test, so each test compares only against versions it created itself.
/// </summary>
[Collection(GovernanceHostCollection.Name)]
public sealed class DisclosureEndToEndTests(GovernanceHostFixture fixture)
{
    private readonly DisclosureApi _api = new(fixture);

    private HttpClient Client => fixture.Client;

    [Fact]
    public async Task A_draft_is_published_and_read_publicly_with_the_sha256_of_its_content()
    {
        const string kind = "privacy-policy";
        var content = $"# Privacy policy\n\nWe keep your data for 30 days. Marker {Guid.NewGuid():N}.\n\n- access\n- deletion\n";
        var draft = await _api.CreateDraftAsync(kind, DisclosureApi.Draft(kind, "Privacy policy 2026", content, _api.AfterNotice));
        Assert.Equal("draft", draft.GetProperty("status").GetString());
        Assert.Equal(content, draft.GetProperty("content").GetString());
        var draftId = draft.GetProperty("draftId").GetString()!;

        var staffRead = await Client.SendAsync(_api.Staff(HttpMethod.Get, $"api/disclosures/{kind}/drafts/{draftId}", role: StaffRoles.Auditor));
        Assert.Equal(HttpStatusCode.OK, staffRead.StatusCode);
        var listed = await DisclosureApi.ReadJsonAsync(await Client.SendAsync(_api.Staff(HttpMethod.Get, $"api/disclosures/{kind}/drafts")));
        Assert.Contains(listed.GetProperty("drafts").EnumerateArray(), d => d.GetProperty("draftId").GetString() == draftId);

        var response = await _api.PublishAsync(kind, draftId);
        var published = await DisclosureApi.ReadJsonAsync(response);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var version = published.GetProperty("version").GetInt32();
        Assert.Equal(kind, published.GetProperty("kind").GetString());
        Assert.Equal(DisclosureApi.Sha256(content), published.GetProperty("sha256").GetString());
        Assert.Equal("scheduled", published.GetProperty("status").GetString());
        Assert.True(published.GetProperty("effectiveFrom").GetDateTimeOffset() >= published.GetProperty("publishedAt").GetDateTimeOffset().AddDays(7));

        var byNumber = await DisclosureApi.ReadJsonAsync(await Client.GetAsync($"api/public/disclosures/{kind}/versions/{version}"));
        Assert.Equal(content, byNumber.GetProperty("content").GetString());
        Assert.Equal(DisclosureApi.Sha256(byNumber.GetProperty("content").GetString()!), byNumber.GetProperty("sha256").GetString());
        Assert.Equal("Privacy policy 2026", byNumber.GetProperty("title").GetString());
        foreach (var field in new[] { "formulationProcedure", "adjudicationProcedure", "changeSummary", "publishedAt", "effectiveFrom" })
        {
            Assert.True(byNumber.TryGetProperty(field, out _), $"missing {field}");
        }

        fixture.Clock.Advance(published.GetProperty("effectiveFrom").GetDateTimeOffset() - _api.Now + TimeSpan.FromMinutes(1));
        var current = await Client.GetAsync($"api/public/disclosures/{kind}");
        var currentJson = await DisclosureApi.ReadJsonAsync(current);
        Assert.Equal(HttpStatusCode.OK, current.StatusCode);
        Assert.Equal(version, currentJson.GetProperty("version").GetInt32());
        Assert.Equal(DisclosureApi.Sha256(content), currentJson.GetProperty("sha256").GetString());
        Assert.Equal(content, currentJson.GetProperty("content").GetString());
        Assert.Equal($"\"{DisclosureApi.Sha256(content)}\"", current.Headers.ETag?.Tag);

        var draftAfter = await DisclosureApi.ReadJsonAsync(await Client.SendAsync(_api.Staff(HttpMethod.Get, $"api/disclosures/{kind}/drafts/{draftId}")));
        Assert.Equal("published", draftAfter.GetProperty("status").GetString());
        Assert.Equal(version, draftAfter.GetProperty("publishedVersion").GetInt32());

        var audit = fixture.Services.GetRequiredService<IAuditLog>();
        var entries = (await audit.QueryAsync(new AuditQuery(null, null, $"disclosures/{kind}/versions/{version}", null))).Entries;
        Assert.Contains(entries, e => e.Action == "disclosure.published" && e.Details["sha256"] == DisclosureApi.Sha256(content));
        var draftEntries = (await audit.QueryAsync(new AuditQuery(null, null, $"disclosures/{kind}/drafts/{draftId}", null))).Entries;
        Assert.Contains(draftEntries, e => e.Action == "disclosure.draft.created" && e.Actor.Role == StaffRoles.Operator);
    }

    [Fact]
    public async Task The_notice_period_gate_rejects_an_early_effective_date_and_accepts_seven_days()
    {
        const string kind = "platform-rules";
        await _api.EnsureCurrentAsync(kind);
        var body = DisclosureApi.Draft(kind, "Rules with short notice", "# Rules\n\nShort notice.\n", _api.Now.AddDays(1));
        var draftId = (await _api.CreateDraftAsync(kind, body)).GetProperty("draftId").GetString()!;

        var rejected = await _api.PublishAsync(kind, draftId);
        var problem = await DisclosureApi.ReadJsonAsync(rejected);
        Assert.Equal((HttpStatusCode)422, rejected.StatusCode);
        Assert.Equal("application/problem+json", rejected.Content.Headers.ContentType?.MediaType);
        var errors = problem.GetProperty("errors");
        Assert.Equal(["noticePeriod"], errors.EnumerateObject().Select(e => e.Name).ToArray());
        var message = errors.GetProperty("noticePeriod")[0].GetString()!;
        Assert.Contains("disclosure.notice-period", message, StringComparison.Ordinal);
        Assert.Contains("E-Commerce Law of the PRC, Art. 34", message, StringComparison.Ordinal);
        Assert.Contains("7 days", message, StringComparison.Ordinal);

        body["effectiveFrom"] = _api.AfterNotice.ToString("O");
        var put = await Client.SendAsync(_api.Staff(HttpMethod.Put, $"api/disclosures/{kind}/drafts/{draftId}", body));
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var accepted = await _api.PublishAsync(kind, draftId);
        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
        Assert.Equal("scheduled", (await DisclosureApi.ReadJsonAsync(accepted)).GetProperty("status").GetString());
    }

    private static readonly Caller E2eOperator = Caller.Staff("e2e", [StaffRoles.Operator]);

    [Fact]
    public async Task A_large_platform_needs_an_assessment_and_filing_and_every_unmet_gate_is_listed()
    {
        const string kind = "algorithm-strategy";
        await _api.EnsureCurrentAsync(kind);
        var platform = fixture.Services.GetRequiredService<PlatformProfileService>();
        var before = (await platform.GetAsync()).Size;
        await platform.PutAsync(new PlatformSize(150_000_000, 300_000_000, 500_000_000), E2eOperator);
        try
        {
            var body = DisclosureApi.Draft(kind, "Ranking with big impact", "# Ranking\n\nNew ranking.\n", _api.Now.AddDays(2), significantImpact: true);
            body["algorithm"] = DisclosureApi.Algorithm(parameters: [], optOut: false);
            var draftId = (await _api.CreateDraftAsync(kind, body)).GetProperty("draftId").GetString()!;

            var rejected = await _api.PublishAsync(kind, draftId);
            Assert.Equal((HttpStatusCode)422, rejected.StatusCode);
            var errors = (await DisclosureApi.ReadJsonAsync(rejected)).GetProperty("errors");
            Assert.Equal(["algorithmTransparency", "largePlatform", "noticePeriod"], errors.EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal).ToArray());
            var large = errors.GetProperty("largePlatform").EnumerateArray().Select(e => e.GetString()!).ToArray();
            Assert.Equal(2, large.Length);
            Assert.Contains(large, m => m.Contains("assessment", StringComparison.Ordinal));
            Assert.Contains(large, m => m.Contains("filing", StringComparison.Ordinal));
            Assert.All(large, m => Assert.Contains("disclosure.large-platform-assessment", m, StringComparison.Ordinal));
            Assert.All(large, m => Assert.Contains("Network Data Security Management Regulations", m, StringComparison.Ordinal));
            Assert.Contains(large, m => m.Contains("150,000,000 daily active users", StringComparison.Ordinal));
            var algorithm = errors.GetProperty("algorithmTransparency").EnumerateArray().Select(e => e.GetString()!).ToArray();
            Assert.Equal(2, algorithm.Length);
            Assert.All(algorithm, m => Assert.Contains("disclosure.algorithm-transparency", m, StringComparison.Ordinal));

            // A failed assessment is still unmet; the rest now passes.
            body["effectiveFrom"] = _api.AfterNotice.ToString("O");
            body["algorithm"] = DisclosureApi.Algorithm(parameters: [new { name = "clicks", description = "Recent clicks on similar items." }], optOut: true);
            body["assessment"] = new { agency = "Trusted Assessors Ltd", reportReference = "TA-2026-17", conclusion = "fail", reportSha256 = new string('a', 64) };
            body["filing"] = new { authority = "Provincial cyberspace authority", reference = "CAC-2026-0042", acceptedAt = _api.Now.AddDays(-1).ToString("O") };
            Assert.Equal(HttpStatusCode.OK, (await Client.SendAsync(_api.Staff(HttpMethod.Put, $"api/disclosures/{kind}/drafts/{draftId}", body))).StatusCode);
            var stillRejected = await _api.PublishAsync(kind, draftId);
            Assert.Equal((HttpStatusCode)422, stillRejected.StatusCode);
            var remaining = (await DisclosureApi.ReadJsonAsync(stillRejected)).GetProperty("errors");
            Assert.Equal(["largePlatform"], remaining.EnumerateObject().Select(e => e.Name).ToArray());
            Assert.Contains("'fail'", remaining.GetProperty("largePlatform")[0].GetString()!, StringComparison.Ordinal);

            body["assessment"] = new { agency = "Trusted Assessors Ltd", reportReference = "TA-2026-18", conclusion = "pass", reportSha256 = new string('b', 64) };
            Assert.Equal(HttpStatusCode.OK, (await Client.SendAsync(_api.Staff(HttpMethod.Put, $"api/disclosures/{kind}/drafts/{draftId}", body))).StatusCode);
            var accepted = await _api.PublishAsync(kind, draftId);
            Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
        }
        finally
        {
            await platform.PutAsync(before, E2eOperator);
        }
    }

    [Fact]
    public async Task A_scheduled_version_becomes_current_at_its_time_and_the_timer_records_it_once()
    {
        const string kind = "platform-rules";
        await _api.EnsureCurrentAsync(kind);
        var before = await DisclosureApi.ReadJsonAsync(await Client.GetAsync($"api/public/disclosures/{kind}"));
        var scheduled = await _api.PublishNewAsync(kind, $"# Rules\n\nScheduled text {Guid.NewGuid():N}.\n", _api.AfterNotice, "Scheduled rules");
        var version = scheduled.GetProperty("version").GetInt32();
        Assert.Equal("scheduled", scheduled.GetProperty("status").GetString());

        var stillOld = await DisclosureApi.ReadJsonAsync(await Client.GetAsync($"api/public/disclosures/{kind}"));
        Assert.Equal(before.GetProperty("version").GetInt32(), stillOld.GetProperty("version").GetInt32());
        var index = await DisclosureApi.ReadJsonAsync(await Client.GetAsync("api/public/disclosures"));
        var entry = index.GetProperty("disclosures").EnumerateArray().Single(e => e.GetProperty("kind").GetString() == kind);
        Assert.Equal(before.GetProperty("version").GetInt32(), entry.GetProperty("version").GetInt32());
        Assert.Equal(version, entry.GetProperty("next").GetProperty("version").GetInt32());
        Assert.Equal("Scheduled rules", entry.GetProperty("next").GetProperty("title").GetString());

        fixture.Clock.Advance(scheduled.GetProperty("effectiveFrom").GetDateTimeOffset() - _api.Now + TimeSpan.FromSeconds(1));

        var now = await DisclosureApi.ReadJsonAsync(await Client.GetAsync($"api/public/disclosures/{kind}"));
        Assert.Equal(version, now.GetProperty("version").GetInt32());
        Assert.Equal("effective", now.GetProperty("status").GetString());

        Assert.Equal(HttpStatusCode.Accepted, (await Client.PostAsync("admin/functions/ActivateDisclosures", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await Client.PostAsync("admin/functions/ActivateDisclosures", null)).StatusCode);
        var row = (await fixture.Tables.GetTableClient(TableNames.Disclosures).GetEntityAsync<TableEntity>(kind, $"version|{version:D10}")).Value;
        Assert.Equal("effective", row.GetString("Status"));
        Assert.NotNull(row.GetDateTimeOffset("ActivatedAt"));
        var entries = (await fixture.Services.GetRequiredService<IAuditLog>().QueryAsync(new AuditQuery(null, null, $"disclosures/{kind}/versions/{version}", null))).Entries;
        Assert.Single(entries, e => e.Action == "disclosure.effective");
    }

    [Fact]
    public async Task The_diff_between_two_versions_is_json_hunks_or_unified_text()
    {
        const string kind = "privacy-policy";
        var marker = Guid.NewGuid().ToString("N")[..8];
        var oldText = $"# Policy {marker}\n\nLine one.\nWe keep data for 30 days.\nLine three.\n";
        var newText = $"# Policy {marker}\n\nLine one.\nWe keep data for 14 days.\nLine three.\nA new closing line.\n";
        var from = (await _api.PublishNewAsync(kind, oldText, _api.AfterNotice)).GetProperty("version").GetInt32();
        var to = (await _api.PublishNewAsync(kind, newText, _api.AfterNotice)).GetProperty("version").GetInt32();

        var json = await DisclosureApi.ReadJsonAsync(await Client.GetAsync($"api/public/disclosures/{kind}/diff?from={from}&to={to}"));
        Assert.Equal(from, json.GetProperty("from").GetInt32());
        Assert.Equal(to, json.GetProperty("to").GetInt32());
        Assert.Equal(DisclosureApi.Sha256(oldText), json.GetProperty("fromSha256").GetString());
        var lines = json.GetProperty("hunks").EnumerateArray().SelectMany(h => h.GetProperty("lines").EnumerateArray())
            .Select(l => (Type: l.GetProperty("type").GetString(), Text: l.GetProperty("text").GetString())).ToArray();
        Assert.Contains(("deleted", "We keep data for 30 days."), lines);
        Assert.Contains(("inserted", "We keep data for 14 days."), lines);
        Assert.Contains(("inserted", "A new closing line."), lines);
        Assert.DoesNotContain(lines, l => l.Type != "context" && l.Text == "Line one.");

        var request = new HttpRequestMessage(HttpMethod.Get, $"api/public/disclosures/{kind}/diff?from={from}&to={to}");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/plain"));
        var textResponse = await Client.SendAsync(request);
        Assert.Equal("text/plain", textResponse.Content.Headers.ContentType?.MediaType);
        var text = await textResponse.Content.ReadAsStringAsync();
        Assert.Contains($"--- {kind} version {from}", text, StringComparison.Ordinal);
        Assert.Contains("\n-We keep data for 30 days.\n+We keep data for 14 days.\n", text, StringComparison.Ordinal);
        Assert.Contains("\n+A new closing line.\n", text, StringComparison.Ordinal);
        Assert.Matches(@"\n@@ -\d+,\d+ \+\d+,\d+ @@\n", text);

        Assert.Equal(HttpStatusCode.BadRequest, (await Client.GetAsync($"api/public/disclosures/{kind}/diff?from={from}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync($"api/public/disclosures/{kind}/diff?from={from}&to=999999")).StatusCode);
    }

    [Fact]
    public async Task Public_reads_are_cacheable_and_answer_304_to_a_matching_etag()
    {
        const string kind = "privacy-policy";
        var content = $"# Cached\n\n{Guid.NewGuid():N}\n";
        var version = (await _api.PublishNewAsync(kind, content, _api.AfterNotice)).GetProperty("version").GetInt32();

        foreach (var path in new[] { $"api/public/disclosures/{kind}/versions/{version}", $"api/public/disclosures/{kind}/versions", "api/public/disclosures", "api/public/disclosures/feed" })
        {
            var first = await Client.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            var etag = first.Headers.ETag;
            Assert.NotNull(etag);
            Assert.Matches("^\"[0-9a-f]{64}\"$", etag.Tag);
            Assert.True(first.Headers.CacheControl?.Public, path);
            Assert.NotNull(first.Headers.CacheControl?.MaxAge);

            var conditional = new HttpRequestMessage(HttpMethod.Get, path);
            conditional.Headers.IfNoneMatch.Add(etag);
            var second = await Client.SendAsync(conditional);
            Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
            Assert.Empty(await second.Content.ReadAsByteArrayAsync());
            Assert.Equal(etag.Tag, second.Headers.ETag?.Tag);

            var stale = new HttpRequestMessage(HttpMethod.Get, path);
            stale.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"" + new string('0', 64) + "\""));
            Assert.Equal(HttpStatusCode.OK, (await Client.SendAsync(stale)).StatusCode);
        }

        var versionResponse = await Client.GetAsync($"api/public/disclosures/{kind}/versions/{version}");
        Assert.Equal($"\"{DisclosureApi.Sha256(content)}\"", versionResponse.Headers.ETag?.Tag);
    }

    [Fact]
    public async Task A_published_version_can_never_be_changed()
    {
        const string kind = "platform-rules";
        var content = $"# Immutable\n\nOriginal text {Guid.NewGuid():N}.\n";
        var body = DisclosureApi.Draft(kind, "Immutable rules", content, _api.AfterNotice);
        var draftId = (await _api.CreateDraftAsync(kind, body)).GetProperty("draftId").GetString()!;
        var published = await DisclosureApi.ReadJsonAsync(await _api.PublishAsync(kind, draftId));
        var version = published.GetProperty("version").GetInt32();
        var sha256 = published.GetProperty("sha256").GetString()!;

        Assert.Equal(HttpStatusCode.Conflict, (await _api.PublishAsync(kind, draftId)).StatusCode);
        body["content"] = "# Rewritten\n";
        Assert.Equal(HttpStatusCode.Conflict, (await Client.SendAsync(_api.Staff(HttpMethod.Put, $"api/disclosures/{kind}/drafts/{draftId}", body))).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await Client.SendAsync(_api.Staff(HttpMethod.Delete, $"api/disclosures/{kind}/drafts/{draftId}"))).StatusCode);
        foreach (var method in new[] { HttpMethod.Put, HttpMethod.Delete, HttpMethod.Patch, HttpMethod.Post })
        {
            var attempt = await Client.SendAsync(_api.Staff(method, $"api/public/disclosures/{kind}/versions/{version}", new { content = "# Rewritten\n" }));
            Assert.Equal(HttpStatusCode.MethodNotAllowed, attempt.StatusCode);
        }

        // Directly on storage: the content-addressed blob refuses an overwrite.
        var blob = fixture.Blobs.GetBlobContainerClient(ContainerNames.Disclosures).GetBlobClient($"sha256/{sha256}.md");
        var overwrite = await Assert.ThrowsAsync<RequestFailedException>(() => blob.UploadAsync(
            BinaryData.FromString("# Tampered\n"),
            new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } }));
        Assert.True(overwrite.Status is 409 or 412, $"overwrite answered {overwrite.Status}");

        var read = await DisclosureApi.ReadJsonAsync(await Client.GetAsync($"api/public/disclosures/{kind}/versions/{version}"));
        Assert.Equal(content, read.GetProperty("content").GetString());
        Assert.Equal(sha256, read.GetProperty("sha256").GetString());
        Assert.Equal("Immutable rules", read.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Concurrent_publishes_take_distinct_consecutive_versions_and_a_draft_publishes_once()
    {
        const string kind = "privacy-policy";
        var drafts = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            drafts.Add((await _api.CreateDraftAsync(kind, DisclosureApi.Draft(kind, $"Concurrent {i}", $"# Concurrent {i}\n\n{Guid.NewGuid():N}\n", _api.AfterNotice))).GetProperty("draftId").GetString()!);
        }

        var results = await Task.WhenAll(drafts.Select(d => _api.PublishAsync(kind, d)));
        Assert.All(results, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var versions = (await Task.WhenAll(results.Select(DisclosureApi.ReadJsonAsync))).Select(j => j.GetProperty("version").GetInt32()).Order().ToArray();
        Assert.Equal(Enumerable.Range(versions[0], versions.Length).ToArray(), versions);

        var once = (await _api.CreateDraftAsync(kind, DisclosureApi.Draft(kind, "Once", $"# Once\n\n{Guid.NewGuid():N}\n", _api.AfterNotice))).GetProperty("draftId").GetString()!;
        var attempts = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => _api.PublishAsync(kind, once)));
        Assert.Single(attempts, a => a.StatusCode == HttpStatusCode.Created);
        Assert.All(attempts.Where(a => a.StatusCode != HttpStatusCode.Created), a => Assert.Equal(HttpStatusCode.Conflict, a.StatusCode));
    }

    [Fact]
    public async Task Staff_endpoints_answer_401_without_a_token_and_403_without_the_role()
    {
        const string kind = "platform-rules";
        var body = DisclosureApi.Draft(kind, "Auth", "# Auth\n", _api.AfterNotice);

        var anonymous = await Client.PostAsync($"api/disclosures/{kind}/drafts", JsonContentOf(body));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.NotEmpty(anonymous.Headers.WwwAuthenticate);
        Assert.Equal("application/problem+json", anonymous.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Client.GetAsync($"api/disclosures/{kind}/drafts")).StatusCode);

        var invalid = new HttpRequestMessage(HttpMethod.Get, $"api/disclosures/{kind}/drafts");
        invalid.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "not-a-token");
        Assert.Equal(HttpStatusCode.Unauthorized, (await Client.SendAsync(invalid)).StatusCode);

        Assert.Equal(HttpStatusCode.Forbidden, (await Client.SendAsync(_api.Staff(HttpMethod.Post, $"api/disclosures/{kind}/drafts", body, StaffRoles.Auditor))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Client.SendAsync(_api.Staff(HttpMethod.Get, $"api/disclosures/{kind}/drafts", role: StaffRoles.Reviewer))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Client.SendAsync(_api.Staff(HttpMethod.Get, $"api/disclosures/{kind}/drafts", role: StaffRoles.Auditor))).StatusCode);

        var draftId = (await _api.CreateDraftAsync(kind, body)).GetProperty("draftId").GetString()!;
        Assert.Equal(HttpStatusCode.Forbidden, (await Client.SendAsync(_api.Staff(HttpMethod.Post, $"api/disclosures/{kind}/drafts/{draftId}/publish", role: StaffRoles.Auditor))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Client.SendAsync(_api.Staff(HttpMethod.Delete, $"api/disclosures/{kind}/drafts/{draftId}", role: StaffRoles.Auditor))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Client.PostAsync($"api/disclosures/{kind}/drafts/{draftId}/publish", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await Client.SendAsync(_api.Staff(HttpMethod.Delete, $"api/disclosures/{kind}/drafts/{draftId}"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Client.SendAsync(_api.Staff(HttpMethod.Get, $"api/disclosures/{kind}/drafts/{draftId}"))).StatusCode);
    }

    [Fact]
    public async Task Bad_drafts_are_400_with_every_field_and_unknown_kinds_are_404()
    {
        var response = await Client.SendAsync(_api.Staff(HttpMethod.Post, "api/disclosures/algorithm-strategy/drafts", new { title = " ", effectiveFrom = "next tuesday", assessment = new { conclusion = "maybe" } }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await DisclosureApi.ReadJsonAsync(response)).GetProperty("errors");
        foreach (var field in new[] { "title", "content", "formulationProcedure", "adjudicationProcedure", "changeSummary", "effectiveFrom", "significantImpact", "algorithm", "assessment.conclusion", "assessment.agency", "assessment.reportSha256" })
        {
            Assert.True(errors.TryGetProperty(field, out _), $"no error for {field}: {errors}");
        }

        var tooBig = DisclosureApi.Draft("platform-rules", "Too big", new string('x', 1024 * 1024 + 1), _api.AfterNotice);
        var big = await Client.SendAsync(_api.Staff(HttpMethod.Post, "api/disclosures/platform-rules/drafts", tooBig));
        Assert.Equal(HttpStatusCode.BadRequest, big.StatusCode);
        Assert.True((await DisclosureApi.ReadJsonAsync(big)).GetProperty("errors").TryGetProperty("content", out _));

        Assert.Equal(HttpStatusCode.NotFound, (await Client.SendAsync(_api.Staff(HttpMethod.Post, "api/disclosures/cookie-policy/drafts", DisclosureApi.Draft("x", "t", "c", _api.AfterNotice)))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync("api/public/disclosures/cookie-policy")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync("api/public/disclosures/cookie-policy/versions")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync("api/public/disclosures/privacy-policy/versions/0")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Client.SendAsync(_api.Staff(HttpMethod.Get, "api/disclosures/privacy-policy/drafts/..%2F..%2Fsecret"))).StatusCode);
    }

    [Fact]
    public async Task The_atom_feed_lists_published_versions()
    {
        const string kind = "privacy-policy";
        var title = "Feed entry " + Guid.NewGuid().ToString("N")[..8];
        var published = await _api.PublishNewAsync(kind, "# Feed\n\nText.\n", _api.AfterNotice, title);
        var response = await Client.GetAsync("api/public/disclosures/feed");
        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType?.MediaType);
        var feed = XDocument.Parse(await response.Content.ReadAsStringAsync());
        XNamespace atom = "http://www.w3.org/2005/Atom";
        var entry = feed.Root!.Elements(atom + "entry").Single(e => e.Element(atom + "title")!.Value.EndsWith(title, StringComparison.Ordinal));
        var link = entry.Elements(atom + "link").First(l => (string?)l.Attribute("rel") is null or "alternate").Attribute("href")!.Value;
        Assert.EndsWith($"/api/public/disclosures/{kind}/versions/{published.GetProperty("version").GetInt32()}", link, StringComparison.Ordinal);
        Assert.Contains(published.GetProperty("sha256").GetString()!, entry.Element(atom + "summary")!.Value, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync(new Uri(link).PathAndQuery.TrimStart('/'))).StatusCode);
    }

    [Fact]
    public async Task The_feed_is_served_even_when_a_host_routes_it_to_the_kind_function()
    {
        var context = new Microsoft.AspNetCore.Http.DefaultHttpContext();
        context.Request.Scheme = "https";
        context.Request.Host = new Microsoft.AspNetCore.Http.HostString("gov.example");
        context.Request.Path = "/api/public/disclosures/feed";
        var functions = new Governance.Functions.Disclosures.PublicDisclosureFunctions(
            fixture.Services.GetRequiredService<Governance.Core.Disclosures.DisclosureReader>(),
            fixture.Services.GetRequiredService<Governance.Core.Localization.Localizer>());

        var result = Assert.IsType<Microsoft.AspNetCore.Mvc.FileContentResult>(await functions.Current(context.Request, "feed", CancellationToken.None));

        Assert.Equal("application/atom+xml; charset=utf-8", result.ContentType);
        Assert.Contains("<id>https://gov.example/api/public/disclosures/feed</id>", Encoding.UTF8.GetString(result.FileContents), StringComparison.Ordinal);
    }

    private static StringContent JsonContentOf(object body)
        => new(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
}
