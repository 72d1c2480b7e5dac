using System.Net;
using System.Text.Json;
using Governance.Core.Aggregates;
using Governance.Core.Json;
using Governance.Core.Onboarding.Declarations;
using Governance.Core.Onboarding.Requests;
using Governance.Core.Security;
using Governance.Functions.Tests.Claims;
using Governance.Functions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static Governance.Functions.Tests.Onboarding.OnboardingDriver;

namespace Governance.Functions.Tests.Onboarding;

/// <summary>Staff lists, overrides (approve registers the app, reject of an approved request suspends it), and what a message that keeps failing leaves.</summary>
[Collection(GovernanceHostCollection.Name)]
public sealed class OnboardingStaffTests(GovernanceHostFixture fixture)
{
    private readonly OnboardingDriver _driver = new(fixture);

    [Fact]
    public async Task Staff_list_requests_by_status_page_by_page_from_the_index()
    {
        var developer = await _driver.DeveloperAsync();
        var approved = await _driver.SubmitAcceptedAsync(developer.ApiKey, Manifest(name: "Listed app"), Utf8(CompleteEnglish));
        var changes = await _driver.SubmitAcceptedAsync(developer.ApiKey, Manifest(name: "Listed app 2"), Corpus("files/en-04-missing.md"), "c.md");
        await _driver.WaitForDecisionAsync(approved, developer.ApiKey);
        await _driver.WaitForDecisionAsync(changes, developer.ApiKey);

        await Eventually.HoldsAsync(async () => (await AllPagesAsync("approved")).Any(r => r.GetProperty("requestId").GetString() == approved), Patience, "the approved request in its list");
        var changesRequested = await AllPagesAsync("changes_requested");
        var listed = Assert.Single(changesRequested, r => r.GetProperty("requestId").GetString() == changes);
        Assert.Equal(developer.DeveloperId, listed.GetProperty("developerId").GetString());
        Assert.Equal("Listed app 2", listed.GetProperty("appName").GetString());
        Assert.Equal("changes_requested", listed.GetProperty("status").GetString());
        Assert.DoesNotContain(changesRequested, r => r.GetProperty("requestId").GetString() == approved);
        Assert.DoesNotContain(await AllPagesAsync("pending"), r => r.GetProperty("requestId").GetString() is var id && (id == approved || id == changes));
        var all = await AllPagesAsync(null);
        Assert.Contains(all, r => r.GetProperty("requestId").GetString() == approved);
        Assert.Contains(all, r => r.GetProperty("requestId").GetString() == changes);

        Assert.Equal(HttpStatusCode.BadRequest, (await _driver.GetAsStaffAsync("api/onboarding/requests?status=bogus", StaffRoles.Reviewer)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _driver.GetAsDeveloperAsync("api/onboarding/requests", developer.ApiKey)).Status);
    }

    [Fact]
    public async Task A_reviewer_approves_a_refused_request_which_registers_the_app_and_rejecting_it_later_suspends_the_app()
    {
        using var receiver = new CallbackReceiver();
        var developer = await _driver.DeveloperAsync(receiver.Url);
        var requestId = await _driver.SubmitAcceptedAsync(developer.ApiKey, Manifest(), Corpus("files/en-04-missing.md"), "c.md");
        Assert.Equal("changes_requested", (await _driver.WaitForDecisionAsync(requestId, developer.ApiKey)).GetProperty("status").GetString());
        var path = $"api/onboarding/requests/{requestId}/decision";

        Assert.Equal(HttpStatusCode.Forbidden, (await _driver.StaffPostAsync(path, StaffRoles.Auditor, new { decision = "approve", reason = "x" })).Status);
        var invalid = await _driver.StaffPostAsync(path, StaffRoles.Reviewer, new { decision = "maybe", reason = "" });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.Status);
        Assert.True(invalid.HasFieldError("decision") && invalid.HasFieldError("reason"), invalid.Text);
        Assert.Equal(HttpStatusCode.NotFound, (await _driver.StaffPostAsync($"api/onboarding/requests/onb_{new string('1', 24)}/decision", StaffRoles.Reviewer, new { decision = "approve", reason = "x" })).Status);

        var approved = await _driver.StaffPostAsync(path, StaffRoles.Reviewer, new { decision = "approve", reason = "Incident clause agreed in a side letter." });
        Assert.Equal(HttpStatusCode.OK, approved.Status);
        Assert.Equal("approved", approved.Json.GetProperty("status").GetString());
        Assert.Equal("Incident clause agreed in a side letter.", approved.Json.GetProperty("override").GetProperty("reason").GetString());
        Assert.Equal("changes_requested", approved.Json.GetProperty("override").GetProperty("previousStatus").GetString());
        var appId = approved.Json.GetProperty("appId").GetString()!;
        Assert.Equal("active", (await _driver.GetAsStaffAsync($"api/apps/{appId}", StaffRoles.Operator)).Json.GetProperty("status").GetString());
        var again = await _driver.StaffPostAsync(path, StaffRoles.Operator, new { decision = "approve", reason = "Once more." });
        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.Equal("Incident clause agreed in a side letter.", again.Json.GetProperty("override").GetProperty("reason").GetString());
        var callback = await _driver.VerifiedCallbackAsync(receiver, developer, "onboarding.decided",
            d => d.GetProperty("requestId").GetString() == requestId && d.GetProperty("decision").GetString() == "approved");
        Assert.Equal(appId, callback.GetProperty("appId").GetString());

