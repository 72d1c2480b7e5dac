using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Reflection;
using System.Reflection.Emit;
using System.Text.RegularExpressions;
using Governance.Core.Security;
using Governance.Core.Webhooks;
using Governance.Functions.Hosting;
using Governance.Functions.Http;
using Governance.Functions.Tests.Infrastructure;
using Governance.LocalHost;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Governance.Functions.Tests.Kernel;

/// <summary>
/// Access is declared on each HTTP function and enforced by the gate: every function has a declaration, and what
/// the local host serves to each kind of caller (401, 403, or let in: any other status) is what it declares.
/// </summary>
[Collection(GovernanceHostCollection.Name)]
public sealed partial class DeclaredAccessTests(GovernanceHostFixture fixture)
{
    private enum Outcome
    {
        LetIn,
        Unauthorized,
        Forbidden,
    }

    /// <summary>A kind of caller: how it dresses a request, and what a declaration promises it.</summary>
    private sealed record CallerKind(string Name, Action<HttpRequestMessage, byte[]> Dress, Func<AccessAttribute, Outcome> Expected);

    private static IReadOnlyList<FunctionDescriptor> HttpFunctions()
        => FunctionCatalog.Discover(typeof(FunctionCatalog).Assembly).Where(f => f.Trigger == TriggerKind.Http).ToList();

    [Fact]
    public void Every_http_function_of_the_app_declares_who_may_call_it()
    {
        var functions = HttpFunctions();

        Assert.True(functions.Count > 30, $"only {functions.Count} HTTP functions found");
        var undeclared = functions.Where(f => f.Access is null || f.Access.Problem() is not null).Select(f => f.Name).ToList();
        Assert.True(undeclared.Count == 0, "Without a complete [Access] declaration: " + string.Join(", ", undeclared));
        AccessGate.RequireDeclarations(functions);
    }

