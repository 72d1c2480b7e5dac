using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Governance.Core.Pricing.Observations;
using Governance.Core.Problems;
using Governance.Core.Security;
using Governance.Core.Tests.Pricing;
using Governance.Functions.Http;
using Governance.Functions.Tests.Infrastructure;

namespace Governance.Functions.Tests.Pricing;

/// <summary><c>POST /api/pricing/observations</c> through the local host: lines one by one, dedupe, gzip, callers and problems.</summary>
[Collection(GovernanceHostCollection.Name)]
public sealed class PricingIngestionApiTests(GovernanceHostFixture fixture)
{
    private readonly PricingApi _api = new(fixture);

    private static string Unique() => Guid.NewGuid().ToString("N")[..10];

    private static byte[] Lines(params string[] lines) => Encoding.UTF8.GetBytes(string.Join('\n', lines) + "\n");

    private static string Good(string id, string at = "2025-02-03T08:00:00Z") => ObservationFixtures.Line(id, at: at).ToJsonString();

    private static async Task<ProblemView> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal(ProblemResponse.ContentType, response.Content.Headers.ContentType?.MediaType);
        return (await response.Content.ReadFromJsonAsync<ProblemView>())!;
    }

    [Fact]
    public async Task Good_lines_are_accepted_bad_lines_are_listed_and_a_duplicate_observation_id_is_stored_once()
    {
        var u = Unique();
        var body = Lines(Good($"{u}-1"), "{\"observationId\":", Good($"{u}-2"), Good($"{u}-1"),
            ObservationFixtures.Line($"{u}-3").With("currency", "ZZZ").ToJsonString(), string.Empty, Good($"{u}-4"));

        var first = await _api.IngestOkAsync(body);
        var again = await _api.IngestOkAsync(Lines(Good($"{u}-4"), Good($"{u}-5")));

        Assert.Equal(3, first.GetProperty("accepted").GetInt32());
        Assert.Equal(1, first.GetProperty("repeatedInRequest").GetInt32());
        var rejected = first.GetProperty("rejected").EnumerateArray().Select(r => (r.GetProperty("line").GetInt32(), r.GetProperty("error").GetString()!)).ToList();
        Assert.Equal([2, 5], rejected.Select(r => r.Item1));
        Assert.Contains("'ZZZ' is not an active ISO 4217 currency code", rejected[1].Item2, StringComparison.Ordinal);
        Assert.Equal(2, first.GetProperty("rejectedCount").GetInt32());
        Assert.Equal((2, 1, 1), (again.GetProperty("accepted").GetInt32(), again.GetProperty("stored").GetInt32(), again.GetProperty("alreadyStored").GetInt32()));
    }

    [Fact]
    public async Task A_gzip_body_is_read_like_the_plain_one_and_a_retry_of_it_stores_nothing_new()
    {
        var u = Unique();
        var body = Lines(Good($"{u}-1"), Good($"{u}-2"), Good($"{u}-3"));

        var gzipped = await _api.IngestOkAsync(body, gzip: true);
        var plainRetry = await _api.IngestOkAsync(body);

        Assert.Equal((3, 3), (gzipped.GetProperty("accepted").GetInt32(), gzipped.GetProperty("stored").GetInt32()));
        Assert.Equal((3, 0, 3), (plainRetry.GetProperty("accepted").GetInt32(), plainRetry.GetProperty("stored").GetInt32(), plainRetry.GetProperty("alreadyStored").GetInt32()));
    }

    [Fact]
    public async Task A_feeder_with_an_ingestion_key_may_send_observations_and_a_developer_key_or_a_reviewer_may_not()
    {
        var (_, developerKey) = await fixture.SignUpDeveloperAsync("Pricing Feed Ltd");
        var body = Lines(Good(Unique()));

        using var feeder = await _api.IngestAsync(body, ingestionKey: GovernanceHostFixture.PricingIngestionKey);
        using var developer = await _api.IngestAsync(body, ingestionKey: developerKey);
        using var reviewer = await _api.Client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "api/pricing/observations")
        {
            Content = new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue(PricingApi.Ndjson) } },
        }.AsStaff(fixture, StaffRoles.Reviewer));

        Assert.Equal(HttpStatusCode.Accepted, feeder.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, developer.StatusCode);
        Assert.Contains("X-Api-Key", developer.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, reviewer.StatusCode);
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("text/plain")]
    [InlineData("application/x-ndjson; charset=utf-16")]
    public async Task A_body_that_is_not_ndjson_is_a_415_problem(string contentType)
    {
        var problem = await ProblemAsync(await _api.IngestAsync(Lines(Good(Unique())), contentType: contentType), HttpStatusCode.UnsupportedMediaType);

        Assert.Contains(ObservationBody.MediaType, problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_content_encoding_is_a_415_and_a_corrupt_gzip_body_a_400_problem()
    {
        var brotli = await ProblemAsync(await _api.IngestAsync(Lines(Good(Unique())), encoding: "br"), HttpStatusCode.UnsupportedMediaType);
        var corrupt = await ProblemAsync(await _api.IngestAsync([0x1f, 0x8b, 8, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10], encoding: "gzip"), HttpStatusCode.BadRequest);

        Assert.Contains("'br'", brotli.Detail, StringComparison.Ordinal);
        Assert.Contains("gzip", corrupt.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_without_one_valid_line_is_a_400_problem_naming_each_bad_line()
    {
        var problem = await ProblemAsync(await _api.IngestAsync(Lines("[1,2]", "{\"observationId\":\"x\"}")), HttpStatusCode.BadRequest);
        var empty = await ProblemAsync(await _api.IngestAsync(Lines(string.Empty, "  ")), HttpStatusCode.BadRequest);

        Assert.Equal(["line 1", "line 2"], problem.Errors!.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("observedAt: is required", problem.Errors["line 2"][0], StringComparison.Ordinal);
        Assert.Contains("no observation", empty.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_over_50_mb_is_a_413_problem_whether_it_declares_its_length_or_streams()
    {
        var declared = new HttpRequestMessage(HttpMethod.Post, "api/pricing/observations") { Content = new BlankLines(ObservationLimits.MaxBodyBytes + 1, declareLength: true) }.AsStaff(fixture, StaffRoles.Operator);
        declared.Content!.Headers.ContentType = new MediaTypeHeaderValue(PricingApi.Ndjson);
        var streamed = new HttpRequestMessage(HttpMethod.Post, "api/pricing/observations") { Content = new BlankLines(ObservationLimits.MaxBodyBytes + 64 * 1024, declareLength: false) }.AsStaff(fixture, StaffRoles.Operator);
        streamed.Content!.Headers.ContentType = new MediaTypeHeaderValue(PricingApi.Ndjson);

        await ProblemAsync(await _api.Client.SendAsync(declared), HttpStatusCode.RequestEntityTooLarge);
        await ProblemAsync(await _api.Client.SendAsync(streamed), HttpStatusCode.RequestEntityTooLarge);
    }

    private sealed record ProblemView(int Status, string Title, string Detail, Dictionary<string, string[]>? Errors);

    /// <summary>A body of blank lines produced while it is sent, with or without a Content-Length.</summary>
    private sealed class BlankLines(long size, bool declareLength) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
        {
            var chunk = Enumerable.Repeat((byte)'\n', 64 * 1024).ToArray();
            try
            {
                for (long sent = 0; sent < size; sent += chunk.Length)
                {
                    await stream.WriteAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, size - sent)));
                }
            }
            catch (Exception ex) when (ex is IOException or HttpRequestException or ObjectDisposedException)
            {
                // The server answered before reading everything: the answer is what the test looks at.
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = declareLength ? size : -1;
            return declareLength;
        }
    }
}

internal static class JsonObjectEdits
{
    public static System.Text.Json.Nodes.JsonObject With(this System.Text.Json.Nodes.JsonObject line, string name, string value)
    {
        line[name] = value;
        return line;
    }
}
