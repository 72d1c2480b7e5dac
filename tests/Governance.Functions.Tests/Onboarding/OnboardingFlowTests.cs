using System.Net;
using System.Text.Json;
using Governance.Core.Security;
using Governance.Core.Timeline;
using Governance.Functions.Tests.Claims;
using Governance.Functions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Functions.Tests.Onboarding;

/// <summary>Submit → queue → decision → signed callback, end to end through the local host; approval makes the app usable by claims at once.</summary>
[Collection(GovernanceHostCollection.Name)]
public sealed class OnboardingFlowTests(GovernanceHostFixture fixture)
{
    private static readonly string[] TenRules =
        ["responsibility", "scope", "security_measures", "incident_notification", "onward_transfer", "cross_border", "return_deletion", "audit", "liability_recourse", "record_keeping"];

    private readonly OnboardingDriver _driver = new(fixture);
    private readonly ClaimsDriver _claims = new(fixture);

    [Fact]
    public async Task A_complete_contract_is_approved_by_the_queued_check_the_developer_gets_a_signed_decision_and_claims_work_for_the_app_at_once()
    {
        using var receiver = new CallbackReceiver();
        var developer = await _driver.DeveloperAsync(receiver.Url);
        var stranger = await _driver.DeveloperAsync(organization: "Stranger Ltd");

        var submitted = await _driver.SubmitAsync(developer.ApiKey, OnboardingDriver.Form(OnboardingDriver.Manifest(), OnboardingDriver.Utf8(OnboardingDriver.CompleteEnglish)));
        Assert.Equal(HttpStatusCode.Accepted, submitted.Status);
        var requestId = submitted.Json.GetProperty("requestId").GetString()!;
        Assert.Matches("^onb_[0-9a-f]{24}$", requestId);
        Assert.Equal("pending", submitted.Json.GetProperty("status").GetString());
        var statusUrl = new Uri(submitted.Json.GetProperty("statusUrl").GetString()!);
        Assert.True(statusUrl.IsAbsoluteUri);
        Assert.Equal($"/api/onboarding/requests/{requestId}", statusUrl.AbsolutePath);

        var view = await _driver.WaitForDecisionAsync(requestId, developer.ApiKey);
        Assert.Equal("approved", view.GetProperty("status").GetString());
        Assert.Equal("approved", view.GetProperty("decision").GetString());
        Assert.Equal("cn-2021-draft", view.GetProperty("profile").GetString());
        Assert.False(view.TryGetProperty("previousRequestId", out _));
        var appId = view.GetProperty("appId").GetString()!;
        var findings = OnboardingDriver.FindingsByRule(view);
        Assert.Equal(TenRules.Order(), findings.Keys.Order());
        foreach (var finding in findings.Values)
        {
            Assert.Equal("satisfied", finding.GetProperty("status").GetString());
            Assert.Contains(finding.GetProperty("severity").GetString(), new[] { "blocking", "major" });
            Assert.False(string.IsNullOrEmpty(finding.GetProperty("title").GetProperty("en").GetString()));
            Assert.False(string.IsNullOrEmpty(finding.GetProperty("title").GetProperty("zh").GetString()));
            Assert.False(string.IsNullOrEmpty(finding.GetProperty("legalBasis").GetString()));
            Assert.False(string.IsNullOrEmpty(finding.GetProperty("message").GetProperty("en").GetString()));
            var evidence = finding.GetProperty("evidence");
            Assert.False(string.IsNullOrEmpty(evidence.GetProperty("quote").GetString()));
            Assert.True(evidence.GetProperty("location").GetProperty("paragraph").GetInt32() >= 1);
        }

        Assert.Contains("24 hours", findings["incident_notification"].GetProperty("evidence").GetProperty("quote").GetString(), StringComparison.Ordinal);

        // The developer's callback: signed with its secret, the decision and the app.
        var callback = await _driver.VerifiedCallbackAsync(receiver, developer, "onboarding.decided", d => d.GetProperty("requestId").GetString() == requestId);
        Assert.Equal("approved", callback.GetProperty("decision").GetString());
        Assert.Equal(appId, callback.GetProperty("appId").GetString());
        Assert.Equal(developer.DeveloperId, callback.GetProperty("developerId").GetString());

        // The outbox event with the README's data.
        var decided = Assert.Single(await _driver.RecordedEventsAsync(requestId), e => e.GetProperty("type").GetString() == "governance.onboarding.decided");
        Assert.Equal("/governance/onboarding", decided.GetProperty("source").GetString());
        Assert.Equal(requestId, decided.GetProperty("subject").GetString());
        var data = decided.GetProperty("data");
        foreach (var field in new[] { "requestId", "developerId", "appId", "decision", "decidedAt", "profile", "findings" })
        {
            Assert.True(data.TryGetProperty(field, out _), $"event data has no {field}: {data}");
        }

        Assert.Equal(appId, data.GetProperty("appId").GetString());
        Assert.Empty(data.GetProperty("findings").EnumerateArray());

        // The app is in the registry, owned by the developer, active, with what it declared.
        var app = (await _driver.GetAsStaffAsync($"api/apps/{appId}", StaffRoles.Operator)).Json;
        Assert.Equal("active", app.GetProperty("status").GetString());
        Assert.Equal(developer.DeveloperId, app.GetProperty("developerId").GetString());
        Assert.Equal("Acme Delivery", app.GetProperty("name").GetString());
        Assert.Equal(requestId, app.GetProperty("data").GetProperty("onboardingRequestId").GetString());
        Assert.Equal("contact details", app.GetProperty("data").GetProperty("categories")[0].GetProperty("name").GetString());

        // Claims and recourse work for it at once: a claim webhook is processed, and recourse lists it for the developer only.
        var claimId = await _claims.ApprovedClaimAsync(appId, 500);
        var recourse = await _driver.GetAsDeveloperAsync($"api/recourse/{appId}", developer.ApiKey);
        Assert.Equal(HttpStatusCode.OK, recourse.Status);
        Assert.Contains(recourse.Json.GetProperty("openClaims").EnumerateArray(), c => c.GetProperty("claimId").GetString() == claimId);
        Assert.Equal(HttpStatusCode.NotFound, (await _driver.GetAsDeveloperAsync($"api/recourse/{appId}", stranger.ApiKey)).Status);

        // Audited at every transition; the timeline records the onboarding.
        var audit = await _driver.WaitForAuditAsync($"onboarding/{requestId}", a => a.Count >= 3);
        Assert.Equal(["onboarding.submitted", "onboarding.checking", "onboarding.decided"], audit);
        await _driver.WaitForAuditAsync($"apps/{appId}", a => a.Contains("app.registered"));
        var day = fixture.Clock.GetUtcNow();
        await Eventually.HoldsAsync(async () =>
        {
            await foreach (var entry in fixture.Services.GetRequiredService<TimelineReader>().ReadAsync(TimelineKinds.AppOnboarded, day.AddDays(-1), day.AddDays(1)))
            {
                if (entry.Id == appId && entry.Summary.GetProperty("requestId").GetString() == requestId)
                {
                    return true;
                }
            }

            return false;
        }, OnboardingDriver.Patience, "the app.onboarded timeline fact");
    }