        var rejected = await _driver.StaffPostAsync(path, StaffRoles.Operator, new { decision = "reject", reason = "The side letter was withdrawn." });
        Assert.Equal(HttpStatusCode.OK, rejected.Status);
        Assert.Equal("rejected", rejected.Json.GetProperty("status").GetString());
        await Eventually.HoldsAsync(async () => (await _driver.GetAsStaffAsync($"api/apps/{appId}", StaffRoles.Operator)).Json.GetProperty("status").GetString() == "suspended",
            Patience, "the app to be suspended");
        var suspended = await _driver.AppEventsAsync(appId);
        var suspension = Assert.Single(suspended, e => e.GetProperty("type").GetString() == "governance.app.suspended");
        Assert.Contains("The side letter was withdrawn.", suspension.GetProperty("data").GetProperty("reason").GetString(), StringComparison.Ordinal);

        var decisions = (await _driver.RecordedEventsAsync(requestId)).Where(e => e.GetProperty("type").GetString() == "governance.onboarding.decided")
            .Select(e => e.GetProperty("data").GetProperty("decision").GetString()).ToList();
        Assert.Equal(["changes_requested", "approved", "rejected"], decisions);
        var audit = await _driver.WaitForAuditAsync($"onboarding/{requestId}", a => a.Count(x => x == "onboarding.overridden") == 2);
        Assert.Equal(2, audit.Count(a => a == "onboarding.overridden"));
    }

    [Fact]
    public async Task A_request_still_being_checked_cannot_be_overridden()
    {
        var developer = await _driver.DeveloperAsync();
        var requestId = await StoreRequestAsync(developer, queued: false);

        var answer = await _driver.StaffPostAsync($"api/onboarding/requests/{requestId}/decision", StaffRoles.Reviewer, new { decision = "approve", reason = "Looks fine." });

        Assert.Equal(HttpStatusCode.Conflict, answer.Status);
        Assert.Equal("pending", (await _driver.GetAsDeveloperAsync($"api/onboarding/requests/{requestId}", developer.ApiKey)).Json.GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_check_message_that_keeps_failing_lands_in_the_poison_queue_and_its_request_shows_error_with_an_actionable_reason()
    {
        var developer = await _driver.DeveloperAsync();
        // The request names a contract that is not in storage (a lost blob): every attempt fails the same way.
        var requestId = await StoreRequestAsync(developer, queued: true);

        var view = await _driver.WaitForDecisionAsync(requestId, developer.ApiKey);

        Assert.Equal("error", view.GetProperty("status").GetString());
        var reason = view.GetProperty("error").GetString()!;
        Assert.Contains("poison queue", reason, StringComparison.Ordinal);
        Assert.Contains("is missing", reason, StringComparison.Ordinal);
        Assert.Contains("attempted 5 time(s)", reason, StringComparison.Ordinal);
        Assert.False(view.TryGetProperty("appId", out _));
        await _driver.WaitForAuditAsync($"onboarding/{requestId}", a => a.Contains("onboarding.failed"));

        // An operator can still decide it.
        var rejected = await _driver.StaffPostAsync($"api/onboarding/requests/{requestId}/decision", StaffRoles.Operator, new { decision = "reject", reason = "Contract lost; resubmit." });
        Assert.Equal(HttpStatusCode.OK, rejected.Status);
        Assert.Equal("rejected", rejected.Json.GetProperty("status").GetString());
    }

    private async Task<List<JsonElement>> AllPagesAsync(string? status)
    {
        var items = new List<JsonElement>();
        string? token = null;
        do
        {
            var query = $"api/onboarding/requests?pageSize=50{(status is null ? string.Empty : "&status=" + status)}{(token is null ? string.Empty : "&continuationToken=" + Uri.EscapeDataString(token))}";
            var page = await _driver.GetAsStaffAsync(query, StaffRoles.Auditor);
            Assert.Equal(HttpStatusCode.OK, page.Status);
            items.AddRange(page.Json.GetProperty("requests").EnumerateArray());
            token = page.Json.TryGetProperty("continuationToken", out var next) ? next.GetString() : null;
        }
        while (token is not null);

        return items;
    }

    /// <summary>
    /// A request stored as the intake stores one, but naming a contract blob that does not exist; without
    /// <paramref name="queued"/> its creation owes no queue message, so it stays pending.
    /// </summary>
    private async Task<string> StoreRequestAsync(TestDeveloper developer, bool queued)
    {
        var store = fixture.Services.GetRequiredService<AggregateStore<OnboardingRequest>>();
        var manifest = JsonSerializer.Deserialize<OnboardingManifest>(JsonSerializer.Serialize(Manifest()), GovernanceJson.Options)!;
        var requestId = OnboardingIds.RequestIdFor(Guid.NewGuid().ToString("N"));
        var contract = new StoredContract(new string('e', 64), "lost.txt", 1234, "text");
        var change = OnboardingRequest.Submit(requestId, developer.DeveloperId, manifest, contract, OnboardingIds.AppIdFor(requestId), null, "cn-2021-draft", fixture.Clock.GetUtcNow());
        await store.CreateAsync(requestId, queued ? change : change with { FollowUps = change.FollowUps.Where(f => f.Type != "queue").ToList() });
        return requestId;
    }
}
