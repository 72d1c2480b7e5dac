using System.Net;
using System.Text.Json;
using Governance.Functions.Tests.Infrastructure;
using static Governance.Functions.Tests.Infrastructure.ApiClient;

namespace Governance.Functions.Tests.Kernel;

[Collection(GovernanceHostCollection.Name)]
public sealed class DeveloperSignUpInputTests(GovernanceHostFixture fixture)
{
    [Fact]
    public async Task Control_characters_in_sign_up_fields_are_400()
    {
        var request = Send(HttpMethod.Post, "api/developers", new { organization = "Acme\u0000Apps", contactEmail = "dev@example.com" });
        request.Headers.Add("X-Forwarded-For", UniqueClientAddress());

        var response = await fixture.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty("organization", out _));
    }
}
