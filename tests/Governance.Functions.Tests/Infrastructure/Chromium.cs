using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Governance.Functions.Tests.Infrastructure;

/// <summary>
/// Real headless Chromium for page tests (Debian's <c>/usr/bin/chromium</c>, installed by
/// <c>.ci/install-chromium.sh</c>; Playwright never downloads a browser). Without Chromium a test is skipped,
/// unless <c>GOVERNANCE_REQUIRE_CHROMIUM=1</c> (as in CI), where it fails.
/// </summary>
public static class Chromium
{
    /// <summary>Debian's Chromium; <c>GOVERNANCE_CHROMIUM_PATH</c> may point elsewhere (e.g. to check the skip).</summary>
    public static readonly string Path = Environment.GetEnvironmentVariable("GOVERNANCE_CHROMIUM_PATH") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    private static readonly string[] Args =
        ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"];

    /// <summary>Skips the calling <c>[SkippableFact]</c> when Chromium is missing, or fails it when Chromium is required.</summary>
    public static void RequireOrSkip()
    {
        var required = Environment.GetEnvironmentVariable("GOVERNANCE_REQUIRE_CHROMIUM") == "1";
        if (!File.Exists(Path))
        {
            Assert.False(required, $"GOVERNANCE_REQUIRE_CHROMIUM=1 but {Path} is missing: run .ci/install-chromium.sh.");
            Skip.If(true, $"{Path} is not installed (run .ci/install-chromium.sh); set GOVERNANCE_REQUIRE_CHROMIUM=1 to make this a failure.");
        }
    }

    public static Task<IBrowser> LaunchAsync(IPlaywright playwright)
        => playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = Path, Headless = true, Args = Args });

    /// <summary>Runs axe-core on the page and fails on any violation of serious or critical impact, listing them.</summary>
    public static async Task AssertNoSeriousAccessibilityViolationsAsync(IPage page)
    {
        var results = await page.RunAxe();
        var serious = results.Violations
            .Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}")
            .ToList();
        Assert.True(serious.Count == 0, "axe found: " + string.Join("; ", serious));
    }
}
