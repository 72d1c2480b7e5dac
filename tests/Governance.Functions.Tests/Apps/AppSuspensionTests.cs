using System.Net;
using Governance.Core.Security;
using Governance.Functions.Tests.Claims;
using Governance.Functions.Tests.Infrastructure;
using Governance.Functions.Tests.Onboarding;

namespace Governance.Functions.Tests.Apps;

[Collection(GovernanceHostCollection.Name)]
public sealed class AppSuspensionTests(GovernanceHostFixture fixture)
{
    private readonly OnboardingDriver _driver = new(fixture);
    private readonly ClaimsDriver _claims = new(fixture);

    [Fact]
    public async Task An_operator_suspends_an_app_with_a_reason_publishing_the_event_and_reinstates_it()
    {
        var developer = await _driver.DeveloperAsync();
        var appId = await _claims.RegisterAppAsync(developer.DeveloperId);
        var suspend = $"api/apps/{appId}/suspend";
        var reinstate = $"api/apps/{appId}/reinstate";

        Assert.Equal(HttpStatusCode.Forbidden, (await _driver.StaffPostAsync(suspend, StaffRoles.Reviewer, new { reason = "x" })).Status);
        var noReason = await _driver.StaffPostAsync(suspend, StaffRoles.Operator, new { reason = " " });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.Status);
        Assert.True(noReason.HasFieldError("reason"), noReason.Text);
        Assert.Equal(HttpStatusCode.Conflict, (await _driver.StaffPostAsync(reinstate, StaffRoles.Operator, new { reason = "Not suspended." })).Status);

        var suspended = await _driver.StaffPostAsync(suspend, StaffRoles.Operator, new { reason = "Leaked user phone numbers." });
        Assert.Equal(HttpStatusCode.OK, suspended.Status);
        Assert.Equal("suspended", suspended.Json.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await _driver.StaffPostAsync(suspend, StaffRoles.Operator, new { reason = "Again." })).Status);
        var events = await _driver.AppEventsAsync(appId);
        var suspension = Assert.Single(events, e => e.GetProperty("type").GetString() == "governance.app.suspended");
        Assert.Equal("/governance/apps", suspension.GetProperty("source").GetString());
        var data = suspension.GetProperty("data");
        Assert.Equal(appId, data.GetProperty("appId").GetString());
        Assert.Equal(developer.DeveloperId, data.GetProperty("developerId").GetString());
        Assert.Equal("Leaked user phone numbers.", data.GetProperty("reason").GetString());
        Assert.True(data.TryGetProperty("suspendedAt", out _));

        var reinstated = await _driver.StaffPostAsync(reinstate, StaffRoles.Operator, new { reason = "Fixed and audited." });
        Assert.Equal(HttpStatusCode.OK, reinstated.Status);
        Assert.Equal("active", reinstated.Json.GetProperty("status").GetString());
        var audit = await _driver.WaitForAuditAsync($"apps/{appId}", a => a.Contains("app.reinstated"));
        Assert.Equal(["app.registered", "app.suspended", "app.reinstated"], audit);

        Assert.Equal(HttpStatusCode.NotFound, (await _driver.StaffPostAsync($"api/apps/{ClaimsDriver.NewId("missing")}/suspend", StaffRoles.Operator, new { reason = "x" })).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await _driver.StaffPostAsync($"api/apps/{new string('z', 300)}/suspend", StaffRoles.Operator, new { reason = "x" })).Status);
    }
}
