using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Governance.Functions.Tests.Infrastructure;

namespace Governance.Functions.Tests.Platform;

/// <summary>A problem's <c>traceId</c> is the request's W3C trace id (32 hex digits), continued from the client's <c>traceparent</c>.</summary>
[Collection(GovernanceHostCollection.Name)]
public sealed class TraceIdTests(GovernanceHostFixture fixture)
{
    [Fact]
    public async Task A_problem_carries_the_trace_id_of_the_traceparent_the_client_sent()
    {
        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        var request = new HttpRequestMessage(HttpMethod.Get, "api/audit");
        request.Headers.TryAddWithoutValidation("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom().ToHexString()}-01");

        using var response = await fixture.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(traceId, problem.RootElement.GetProperty("traceId").GetString());
    }

    [Fact]
    public async Task Without_a_traceparent_the_trace_id_is_a_fresh_32_hex_digit_W3C_trace_id()
    {
        using var first = await fixture.Client.GetAsync("api/audit");
        using var second = await fixture.Client.GetAsync("api/audit");

        var ids = new[] { first, second }.Select(r => JsonDocument.Parse(r.Content.ReadAsStringAsync().Result).RootElement.GetProperty("traceId").GetString()!).ToList();
        Assert.All(ids, id => Assert.Matches("^[0-9a-f]{32}$", id));
        Assert.NotEqual(ids[0], ids[1]);
    }
}