    [Fact]
    public async Task Missing_clauses_get_changes_requested_with_reasons_and_a_linked_resubmission_is_approved_for_the_same_app()
    {
        using var receiver = new CallbackReceiver();
        var developer = await _driver.DeveloperAsync(receiver.Url);
        var first = await _driver.SubmitAcceptedAsync(developer.ApiKey, OnboardingDriver.Manifest(), OnboardingDriver.Corpus("files/en-04-missing.md"), "en-04-missing.md");

        var view = await _driver.WaitForDecisionAsync(first, developer.ApiKey);
        Assert.Equal("changes_requested", view.GetProperty("status").GetString());
        Assert.False(view.TryGetProperty("appId", out _));
        var findings = OnboardingDriver.FindingsByRule(view);
        foreach (var rule in new[] { "incident_notification", "audit", "record_keeping" })
        {
            Assert.Equal("missing", findings[rule].GetProperty("status").GetString());
            Assert.False(findings[rule].TryGetProperty("evidence", out _));
        }

        Assert.Equal("satisfied", findings["responsibility"].GetProperty("status").GetString());
        var callback = await _driver.VerifiedCallbackAsync(receiver, developer, "onboarding.decided", d => d.GetProperty("requestId").GetString() == first);
        Assert.Equal("changes_requested", callback.GetProperty("decision").GetString());
        var reasons = callback.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("rule").GetString()).ToList();
        Assert.Contains("incident_notification", reasons);
        Assert.All(callback.GetProperty("findings").EnumerateArray(), f => Assert.False(string.IsNullOrEmpty(f.GetProperty("citation").GetString())));

