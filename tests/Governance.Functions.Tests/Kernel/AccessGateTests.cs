using System.Globalization;
using Governance.Core.Developers;
using Governance.Core.Problems;
using Governance.Core.Security;
using Governance.Core.Webhooks;
using Governance.Functions.Hosting;
using Governance.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace Governance.Functions.Tests.Kernel;

/// <summary>The access gate on its own: real authenticator and webhook verifier, requests built in memory.</summary>
public sealed class AccessGateTests
{
    private const string DeveloperKey = "gk_valid-key";
    private const string IngestionKey = "ingest-key-for-gate-tests-0123456789abcdef";
    private const string RotatedIngestionKey = "ingest-key-for-gate-tests-rotated-0123456789";
    private static readonly string ClaimsSecretSetting = WebhookSecret.Generate();
    private static readonly WebhookSecret ClaimsSecret = WebhookSecret.Parse(ClaimsSecretSetting);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2030, 5, 1, 8, 0, 0, TimeSpan.Zero));
    private readonly IOptions<AuthOptions> _auth = Options.Create(new AuthOptions
    {
        Issuer = "gate-tests",
        Audience = "governance-api",
        SigningKey = Convert.ToBase64String(new byte[32].Select((_, i) => (byte)(i * 7 + 1)).ToArray()),
    });

    private AccessGate Gate()
    {
        var developers = new Mock<IDeveloperKeyLookup>();
        developers.Setup(d => d.FindDeveloperIdAsync(DeveloperKey, It.IsAny<CancellationToken>())).ReturnsAsync("dev_1");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(
        [
            new("Webhooks:Claims:Secrets", ClaimsSecretSetting),
            new("Pricing:IngestionKeys", $"{RotatedIngestionKey}; {IngestionKey}"),
        ]).Build();
        var ingestion = new ServiceCollection().AddIngestionKeySource(configuration, "Pricing").BuildServiceProvider().GetRequiredService<IngestionKeyVerifier>();
        return new AccessGate(
            new RequestAuthenticator(new StaffTokenValidator(_auth, _time), developers.Object),
            new InboundWebhookVerifier(configuration, new WebhookSignature(_time)),
            ingestion);
    }

    private string Token(params string[] roles) => "Bearer " + new DevTokenIssuer(_auth, _time).Issue(roles, subject: "gate-user");

    private static FunctionDescriptor Function(string name)
    {
        var method = typeof(DeclaredSamples).GetMethod(name)!;
        return new FunctionDescriptor(name, method, TriggerKind.Http, method.GetParameters()[0], Route: name.ToLowerInvariant(), HttpMethods: ["POST"]);
    }

    private static HttpRequest Request(byte[]? body = null, params (string Name, string Value)[] headers)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = HttpMethods.Post;
        context.Request.Path = "/api/gate";
        context.Request.Body = body is null ? new UnreadableStream() : new MemoryStream(body);
        context.Request.ContentLength = body?.Length;
        foreach (var (name, value) in headers)
        {
            context.Request.Headers[name] = value;
        }

        return context.Request;
    }

    private (string, string)[] Signed(byte[] body, WebhookSecret secret, string id = "msg-1")
    {
        var timestamp = _time.GetUtcNow().ToUnixTimeSeconds();
        return
        [
            (WebhookHeaders.IdHeader, id),
            (WebhookHeaders.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture)),
            (WebhookHeaders.SignatureHeader, "v1," + Convert.ToBase64String(WebhookSignature.Compute(secret, id, timestamp, body))),
        ];
    }

    [Fact]
    public async Task An_anonymous_function_admits_anyone_and_ignores_credentials_it_does_not_take()
    {
        var request = Request(headers: ("Authorization", "Bearer not-a-token"));

        var grant = await Gate().AdmitAsync(request, Function(nameof(DeclaredSamples.Anonymous)));

        Assert.Equal(CallerKind.Anonymous, grant.Caller.Kind);
        Assert.Same(grant.Caller, request.Caller());
        Assert.Null(request.VerifiedWebhook());
    }

    [Fact]
    public async Task A_staff_function_answers_401_with_a_bearer_challenge_before_reading_the_body()
    {
        var problem = await Assert.ThrowsAsync<GovernanceProblem>(() => Gate().AdmitAsync(Request(), Function(nameof(DeclaredSamples.Operators))));

        Assert.Equal(401, problem.Status);
        Assert.Equal("Bearer", problem.Headers["WWW-Authenticate"]);
    }

    [Fact]
    public async Task A_staff_function_answers_403_to_a_token_without_one_of_its_roles_and_admits_one_with_it()
    {
        var forbidden = await Assert.ThrowsAsync<GovernanceProblem>(() => Gate().AdmitAsync(Request(headers: ("Authorization", Token(StaffRoles.Reviewer))), Function(nameof(DeclaredSamples.Operators))));
        var request = Request(headers: ("Authorization", Token(StaffRoles.Auditor, StaffRoles.Operator)));
        var grant = await Gate().AdmitAsync(request, Function(nameof(DeclaredSamples.Operators)));

        Assert.Equal(403, forbidden.Status);
        Assert.True(grant.Caller.IsStaff);
        Assert.Equal("gate-user", request.Caller().Subject);
    }

    [Fact]
    public async Task Staff_or_developer_checks_whichever_credential_is_sent_and_challenges_for_both_when_none_is()
    {
        var developer = await Gate().AdmitAsync(Request(headers: (ApiKeyHeader.Name, DeveloperKey)), Function(nameof(DeclaredSamples.OperatorsOrDevelopers)));
        var staff = await Gate().AdmitAsync(Request(headers: ("Authorization", Token(StaffRoles.Operator))), Function(nameof(DeclaredSamples.OperatorsOrDevelopers)));
        var wrongKey = await Assert.ThrowsAsync<GovernanceProblem>(() => Gate().AdmitAsync(Request(headers: (ApiKeyHeader.Name, "gk_unknown")), Function(nameof(DeclaredSamples.OperatorsOrDevelopers))));
        var none = await Assert.ThrowsAsync<GovernanceProblem>(() => Gate().AdmitAsync(Request(), Function(nameof(DeclaredSamples.OperatorsOrDevelopers))));

        Assert.Equal("dev_1", developer.Caller.DeveloperId);
        Assert.True(staff.Caller.IsStaff);
        Assert.Equal(401, wrongKey.Status);
        Assert.Equal(401, none.Status);
        Assert.Contains("Bearer", none.Headers["WWW-Authenticate"], StringComparison.Ordinal);
        Assert.Contains(ApiKeyHeader.Challenge, none.Headers["WWW-Authenticate"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_ingestion_key_of_the_declared_source_is_admitted_as_an_ingestion_client_named_by_its_fingerprint()
    {
        var request = Request(headers: (ApiKeyHeader.Name, IngestionKey));

        var grant = await Gate().AdmitAsync(request, Function(nameof(DeclaredSamples.OperatorsOrPricingFeed)));

        Assert.Equal(CallerKind.IngestionClient, grant.Caller.Kind);
        Assert.Equal("pricing-ingestion:" + IngestionKeyVerifier.Fingerprint(IngestionKey), grant.Caller.Subject);
        Assert.DoesNotContain(IngestionKey, grant.Caller.Subject!, StringComparison.Ordinal);
        Assert.False(grant.Caller.IsStaff);
    }

    [Fact]
    public async Task Ingestion_or_staff_refuses_a_wrong_or_a_developer_key_and_challenges_for_both_when_nothing_is_sent()
    {
        var function = Function(nameof(DeclaredSamples.OperatorsOrPricingFeed));
        var wrong = await Assert.ThrowsAsync<GovernanceProblem>(() => Gate().AdmitAsync(Request(headers: (ApiKeyHeader.Name, IngestionKey + "x")), function));
        var developer = await Assert.ThrowsAsync<GovernanceProblem>(() => Gate().AdmitAsync(Request(headers: (ApiKeyHeader.Name, DeveloperKey)), function));
        var none = await Assert.ThrowsAsync<GovernanceProblem>(() => Gate().AdmitAsync(Request(), function));
        var staff = await Gate().AdmitAsync(Request(headers: ("Authorization", Token(StaffRoles.Operator))), function);
        var rotated = await Gate().AdmitAsync(Request(headers: (ApiKeyHeader.Name, RotatedIngestionKey)), function);

        Assert.Equal((401, 401, 401), (wrong.Status, developer.Status, none.Status));
        Assert.Equal("Bearer, " + ApiKeyHeader.Challenge, none.Headers["WWW-Authenticate"]);
        Assert.True(staff.Caller.IsStaff);
        Assert.Equal(CallerKind.IngestionClient, rotated.Caller.Kind);
    }

    [Fact]
    public async Task An_ingestion_key_is_no_developer_key()
    {
        var problem = await Assert.ThrowsAsync<GovernanceProblem>(() => Gate().AdmitAsync(Request(headers: (ApiKeyHeader.Name, IngestionKey)), Function(nameof(DeclaredSamples.OperatorsOrDevelopers))));

        Assert.Equal(401, problem.Status);
    }

    [Fact]
    public async Task A_signed_webhook_is_verified_on_its_body_and_the_function_reads_the_same_bytes()
    {
        var body = "{\"type\":\"claim.filed\"}"u8.ToArray();
        var request = Request(body, Signed(body, ClaimsSecret, "msg-42"));

        var grant = await Gate().AdmitAsync(request, Function(nameof(DeclaredSamples.ClaimsWebhook)));

        Assert.Equal(new VerifiedWebhook("Claims", "msg-42"), grant.Webhook);
        Assert.Equal(body, await RequestBody.ReadBytesAsync(request, 1024, requireJson: false));
    }

    [Fact]
    public async Task A_webhook_with_missing_headers_is_401_before_its_body_is_read_and_a_wrong_signature_is_401()
    {
        var body = "{}"u8.ToArray();
        var missing = await Assert.ThrowsAsync<GovernanceProblem>(() => Gate().AdmitAsync(
            Request(null, (WebhookHeaders.IdHeader, "msg-1")), Function(nameof(DeclaredSamples.ClaimsWebhook))));
        var forged = await Assert.ThrowsAsync<GovernanceProblem>(() => Gate().AdmitAsync(
            Request(body, Signed(body, WebhookSecret.Parse(WebhookSecret.Generate()))), Function(nameof(DeclaredSamples.ClaimsWebhook))));
        var anonymous = await Assert.ThrowsAsync<GovernanceProblem>(() => Gate().AdmitAsync(Request(), Function(nameof(DeclaredSamples.ClaimsWebhook))));

        Assert.Equal(401, missing.Status);
        Assert.Contains(WebhookHeaders.SignatureHeader, missing.Detail, StringComparison.Ordinal);
        Assert.Equal(401, forged.Status);
        Assert.Equal(401, anonymous.Status);
        Assert.Equal("Webhook-Signature", anonymous.Headers["WWW-Authenticate"]);
    }

    [Fact]
    public async Task A_webhook_body_over_the_declared_limit_is_413()
    {
        var body = new byte[DeclaredSamples.WebhookLimit + 1];
        body.AsSpan().Fill((byte)' ');

        var problem = await Assert.ThrowsAsync<GovernanceProblem>(() => Gate().AdmitAsync(Request(body, Signed(body, ClaimsSecret)), Function(nameof(DeclaredSamples.ClaimsWebhook))));

        Assert.Equal(413, problem.Status);
    }

    [Fact]
    public async Task A_webhook_source_without_secrets_is_a_401_not_a_500_and_staff_may_still_call()
    {
        var body = "{}"u8.ToArray();

        var problem = await Assert.ThrowsAsync<GovernanceProblem>(() => Gate().AdmitAsync(Request(body, Signed(body, ClaimsSecret)), Function(nameof(DeclaredSamples.OperatorsOrPayments))));
        var staff = await Gate().AdmitAsync(Request(headers: ("Authorization", Token(StaffRoles.Operator))), Function(nameof(DeclaredSamples.OperatorsOrPayments)));

        Assert.Equal(401, problem.Status);
        Assert.Contains("Payments", problem.Detail, StringComparison.Ordinal);
        Assert.True(staff.Caller.IsStaff);
    }

    [Fact]
    public async Task A_function_without_a_declaration_is_refused_and_stops_start_up()
    {
        var undeclared = Function(nameof(DeclaredSamples.Undeclared));

        await Assert.ThrowsAsync<InvalidOperationException>(() => Gate().AdmitAsync(Request(), undeclared));
        var startUp = Assert.Throws<InvalidOperationException>(() => AccessGate.RequireDeclarations([Function(nameof(DeclaredSamples.Anonymous)), undeclared]));
        Assert.Contains("'Undeclared'", startUp.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("'Anonymous'", startUp.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(nameof(DeclaredSamples.RolesWithoutStaff))]
    [InlineData(nameof(DeclaredSamples.WebhookWithoutSource))]
    [InlineData(nameof(DeclaredSamples.UnknownRole))]
    [InlineData(nameof(DeclaredSamples.IngestionWithoutSource))]
    [InlineData(nameof(DeclaredSamples.DevelopersAndIngestion))]
    public void An_incomplete_declaration_stops_start_up(string name)
    {
        var failure = Assert.Throws<InvalidOperationException>(() => AccessGate.RequireDeclarations([Function(name)]));

        Assert.Contains($"'{name}'", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_function_body_run_without_the_gate_cannot_read_a_caller()
    {
        Assert.Throws<InvalidOperationException>(() => Request().Caller());
    }

    [Fact]
    public async Task The_worker_middleware_admits_before_the_function_named_by_its_entry_point()
    {
        var gate = Gate();
        var entryPoint = typeof(Governance.Functions.Platform.PlatformProfileFunctions).FullName + "." + nameof(Governance.Functions.Platform.PlatformProfileFunctions.Get);
        var ran = 0;

        var anonymous = Invocation(entryPoint, Request());
        await Assert.ThrowsAsync<GovernanceProblem>(() => new AccessMiddleware(gate).Invoke(anonymous.Context, _ => Task.FromResult(ran++)));
        var auditor = Invocation(entryPoint, Request(headers: ("Authorization", Token(StaffRoles.Auditor))));
        await new AccessMiddleware(gate).Invoke(auditor.Context, _ => Task.FromResult(ran++));
        var unknown = Invocation("Somewhere.Else.Run", Request());

        Assert.Equal(1, ran);
        Assert.True(auditor.Request.Caller().IsStaff);
        await Assert.ThrowsAsync<InvalidOperationException>(() => new AccessMiddleware(gate).Invoke(unknown.Context, _ => Task.FromResult(ran++)));
        Assert.Equal(1, ran);
    }

    [Fact]
    public async Task The_worker_middleware_leaves_non_http_invocations_alone()
    {
        var context = new Mock<FunctionContext>();
        context.SetupGet(c => c.Items).Returns(new Dictionary<object, object>());
        var ran = false;

        await new AccessMiddleware(Gate()).Invoke(context.Object, _ =>
        {
            ran = true;
            return Task.CompletedTask;
        });

        Assert.True(ran);
    }

    private static (FunctionContext Context, HttpRequest Request) Invocation(string entryPoint, HttpRequest request)
    {
        var definition = new Mock<FunctionDefinition>();
        definition.SetupGet(d => d.EntryPoint).Returns(entryPoint);
        var context = new Mock<FunctionContext>();
        context.SetupGet(c => c.Items).Returns(new Dictionary<object, object> { ["HttpRequestContext"] = request.HttpContext });
        context.SetupGet(c => c.FunctionDefinition).Returns(definition.Object);
        return (context.Object, request);
    }
}
