using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Governance.Functions.Tests.Infrastructure;
using static Governance.Functions.Tests.Onboarding.OnboardingDriver;

namespace Governance.Functions.Tests.Onboarding;

/// <summary>
/// Every bad input of the issue: what the bytes show at once is refused at the door with a 4xx problem; what needs the
/// file parsed is answered by the check with <c>changes_requested</c> and the finding "contract text could not be read".
/// Never a 5xx, never a request left pending, never an approval.
/// </summary>
[Collection(GovernanceHostCollection.Name)]
public sealed class OnboardingBadInputTests(GovernanceHostFixture fixture)
{
    private readonly OnboardingDriver _driver = new(fixture);

    [Fact]
    public async Task Bodies_that_are_not_a_well_formed_submission_are_refused_with_problems()
    {
        var developer = await _driver.DeveloperAsync();
        var contract = Utf8(CompleteEnglish);
        var manifest = Manifest();

        await RefusedAsync(developer, new StringContent("{\"manifest\": {}}", Encoding.UTF8, "application/json"), HttpStatusCode.UnsupportedMediaType);
        var noBoundary = new ByteArrayContent(Encoding.UTF8.GetBytes("--x\r\n\r\n--x--\r\n"));
        noBoundary.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data");
        await RefusedAsync(developer, noBoundary, HttpStatusCode.BadRequest);
        var garbage = new ByteArrayContent(Encoding.UTF8.GetBytes("--b\r\nContent-Disposition: form-data; name=\"manifest\"\r\n\r\n{\"app\":1}"));
        garbage.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=b");
        await RefusedAsync(developer, garbage, HttpStatusCode.BadRequest);
        var nameless = new ByteArrayContent(Encoding.UTF8.GetBytes("--b\r\nContent-Type: text/plain\r\n\r\nhello\r\n--b--\r\n"));
        nameless.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=b");
        await RefusedAsync(developer, nameless, HttpStatusCode.BadRequest);

        await RefusedAsync(developer, Form(null, contract), HttpStatusCode.BadRequest, "manifest");
        await RefusedAsync(developer, Form(manifest, null), HttpStatusCode.BadRequest, "contract");
        var twoContracts = Form(manifest, contract);
        twoContracts.Add(new ByteArrayContent(contract), "contract", "second.txt");
        await RefusedAsync(developer, twoContracts, HttpStatusCode.BadRequest, "contract");
        var twoManifests = Form(manifest, contract);
        twoManifests.Add(new StringContent("{}", Encoding.UTF8, "application/json"), "manifest");
        await RefusedAsync(developer, twoManifests, HttpStatusCode.BadRequest, "manifest");
        var unknownPart = Form(manifest, contract);
        unknownPart.Add(new StringContent("x"), "signature");
        await RefusedAsync(developer, unknownPart, HttpStatusCode.BadRequest, "signature");
        var htmlManifest = Form(null, contract);
        htmlManifest.Add(new StringContent("<p>manifest</p>", Encoding.UTF8, "text/html"), "manifest");
        await RefusedAsync(developer, htmlManifest, HttpStatusCode.UnsupportedMediaType, "manifest");
        var huge = Manifest(name: "x");
        huge["padding"] = new string('a', 70 * 1024);
        await RefusedAsync(developer, Form(huge, contract), HttpStatusCode.RequestEntityTooLarge, "manifest");
    }

    [Fact]
    public async Task A_malformed_manifest_is_a_400_naming_each_field()
    {
        var developer = await _driver.DeveloperAsync();
        var contract = Utf8(CompleteEnglish);

        await RefusedAsync(developer, Form("{ not json", contract), HttpStatusCode.BadRequest, "manifest");
        await RefusedAsync(developer, Form("{\"data\": {\"subjectsCount\": \"many\"}}", contract), HttpStatusCode.BadRequest);
        var invalid = """
            { "app": {"name": "", "description": "d", "category": "c", "homepage": "ftp://x"},
              "data": { "categories": [{"name": "x", "classification": "secret", "personalInformation": true}],
                        "purposes": [], "retentionDays": -1, "subjectsCount": 5, "crossBorder": {"enabled": true} },
              "authentication": {"methods": []}, "sdks": [] }
            """;
        var problem = await RefusedAsync(developer, Form(invalid, contract), HttpStatusCode.BadRequest);
        foreach (var field in new[] { "app.name", "app.homepage", "data.categories[0].classification", "data.categories[0].sensitive", "data.purposes",
                     "data.retentionDays", "data.crossBorder.destinations", "authentication.methods" })
        {
            Assert.True(problem.HasFieldError(field), $"no error for {field}: {problem.Text}");
        }
    }

