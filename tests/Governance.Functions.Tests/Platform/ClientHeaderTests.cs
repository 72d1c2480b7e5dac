using System.Net;
using System.Text;
using System.Xml.Linq;
using Governance.Core.Configuration;
using Governance.Functions.Http;
using Governance.Functions.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using static Governance.Functions.Tests.Infrastructure.ApiClient;

namespace Governance.Functions.Tests.Platform;

/// <summary>Headers a client controls never cause a 5xx; absolute links come from the configured public base URL.</summary>
[Collection(GovernanceHostCollection.Name)]
public sealed class ClientHeaderTests(GovernanceHostFixture fixture)
{
    [Fact]
    public async Task An_X_Forwarded_For_of_171_C1_control_characters_on_sign_up_is_not_a_server_error()
    {
        using var client = new HttpClient(new SocketsHttpHandler { RequestHeaderEncodingSelector = (_, _) => Encoding.UTF8 }) { BaseAddress = fixture.Client.BaseAddress };
        var request = Send(HttpMethod.Post, "api/developers", new { organization = "C1 Ltd", contactEmail = "c1@example.com" });
        request.Headers.TryAddWithoutValidation("X-Forwarded-For", new string('\u0080', 171));

        using var response = await client.SendAsync(request);

        Assert.True((int)response.StatusCode is 201 or 429, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    [Fact]
    public async Task A_Host_header_with_port_99999_on_the_feed_is_a_400_problem_without_a_public_base_url()
    {
        // Kestrel (the local host) refuses such a Host itself; the Functions front end passes it on to the worker.
        var problem = await Assert.ThrowsAsync<Governance.Core.Problems.GovernanceProblem>(() => FeedAsync(services: null, host: "localhost:99999"));

        Assert.Equal(400, problem.Status);
    }

    [Fact]
    public async Task With_a_public_base_url_the_feed_links_to_it_whatever_the_Host_header_says()
    {
        var services = new ServiceCollection()
            .AddSingleton(Options.Create(new PublicBaseUrlOptions { PublicBaseUrl = "https://governance.example.com/gov/" }))
            .AddSingleton<PublicBaseUrl>()
            .BuildServiceProvider();

        var feed = XDocument.Parse(await FeedAsync(services, host: "localhost:99999"));

        XNamespace atom = "http://www.w3.org/2005/Atom";
        Assert.Equal("https://governance.example.com/gov/api/public/disclosures/feed", feed.Root!.Element(atom + "id")!.Value);
        var links = feed.Descendants(atom + "link").Select(l => (string)l.Attribute("href")!).ToList();
        Assert.All(links, l => Assert.StartsWith("https://governance.example.com/gov/api/public/disclosures", l, StringComparison.Ordinal));
    }

    private async Task<string> FeedAsync(IServiceProvider? services, string host)
    {
        var context = new DefaultHttpContext { RequestServices = services! };
        context.Request.Scheme = "http";
        context.Request.Host = new HostString(host);
        context.Request.Path = "/api/public/disclosures/feed";
        var functions = new Governance.Functions.Disclosures.PublicDisclosureFunctions(
            fixture.Services.GetRequiredService<Governance.Core.Disclosures.DisclosureReader>(), fixture.Services.GetRequiredService<Governance.Core.Localization.Localizer>());
        var result = Assert.IsType<Microsoft.AspNetCore.Mvc.FileContentResult>(await functions.Feed(context.Request, CancellationToken.None));
        return Encoding.UTF8.GetString(result.FileContents);
    }

    [Fact]
    public void The_claim_status_url_base_comes_from_the_public_base_url()
    {
        var services = new ServiceCollection()
            .AddSingleton(Options.Create(new PublicBaseUrlOptions { PublicBaseUrl = "https://governance.example.com" }))
            .AddSingleton<PublicBaseUrl>()
            .BuildServiceProvider();
        var context = new DefaultHttpContext { RequestServices = services };
        context.Request.Scheme = "http";
        context.Request.Host = new HostString("internal-host:8080");

        Assert.Equal("https://governance.example.com/api", RequestCredentials.ApiBase(context.Request));
    }

    [Theory]
    [InlineData("governance.example.com")]
    [InlineData("ftp://governance.example.com")]
    [InlineData("https://governance.example.com/?x=1")]
    [InlineData("https://user@governance.example.com")]
    public void A_public_base_url_that_is_not_an_absolute_http_url_stops_the_app_naming_the_setting(string value)
    {
        var result = new PublicBaseUrlOptionsValidator().Validate(null, new PublicBaseUrlOptions { PublicBaseUrl = value });

        Assert.True(result.Failed);
        Assert.Contains("Governance__PublicBaseUrl", result.FailureMessage, StringComparison.Ordinal);
    }
}