        // Only the developer's own requests can be resubmitted.
        var stranger = await _driver.DeveloperAsync(organization: "Stranger Ltd");
        var foreign = await _driver.SubmitAsync(stranger.ApiKey, OnboardingDriver.Form(OnboardingDriver.Manifest(), OnboardingDriver.Utf8(OnboardingDriver.CompleteEnglish), previousRequestId: first));
        Assert.Equal(HttpStatusCode.BadRequest, foreign.Status);
        Assert.True(foreign.HasFieldError("previousRequestId"), foreign.Text);
        var garbage = await _driver.SubmitAsync(developer.ApiKey, OnboardingDriver.Form(OnboardingDriver.Manifest(), OnboardingDriver.Utf8(OnboardingDriver.CompleteEnglish), previousRequestId: "../../etc"));
        Assert.Equal(HttpStatusCode.BadRequest, garbage.Status);

        var second = await _driver.SubmitAcceptedAsync(developer.ApiKey, OnboardingDriver.Manifest(), OnboardingDriver.Utf8(OnboardingDriver.CompleteEnglish), previousRequestId: first);
        var resubmitted = await _driver.WaitForDecisionAsync(second, developer.ApiKey);
        Assert.Equal("approved", resubmitted.GetProperty("status").GetString());
        Assert.Equal(first, resubmitted.GetProperty("previousRequestId").GetString());
        Assert.Equal("app_" + first[4..], resubmitted.GetProperty("appId").GetString());
    }

    [Fact]
    public async Task Another_developer_gets_404_for_a_request_and_its_report_while_staff_read_both()
    {
        var owner = await _driver.DeveloperAsync();
        var stranger = await _driver.DeveloperAsync(organization: "Stranger Ltd");
        var requestId = await _driver.SubmitAcceptedAsync(owner.ApiKey, OnboardingDriver.Manifest(), OnboardingDriver.Utf8(OnboardingDriver.CompleteEnglish));
        await _driver.WaitForDecisionAsync(requestId, owner.ApiKey);

        foreach (var path in new[] { $"api/onboarding/requests/{requestId}", $"api/onboarding/requests/{requestId}/report" })
        {
            var foreign = await _driver.GetAsDeveloperAsync(path, stranger.ApiKey);
            Assert.Equal(HttpStatusCode.NotFound, foreign.Status);
            Assert.DoesNotContain(owner.DeveloperId, foreign.Text, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.NotFound, (await _driver.GetAsDeveloperAsync(path.Replace(requestId, "onb_" + new string('0', 24), StringComparison.Ordinal), owner.ApiKey)).Status);
            foreach (var role in StaffRoles.All)
            {
                Assert.Equal(HttpStatusCode.OK, (await _driver.GetAsStaffAsync(path, role)).Status);
            }

            Assert.Equal(HttpStatusCode.Unauthorized, (await _driver.SendAsync(ApiClient.Get(path))).Status);
        }

        var report = await _driver.GetAsDeveloperAsync($"api/onboarding/requests/{requestId}/report", owner.ApiKey);
        Assert.Equal(requestId, report.Json.GetProperty("requestId").GetString());
        Assert.Equal("approved", report.Json.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Core_data_is_rejected_citing_its_rule_even_with_a_complete_contract()
    {
        var developer = await _driver.DeveloperAsync();
        var requestId = await _driver.SubmitAcceptedAsync(developer.ApiKey, OnboardingDriver.Manifest(classification: "core"), OnboardingDriver.Utf8(OnboardingDriver.CompleteEnglish));

        var view = await _driver.WaitForDecisionAsync(requestId, developer.ApiKey);

        Assert.Equal("rejected", view.GetProperty("status").GetString());
        var core = OnboardingDriver.FindingsByRule(view)["onboarding.core-data"];
        Assert.Equal("rejected", core.GetProperty("status").GetString());
        Assert.Contains("Data Security Law", core.GetProperty("legalBasis").GetString(), StringComparison.Ordinal);
        Assert.False(view.TryGetProperty("appId", out _));
    }

    [Fact]
    public async Task A_retried_submission_with_the_same_idempotency_key_gets_the_same_202_and_one_request()
    {
        var developer = await _driver.DeveloperAsync();
        var key = "submit-" + Guid.NewGuid();
        var contract = OnboardingDriver.Utf8(OnboardingDriver.CompleteEnglish);

        var first = await _driver.SubmitAsync(developer.ApiKey, OnboardingDriver.Form(OnboardingDriver.Manifest(), contract), key);
        var retry = await _driver.SubmitAsync(developer.ApiKey, OnboardingDriver.Form(OnboardingDriver.Manifest(), contract), key);
        var other = await _driver.SubmitAsync(developer.ApiKey, OnboardingDriver.Form(OnboardingDriver.Manifest(name: "Other app"), contract), key);

        Assert.Equal(HttpStatusCode.Accepted, first.Status);
        Assert.Equal(HttpStatusCode.Accepted, retry.Status);
        Assert.Equal(first.Text, retry.Text);
        Assert.Equal("true", retry.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, other.Status);
        var requestId = first.Json.GetProperty("requestId").GetString()!;
        await _driver.WaitForDecisionAsync(requestId, developer.ApiKey);
        Assert.Single(await _driver.WaitForAuditAsync($"onboarding/{requestId}", a => a.Contains("onboarding.decided")), a => a == "onboarding.submitted");
    }

    [Fact]
    public async Task A_redelivered_check_message_never_decides_twice_or_registers_a_second_app()
    {
        var developer = await _driver.DeveloperAsync();
        var requestId = await _driver.SubmitAcceptedAsync(developer.ApiKey, OnboardingDriver.Manifest(), OnboardingDriver.Utf8(OnboardingDriver.CompleteEnglish));
        var view = await _driver.WaitForDecisionAsync(requestId, developer.ApiKey);
        var appId = view.GetProperty("appId").GetString()!;
        await _driver.WaitForAuditAsync($"onboarding/{requestId}", a => a.Contains("onboarding.decided"));

        using (var run = await fixture.Client.PostAsync("admin/functions/CheckOnboardingRequest",
            ClaimsDriver.Json(new { input = JsonSerializer.Serialize(new { requestId }) })))
        {
            Assert.Equal(HttpStatusCode.Accepted, run.StatusCode);
        }

        Assert.Single(await _driver.RecordedEventsAsync(requestId), e => e.GetProperty("type").GetString() == "governance.onboarding.decided");
        Assert.Single(await _driver.AuditActionsAsync($"onboarding/{requestId}"), a => a == "onboarding.decided");
        Assert.Single(await _driver.AuditActionsAsync($"apps/{appId}"), a => a == "app.registered");
        var again = (await _driver.GetAsDeveloperAsync($"api/onboarding/requests/{requestId}", developer.ApiKey)).Json;
        Assert.Equal(view.GetProperty("decidedAt").GetString(), again.GetProperty("decidedAt").GetString());
    }
}
