using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Governance.Functions.Tests.Infrastructure;

namespace Governance.Functions.Tests.Hosting;

[Collection(GovernanceHostCollection.Name)]
public sealed class HttpBindingTests(GovernanceHostFixture fixture)
{
    private readonly HttpClient _client = fixture.Client;

    [Fact]
    public async Task Route_values_and_query_bind_by_name_with_the_route_constraint()
    {
        var response = await _client.GetAsync("api/probe/items/42?filter=red");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(42, body.GetProperty("id").GetInt32());
        Assert.Equal("red", body.GetProperty("filter").GetString());
    }

    [Fact]
    public async Task A_route_constraint_that_does_not_match_is_a_404_problem()
    {
        var response = await _client.GetAsync("api/probe/items/not-a-number");

        await AssertProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task From_body_binds_a_json_poco_on_each_declared_method()
    {
        foreach (var method in new[] { HttpMethod.Put, HttpMethod.Patch })
        {
            var response = await _client.SendAsync(new HttpRequestMessage(method, "api/probe/items/abc") { Content = JsonContent.Create(new { name = "lamp", quantity = 3 }) });

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("abc", body.GetProperty("id").GetString());
            Assert.Equal("lamp", body.GetProperty("name").GetString());
            Assert.Equal(3, body.GetProperty("quantity").GetInt32());
            Assert.Equal(method.Method, body.GetProperty("method").GetString());
        }
    }

    [Fact]
    public async Task A_method_the_function_does_not_declare_is_a_405_problem_with_allow()
    {
        var response = await _client.DeleteAsync("api/probe/items/abc");

        var problem = await AssertProblemAsync(response, HttpStatusCode.MethodNotAllowed);
        Assert.Contains("DELETE", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("PUT", response.Content.Headers.Allow);
    }

    [Fact]
    public async Task An_unknown_route_is_a_404_problem()
    {
        var response = await _client.GetAsync("api/no/such/route");

        await AssertProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Malformed_json_is_a_400_problem_with_an_errors_map()
    {
        var response = await _client.PutAsync("api/probe/items/abc", new StringContent("{\"name\": \"lamp\", \"quantity\": ", Encoding.UTF8, "application/json"));

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").EnumerateObject().Any(), "errors must name the failing field");
    }

    [Fact]
    public async Task A_wrongly_typed_field_is_a_400_problem_naming_the_field()
    {
        var response = await _client.PostAsync("api/probe/limited", new StringContent("{\"name\":\"lamp\",\"quantity\":\"three\"}", Encoding.UTF8, "application/json"));

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("$.quantity", out _), problem.ToString());
    }

    [Fact]
    public async Task A_body_over_the_limit_is_a_413_problem()
    {
        var big = new string('x', 2048);
        var response = await _client.PostAsync("api/probe/limited", JsonContent.Create(new { name = big, quantity = 1 }));

        await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task A_chunked_body_over_the_limit_is_a_413_problem_too()
    {
        var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes("{\"name\":\"" + new string('y', 4096) + "\",\"quantity\":1}")));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, "api/probe/limited") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        var response = await _client.SendAsync(request);

        await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_a_415_problem()
    {
        var response = await _client.PostAsync("api/probe/limited", new StringContent("name=lamp", Encoding.UTF8, "application/x-www-form-urlencoded"));

        await AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task An_unhandled_exception_is_a_500_problem_with_a_trace_id_and_no_internals()
    {
        var response = await _client.GetAsync("api/probe/throws");

        var problem = await AssertProblemAsync(response, HttpStatusCode.InternalServerError);
        var text = problem.ToString();
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("traceId").GetString()));
        Assert.DoesNotContain("secret", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("InvalidOperationException", text, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Minimal_api_results_execute_too()
    {
        var response = await _client.PostAsync("api/probe/limited", JsonContent.Create(new { name = "lamp", quantity = 2 }));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("/api/probe/items/lamp", response.Headers.Location?.OriginalString);
    }

    internal static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"Expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement;
        Assert.Equal((int)expected, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        return problem;
    }
}