    [Fact]
    public async Task Contracts_whose_bytes_are_no_supported_type_are_refused_at_the_door_whatever_their_name()
    {
        var developer = await _driver.DeveloperAsync();
        var manifest = Manifest();

        await RefusedAsync(developer, Form(manifest, Array.Empty<byte>()), HttpStatusCode.BadRequest, "contract");
        foreach (var (bytes, name) in new[]
                 {
                     (Corpus("bad/disguised-png.pdf"), "contract.pdf"),
                     (Corpus("bad/other.zip"), "contract.docx"),
                     ([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0], "contract.docx"),
                     (Enumerable.Range(0, 4096).Select(i => (byte)(i * 7919 % 256)).ToArray(), "contract.txt"),
                 })
        {
            var problem = await RefusedAsync(developer, Form(manifest, bytes, name), HttpStatusCode.UnsupportedMediaType, "contract");
            Assert.Contains("PDF, DOCX", problem.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        var tooLarge = new byte[(10 * 1024 * 1024) + 1];
        Array.Fill(tooLarge, (byte)'a');
        await RefusedAsync(developer, Form(manifest, tooLarge), HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Contracts_that_cannot_be_read_get_changes_requested_with_the_unreadable_finding_and_none_is_left_pending_or_approved()
    {
        var developer = await _driver.DeveloperAsync();
        var files = new (string Name, byte[] Bytes)[]
        {
            ("encrypted.pdf", Corpus("bad/encrypted.pdf")),
            ("image-only.pdf", Corpus("bad/image-only.pdf")),
            ("corrupt.pdf", Corpus("bad/corrupt.pdf")),
            ("zip-bomb.docx", Corpus("bad/zip-bomb.docx")),
            ("garbled-cjk.pdf", Corpus("bad/garbled-cjk.pdf")),
            ("blank.txt", Utf8("   \n\n\t  \n")),
        };
        var requests = new List<(string Name, string RequestId)>();
        foreach (var (name, bytes) in files)
        {
            requests.Add((name, await _driver.SubmitAcceptedAsync(developer.ApiKey, Manifest(), bytes, name)));
        }

        foreach (var (name, requestId) in requests)
        {
            var view = await _driver.WaitForDecisionAsync(requestId, developer.ApiKey);
            Assert.True(view.GetProperty("status").GetString() == "changes_requested", $"{name}: {view}");
            var finding = Assert.Single(view.GetProperty("findings").EnumerateArray(), f => f.GetProperty("status").GetString() == "unreadable");
            Assert.Equal("contract_readable", finding.GetProperty("ruleId").GetString());
            Assert.Equal("blocking", finding.GetProperty("severity").GetString());
            Assert.StartsWith("Contract text could not be read", finding.GetProperty("message").GetProperty("en").GetString(), StringComparison.Ordinal);
            Assert.False(view.TryGetProperty("appId", out _), name);
        }
    }

    private async Task<Answer> RefusedAsync(TestDeveloper developer, HttpContent content, HttpStatusCode expected, string? field = null)
    {
        var answer = await _driver.SubmitAsync(developer.ApiKey, content);
        Assert.True(answer.Status == expected, $"expected {(int)expected}, got {(int)answer.Status}: {answer.Text}");
        Assert.Equal("application/problem+json", answer.ContentType);
        if (field is not null)
        {
            Assert.True(answer.HasFieldError(field), $"no error for {field}: {answer.Text}");
        }

        return answer;
    }
}
