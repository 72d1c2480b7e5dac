using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Governance.Core.Security;
using Governance.Functions.Http;
using Governance.Functions.Tests.Disclosures;
using Governance.Functions.Tests.Hosting;
using Governance.Functions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Functions.Tests.Kernel;

/// <summary>An <c>Idempotency-Key</c> belongs to its caller: another caller's identical key is another request.</summary>
[Collection(GovernanceHostCollection.Name)]
public sealed class IdempotencyKeyScopeTests(GovernanceHostFixture fixture)
{
    private string TokenFor(string subject, string role)
        => fixture.StaffTokenFor(subject, role);

    private HttpRequestMessage Post(string path, object body, string key, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Add(IdempotentPost.HeaderName, key);
        return request;
    }

    [Fact]
    public async Task Two_operators_using_the_same_key_for_the_same_draft_each_get_their_own_draft()
    {
        const string kind = "algorithm-strategy";
        var run = Guid.NewGuid().ToString("N");
        var alice = TokenFor("alice-" + run, StaffRoles.Operator);
        var bob = TokenFor("bob-" + run, StaffRoles.Operator);
        var body = DisclosureApi.Draft(kind, "Shared key " + run, "# Shared key\n", fixture.Clock.GetUtcNow().AddDays(8));
        var key = "shared-" + run;
        var path = $"api/disclosures/{kind}/drafts";

        var byAlice = await fixture.Client.SendAsync(Post(path, body, key, alice));
        var byBob = await fixture.Client.SendAsync(Post(path, body, key, bob));
        var aliceAgain = await fixture.Client.SendAsync(Post(path, body, key, alice));

        Assert.Equal(HttpStatusCode.Created, byAlice.StatusCode);
        Assert.Equal(HttpStatusCode.Created, byBob.StatusCode);
        Assert.False(byBob.Headers.Contains(IdempotentPost.ReplayedHeader));
        var aliceDraft = await DisclosureApi.ReadJsonAsync(byAlice);
        var bobDraft = await DisclosureApi.ReadJsonAsync(byBob);
        Assert.NotEqual(aliceDraft.GetProperty("draftId").GetString(), bobDraft.GetProperty("draftId").GetString());
        Assert.Equal("bob-" + run, bobDraft.GetProperty("createdBy").GetString());
        Assert.Equal("true", aliceAgain.Headers.GetValues(IdempotentPost.ReplayedHeader).Single());
        Assert.Equal(aliceDraft.GetProperty("draftId").GetString(), (await DisclosureApi.ReadJsonAsync(aliceAgain)).GetProperty("draftId").GetString());
    }

    [Fact]
    public async Task Another_caller_reusing_a_key_runs_its_own_write_and_never_gets_the_first_response()
    {
        var run = Guid.NewGuid().ToString("N");
        var body = new { name = run, quantity = 1 };
        var key = "shared-" + run;
        var first = TokenFor("first-" + run, StaffRoles.Auditor);
        var second = TokenFor("second-" + run, StaffRoles.Auditor);

        var byFirst = await fixture.Client.SendAsync(Post("api/probe/effects", body, key, first));
        var bySecond = await fixture.Client.SendAsync(Post("api/probe/effects", body, key, second));
        var firstAgain = await fixture.Client.SendAsync(Post("api/probe/effects", body, key, first));

        Assert.Equal(HttpStatusCode.Created, bySecond.StatusCode);
        Assert.False(bySecond.Headers.Contains(IdempotentPost.ReplayedHeader));
        Assert.Equal(2, (await bySecond.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("count").GetInt32());
        Assert.Equal(1, (await byFirst.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("count").GetInt32());
        Assert.Equal("true", firstAgain.Headers.GetValues(IdempotentPost.ReplayedHeader).Single());
        Assert.Equal(1, (await firstAgain.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("count").GetInt32());
        Assert.Equal(2, IdempotentProbeFunction.Effects[run]);
    }
}
