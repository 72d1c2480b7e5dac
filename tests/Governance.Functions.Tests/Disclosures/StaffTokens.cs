using Governance.Core.Security;
using Governance.Functions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Functions.Tests.Disclosures;

/// <summary>Development staff tokens for a role, issued on the app's own clock (so they stay valid when a test moves time).</summary>
public static class StaffTokens
{
    public static string For(GovernanceHostFixture fixture, params string[] roles)
        => fixture.Services.GetRequiredService<DevTokenIssuer>().Issue(roles, subject: "e2e-" + string.Join('-', roles));

    public static HttpRequestMessage WithRole(this HttpRequestMessage request, GovernanceHostFixture fixture, params string[] roles)
    {
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", For(fixture, roles));
        return request;
    }
}
