using Governance.Core.Problems;
using Governance.Core.Security;
using Governance.Core.Webhooks;
using Governance.Functions.Hosting;
using Microsoft.AspNetCore.Http;

namespace Governance.Functions.Http;

/// <summary>A webhook whose signature the gate verified: its source (secret set) and <c>webhook-id</c>.</summary>
public sealed record VerifiedWebhook(string Source, string Id);

/// <summary>What the gate established about a request, handed to the function through the request's features.</summary>
public sealed record AccessGrant(Caller Caller, VerifiedWebhook? Webhook = null);

/// <summary>
/// The one place where an HTTP function's <see cref="AccessAttribute"/> is enforced, before the function runs: by
/// <see cref="AccessMiddleware"/> on the Functions worker and by the local host's HTTP endpoint. Credentials are
/// checked with the existing <see cref="ICallerAuthenticator"/>, <see cref="InboundWebhookVerifier"/> and
/// <see cref="IngestionKeyVerifier"/>, so the 401 (with its <c>WWW-Authenticate</c> challenge) and 403 problems are
/// theirs. Of the credentials a request carries, the first the declaration admits is checked, in the order bearer
/// token, API key (a developer's or an ingestion key, whichever the declaration admits), webhook signature;
/// credentials of a kind the declaration does not admit are ignored. A request with none the declaration admits
/// is anonymous if that is admitted, otherwise a 401 before any of its body is read.
/// </summary>
public sealed class AccessGate(ICallerAuthenticator authenticator, InboundWebhookVerifier webhooks, IngestionKeyVerifier ingestionKeys)
{
    /// <summary>Checks the request against <paramref name="function"/>'s declaration and records the grant on it (see <see cref="RequestAccess"/>).</summary>
    public async Task<AccessGrant> AdmitAsync(HttpRequest request, FunctionDescriptor function, CancellationToken cancellationToken = default)
    {
        // Never reached in a host that started: both check every declaration at start-up (RequireDeclarations).
        var access = function.Access
            ?? throw new InvalidOperationException($"HTTP function '{function.Name}' declares no [Access]; it is not served.");
        var grant = await AdmitAsync(request, access, cancellationToken);
        request.HttpContext.Features.Set(grant);
        return grant;
    }

    /// <summary>Fails start-up when an HTTP function has no complete declaration (or a non-HTTP function has one).</summary>
    public static void RequireDeclarations(IEnumerable<FunctionDescriptor> functions)
    {
        var failures = new List<string>();
        foreach (var function in functions)
        {
            var problem = function.Trigger == TriggerKind.Http
                ? function.Access is null ? "has no [Access(...)] declaration" : function.Access.Problem()
                : function.Access is null ? null : "declares [Access] but is not HTTP-triggered";
            if (problem is not null)
            {
                failures.Add($"'{function.Name}' ({function.Method.DeclaringType?.FullName}.{function.Method.Name}) {problem}");
            }
        }

        if (failures.Count > 0)
        {
            throw new InvalidOperationException("Every HTTP function declares who may call it with [Access(...)], so none is public by accident: " + string.Join("; ", failures) + ".");
        }
    }

    private async Task<AccessGrant> AdmitAsync(HttpRequest request, AccessAttribute access, CancellationToken cancellationToken)
    {
        var authorization = RequestCredentials.Authorization(request);
        if (access.Admits(Callers.Staff) && authorization is not null)
        {
            return new AccessGrant(await authenticator.RequireStaffAsync(authorization, access.Roles, cancellationToken));
        }

        var apiKey = RequestCredentials.ApiKey(request);
        if (access.Admits(Callers.Developer) && apiKey is not null)
        {
            return new AccessGrant(await authenticator.RequireDeveloperAsync(apiKey, cancellationToken));
        }

        if (access.Admits(Callers.IngestionKey) && apiKey is not null)
        {
            return new AccessGrant(ingestionKeys.Verify(access.IngestionSource!, apiKey));
        }

        var webhook = RequestCredentials.Webhook(request);
        if (access.Admits(Callers.Webhook) && (webhook.Id ?? webhook.Timestamp ?? webhook.Signature) is not null)
        {
            return new AccessGrant(Caller.Anonymous, await VerifyWebhookAsync(request, access, webhook, cancellationToken));
        }

        if (access.Admits(Callers.Anonymous))
        {
            return new AccessGrant(Caller.Anonymous);
        }

        // No credential the declaration admits: the authenticator's own 401 for the kinds admitted.
        if (access.Admits(Callers.Staff | Callers.Developer))
        {
            await authenticator.RequireStaffOrDeveloperAsync(null, null, access.Roles, cancellationToken);
        }
        else if (access.Admits(Callers.Staff | Callers.IngestionKey))
        {
            throw GovernanceProblem.Unauthorized(
                $"This endpoint needs a staff bearer token or an ingestion key ({ApiKeyHeader.Name}).", "Bearer, " + IngestionKeyVerifier.Challenge);
        }
        else if (access.Admits(Callers.IngestionKey))
        {
            ingestionKeys.Verify(access.IngestionSource!, null);
        }
        else if (access.Admits(Callers.Staff))
        {
            await authenticator.RequireStaffAsync(null, access.Roles, cancellationToken);
        }
        else if (access.Admits(Callers.Developer))
        {
            await authenticator.RequireDeveloperAsync(null, cancellationToken);
        }
        else
        {
            await VerifyWebhookAsync(request, access, webhook, cancellationToken);
        }

        throw new InvalidOperationException("The authenticator admitted a request that sent no credentials.");
    }

    private async Task<VerifiedWebhook> VerifyWebhookAsync(HttpRequest request, AccessAttribute access, WebhookHeaders headers, CancellationToken cancellationToken)
    {
        var source = access.WebhookSource!;
        try
        {
            webhooks.SecretsFor(source);
        }
        catch (InvalidOperationException)
        {
            var staff = access.Admits(Callers.Staff);
            throw GovernanceProblem.Unauthorized(
                $"Signed webhooks from {source} are not enabled on this deployment{(staff ? "; use a staff bearer token" : string.Empty)}.",
                staff ? "Bearer" : "Webhook-Signature");
        }

        if (headers.Id is null || headers.Timestamp is null || headers.Signature is null)
        {
            // The verifier checks the headers before the body: this is its 401 naming the missing ones, sent before
            // any byte of the body is read.
            webhooks.Verify(source, headers, ReadOnlySpan<byte>.Empty);
        }

        // The signature covers the body: read it once under the endpoint's limit (413 past it) and keep it, so the
        // function reads the very bytes that were verified.
        var body = await RequestBody.ReadBytesAsync(request, access.BodyLimit, requireJson: false, cancellationToken);
        request.Body = new MemoryStream(body, writable: false);
        return new VerifiedWebhook(source, webhooks.Verify(source, headers, body));
    }
}

/// <summary>What the access gate established, as the function reads it: <c>req.Caller()</c>, <c>req.VerifiedWebhook()</c>.</summary>
public static class RequestAccess
{
    /// <summary>Who is calling: staff, a developer, or anonymous (also for a signed webhook, which has no caller account).</summary>
    public static Caller Caller(this HttpRequest request) => Grant(request).Caller;

    /// <summary>The verified webhook when the request was admitted by its signature; null otherwise.</summary>
    public static VerifiedWebhook? VerifiedWebhook(this HttpRequest request) => Grant(request).Webhook;

    private static AccessGrant Grant(HttpRequest request)
        => request.HttpContext.Features.Get<AccessGrant>()
            ?? throw new InvalidOperationException($"{request.Method} {request.Path} ran without passing the access gate.");
}
