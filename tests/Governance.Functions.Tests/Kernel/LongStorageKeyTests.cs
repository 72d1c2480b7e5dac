using System.Net;
using System.Net.Http.Json;
using Governance.Core.Security;
using Governance.Functions.Http;
using Governance.Functions.Tests.Claims;
using Governance.Functions.Tests.Infrastructure;

namespace Governance.Functions.Tests.Kernel;

/// <summary>
/// Client input that ends up in a table key: the table service (Azurite: 512 characters) refuses long keys, so
/// a long input must be hashed to a fixed length, never reach the service as is (a 500) nor be truncated.
/// </summary>
[Collection(GovernanceHostCollection.Name)]
public sealed class LongStorageKeyTests(GovernanceHostFixture fixture)
{
    private readonly ClaimsDriver _driver = new(fixture);

    [Fact]
    public async Task A_200_character_idempotency_key_of_percent_signs_registers_the_app_and_replays()
    {
        var key = new string('%', 200);
        var body = new { appId = ClaimsDriver.NewId("app"), name = "Long key app" };

        using var first = await fixture.Client.SendAsync(WithKey(_driver.Staff(HttpMethod.Post, "api/apps", StaffRoles.Operator, body), key));
        using var again = await fixture.Client.SendAsync(WithKey(_driver.Staff(HttpMethod.Post, "api/apps", StaffRoles.Operator, body), key));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Equal("true", again.Headers.GetValues(IdempotentPost.ReplayedHeader).Single());
        Assert.Equal(await first.Content.ReadAsStringAsync(), await again.Content.ReadAsStringAsync());
    }

    private static HttpRequestMessage WithKey(HttpRequestMessage request, string key)
    {
        request.Headers.TryAddWithoutValidation(IdempotentPost.HeaderName, key);
        return request;
    }
}
