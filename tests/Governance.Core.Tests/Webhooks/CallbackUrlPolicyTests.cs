using Governance.Core.Tests.Fakes;
using Governance.Core.Webhooks;
using Microsoft.Extensions.Options;

namespace Governance.Core.Tests.Webhooks;

public sealed class CallbackUrlPolicyTests
{
    private static CallbackUrlPolicy Policy(bool allowInsecure = false) => new(
        Options.Create(new WebhookOptions { AllowInsecureLocalCallbacks = allowInsecure }),
        new StaticResolver(new Dictionary<string, string[]>
        {
            ["hooks.example.com"] = ["93.184.216.34", "2606:2800:220:1::1"],
            ["rebind.example.com"] = ["93.184.216.34", "10.0.0.8"],
            ["internal.example.com"] = ["fd00::5"],
        }));

    [Fact]
    public async Task A_public_https_url_is_allowed()
        => Assert.Null(await Policy().CheckAsync("https://hooks.example.com/governance?x=1"));

    [Theory]
    [InlineData("http://hooks.example.com/x", "https")]
    [InlineData("ftp://hooks.example.com/x", "https")]
    [InlineData("/relative", "absolute")]
    [InlineData("https://user:pw@hooks.example.com/x", "credentials")]
    [InlineData("https://hooks.example.com/x#frag", "fragment")]
    [InlineData("https://rebind.example.com/x", "private")]
    [InlineData("https://internal.example.com/x", "private")]
    [InlineData("https://localhost/x", "resolved")]
    [InlineData("https://[fe80::1]/x", "private")]
    public async Task Unsafe_urls_are_refused_with_the_reason(string url, string reason)
        => Assert.Contains(reason, await Policy().CheckAsync(url), StringComparison.Ordinal);

    [Theory]
    [InlineData("http://localhost:7071/hook")]
    [InlineData("http://127.0.0.1:8080/hook")]
    [InlineData("https://10.0.0.1/hook")]
    public async Task Local_development_may_allow_insecure_local_callbacks(string url)
        => Assert.Null(await Policy(allowInsecure: true).CheckAsync(url));

    [Fact]
    public async Task Even_in_development_the_url_must_be_absolute_http_or_https()
        => Assert.NotNull(await Policy(allowInsecure: true).CheckAsync("file:///etc/passwd"));
}
