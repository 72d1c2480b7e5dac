using System.Text.Json;
using Governance.Core.Problems;
using Governance.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;

namespace Governance.Functions.Tests.Platform;

/// <summary>The worker-side twin of the local host's error handling: same problem bodies in Azure.</summary>
public sealed class ProblemDetailsMiddlewareTests
{
    private static (FunctionContext Context, DefaultHttpContext Http) Invocation()
    {
        var http = new DefaultHttpContext();
        http.Request.Path = "/api/things";
        http.Response.Body = new MemoryStream();
        var items = new Dictionary<object, object> { ["HttpRequestContext"] = http };
        var context = new Mock<FunctionContext>();
        context.SetupGet(c => c.Items).Returns(items);
        return (context.Object, http);
    }

    private static JsonElement Body(DefaultHttpContext http)
    {
        http.Response.Body.Position = 0;
        return JsonDocument.Parse(http.Response.Body).RootElement;
    }

    [Fact]
    public async Task A_governance_problem_keeps_its_status_errors_and_headers()
    {
        var (context, http) = Invocation();
        var middleware = new ProblemDetailsMiddleware(NullLogger<ProblemDetailsMiddleware>.Instance);

        await middleware.Invoke(context, _ => throw GovernanceProblem.Unauthorized("The bearer token has expired."));

        Assert.Equal(401, http.Response.StatusCode);
        Assert.Equal("application/problem+json", http.Response.ContentType);
        Assert.Equal("Bearer", http.Response.Headers.WWWAuthenticate.ToString());
        Assert.Equal("The bearer token has expired.", Body(http).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Any_other_exception_is_a_500_without_internals()
    {
        var (context, http) = Invocation();
        var middleware = new ProblemDetailsMiddleware(NullLogger<ProblemDetailsMiddleware>.Instance);

        await middleware.Invoke(context, _ => throw new InvalidOperationException("password=hunter2"));

        Assert.Equal(500, http.Response.StatusCode);
        var body = Body(http);
        Assert.DoesNotContain("hunter2", body.ToString(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(body.GetProperty("traceId").GetString()));
    }

    [Fact]
    public async Task Without_an_http_context_the_exception_is_left_to_the_host()
    {
        var context = new Mock<FunctionContext>();
        context.SetupGet(c => c.Items).Returns(new Dictionary<object, object>());
        var middleware = new ProblemDetailsMiddleware(NullLogger<ProblemDetailsMiddleware>.Instance);

        await Assert.ThrowsAsync<InvalidOperationException>(() => middleware.Invoke(context.Object, _ => throw new InvalidOperationException("queue failure")));
    }
}