    [Fact]
    public async Task The_local_host_does_not_start_with_an_http_function_that_declares_nothing()
    {
        var options = new LocalHostOptions { Port = 0, RepositoryRoot = GovernanceHostFixture.RepositoryRoot, MinimumLogLevel = Microsoft.Extensions.Logging.LogLevel.Warning };
        options.Settings["AzureWebJobsStorage"] = fixture.StorageConnectionString;
        options.FunctionAssemblies.Add(AssemblyWithAnUndeclaredFunction());

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(async () => await (await LocalFunctionsHost.StartAsync(options)).DisposeAsync());

        Assert.Contains("'Undeclared'", failure.Message, StringComparison.Ordinal);
        Assert.Contains("[Access(...)]", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task What_each_kind_of_caller_is_served_matches_each_functions_declaration()
    {
        var (_, apiKey) = await fixture.SignUpDeveloperAsync("Declared Access Ltd");
        var functions = HttpFunctions();
        var sources = functions.Select(f => f.Access?.WebhookSource).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["Claims", "Payments"], sources);

        var callers = new List<CallerKind>
        {
            new("anonymous", (_, _) => { }, a => a.Admits(Callers.Anonymous) ? Outcome.LetIn : Outcome.Unauthorized),
            new("developer key", (r, _) => r.Headers.Add(ApiKeyHeader.Name, apiKey), a => Either(a, Callers.Developer, Outcome.LetIn)),
            new("staff token without a role", (r, _) => r.Headers.Authorization = Bearer(), a => Either(a, Callers.Staff, a.Roles.Length == 0 ? Outcome.LetIn : Outcome.Forbidden)),
            new("wrongly signed webhook", (r, body) => Sign(r, body, WebhookSecret.Parse(WebhookSecret.Generate())), a => Either(a, Callers.Webhook, Outcome.Unauthorized)),
            new("pricing ingestion key", (r, _) => r.Headers.Add(ApiKeyHeader.Name, GovernanceHostFixture.PricingIngestionKey),
                a => a.Admits(Callers.Developer) ? Outcome.Unauthorized : Either(a, Callers.IngestionKey, a.IngestionSource == "Pricing" ? Outcome.LetIn : Outcome.Unauthorized)),
        };
        callers.AddRange(StaffRoles.All.Select(role => new CallerKind(
            $"staff token with role {role}",
            (r, _) => r.Headers.Authorization = Bearer(role),
            a => Either(a, Callers.Staff, a.Roles.Length == 0 || a.Roles.Contains(role) ? Outcome.LetIn : Outcome.Forbidden))));
        callers.AddRange(sources.Select(source => new CallerKind(
            $"webhook signed for {source}",
            (r, body) => Sign(r, body, WebhookSecret.ParseList(fixture.Configuration[$"Webhooks:{source}:Secrets"])[0]),
            a => Either(a, Callers.Webhook, a.WebhookSource == source ? Outcome.LetIn : Outcome.Unauthorized))));

        var mismatches = new List<string>();
        var calls = 0;
        foreach (var function in functions)
        {
            foreach (var caller in callers)
            {
                var method = new HttpMethod(function.HttpMethods![0]);
                var body = "{}"u8.ToArray();
                using var request = new HttpRequestMessage(method, "api/" + RouteParameter().Replace(function.EffectiveRoute, "x"));
                if (method != HttpMethod.Get && method != HttpMethod.Delete)
                {
                    request.Content = new ByteArrayContent(body);
                    request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                }

                request.Headers.Add("X-Forwarded-For", ApiClient.UniqueClientAddress());
                caller.Dress(request, body);
                using var response = await fixture.Client.SendAsync(request);
                calls++;
                var expected = caller.Expected(function.Access!);
                var served = response.StatusCode switch
                {
                    HttpStatusCode.Unauthorized => Outcome.Unauthorized,
                    HttpStatusCode.Forbidden => Outcome.Forbidden,
                    _ => Outcome.LetIn,
                };
                if (served != expected || (int)response.StatusCode >= 500)
                {
                    mismatches.Add($"{function.Name} ({method} {request.RequestUri}) as {caller.Name}: declared {expected}, served {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                }
                else if (served == Outcome.Unauthorized && response.Headers.WwwAuthenticate.Count == 0)
                {
                    mismatches.Add($"{function.Name} as {caller.Name}: 401 without a WWW-Authenticate challenge");
                }
                else if (served != Outcome.LetIn && response.Content.Headers.ContentType?.MediaType != ProblemResponse.ContentType)
                {
                    mismatches.Add($"{function.Name} as {caller.Name}: {(int)response.StatusCode} is not a problem document");
                }

                if (function.Name == "DeveloperRotateKey" && response.StatusCode == HttpStatusCode.Created)
                {
                    apiKey = (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("apiKey").GetString()!;
                }
            }
        }

        Assert.Equal(functions.Count * callers.Count, calls);
        Assert.True(mismatches.Count == 0, $"{mismatches.Count} of {calls} calls differ from the declarations:\n" + string.Join('\n', mismatches));
    }

    /// <summary>
    /// A caller presenting only <paramref name="kind"/>'s credential: <paramref name="admitted"/> when the declaration
    /// takes that kind; otherwise the credential is ignored, so the request is anonymous.
    /// </summary>
    private static Outcome Either(AccessAttribute access, Callers kind, Outcome admitted)
        => access.Admits(kind) ? admitted : access.Admits(Callers.Anonymous) ? Outcome.LetIn : Outcome.Unauthorized;

    private AuthenticationHeaderValue Bearer(params string[] roles)
        => new("Bearer", fixture.StaffTokenFor("declared-access", roles));

    private void Sign(HttpRequestMessage request, byte[] body, WebhookSecret secret)
    {
        var id = "declared-" + Guid.NewGuid().ToString("N");
        var timestamp = fixture.Clock.GetUtcNow().ToUnixTimeSeconds();
        request.Headers.Add(WebhookHeaders.IdHeader, id);
        request.Headers.Add(WebhookHeaders.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookHeaders.SignatureHeader, "v1," + Convert.ToBase64String(WebhookSignature.Compute(secret, id, timestamp, body)));
    }

    /// <summary>An assembly with one HTTP function and no [Access] on it, built at run time so no test host serves it.</summary>
    private static Assembly AssemblyWithAnUndeclaredFunction()
    {
        var assembly = AssemblyBuilder.DefineDynamicAssembly(new AssemblyName("UndeclaredFunctions" + Guid.NewGuid().ToString("N")), AssemblyBuilderAccess.Run);
        var type = assembly.DefineDynamicModule("Main").DefineType("UndeclaredFunctions.Undeclared", TypeAttributes.Public | TypeAttributes.Class | TypeAttributes.Sealed);
        var method = type.DefineMethod("Run", MethodAttributes.Public, typeof(string), [typeof(HttpRequest)]);
        method.SetCustomAttribute(new CustomAttributeBuilder(typeof(FunctionAttribute).GetConstructor([typeof(string)])!, ["Undeclared"]));
        var trigger = method.DefineParameter(1, ParameterAttributes.None, "req");
        trigger.SetCustomAttribute(new CustomAttributeBuilder(
            typeof(HttpTriggerAttribute).GetConstructor([typeof(AuthorizationLevel), typeof(string[])])!,
            [AuthorizationLevel.Anonymous, new[] { "get" }],
            [typeof(HttpTriggerAttribute).GetProperty(nameof(HttpTriggerAttribute.Route))!],
            ["undeclared"]));
        var il = method.GetILGenerator();
        il.Emit(OpCodes.Ldstr, "served to anyone");
        il.Emit(OpCodes.Ret);
        type.CreateType();
        return assembly;
    }

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex RouteParameter();
}
