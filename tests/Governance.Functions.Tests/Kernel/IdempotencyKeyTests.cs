using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Governance.Functions.Tests.Hosting;
using Governance.Functions.Tests.Infrastructure;

namespace Governance.Functions.Tests.Kernel;

[Collection(GovernanceHostCollection.Name)]
public sealed class IdempotencyKeyTests(GovernanceHostFixture fixture)
{
    private HttpRequestMessage Write(string name, string? key, int quantity = 1)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "api/probe/effects") { Content = JsonContent.Create(new { name, quantity }) };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        return request;
    }

    [Fact]
    public async Task Twenty_concurrent_duplicates_have_one_effect_and_later_retries_replay_the_first_response()
    {
        var name = Guid.NewGuid().ToString("N");
        var key = "key-" + name;

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => fixture.Client.SendAsync(Write(name, key))));

        Assert.Equal(1, IdempotentProbeFunction.Effects[name]);
        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, r.StatusCode.ToString()));
        Assert.Contains(responses, r => r.StatusCode == HttpStatusCode.Created);

        var retry = await fixture.Client.SendAsync(Write(name, key));
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal("true", retry.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(1, (await retry.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("count").GetInt32());
        Assert.Equal(1, IdempotentProbeFunction.Effects[name]);
    }

    [Fact]
    public async Task The_same_key_with_a_different_body_is_a_422_and_no_key_means_no_dedupe()
    {
        var name = Guid.NewGuid().ToString("N");
        Assert.Equal(HttpStatusCode.Created, (await fixture.Client.SendAsync(Write(name, "k-" + name))).StatusCode);

        var conflicting = await fixture.Client.SendAsync(Write(name, "k-" + name, quantity: 2));
        await HttpBindingTests.AssertProblemAsync(conflicting, HttpStatusCode.UnprocessableEntity);

        await fixture.Client.SendAsync(Write(name, key: null));
        await fixture.Client.SendAsync(Write(name, key: null));
        Assert.Equal(3, IdempotentProbeFunction.Effects[name]);
    }
}
