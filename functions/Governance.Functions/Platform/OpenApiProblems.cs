using System.Globalization;
using Governance.Functions.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.OpenApi;

namespace Governance.Functions.Platform;

/// <summary>
/// The RFC 9457 problem responses of an operation: 401 and 403 from its access declaration, 400, 413 and 415 from
/// its JSON body, 404 from its path parameters, 409 and 422 from an <c>Idempotency-Key</c>, plus the statuses the
/// function names itself; and <c>4XX</c> for any other client error.
/// </summary>
internal sealed class OpenApiProblems(IOpenApiSchema problem)
{
    private const string MediaType = ProblemResponse.ContentType;

    private static readonly Dictionary<int, string> Descriptions = new()
    {
        [400] = "The request is invalid; a validation problem names each field in `errors`.",
        [401] = "Credentials are missing or invalid; `WWW-Authenticate` says which this operation takes.",
        [403] = "The caller is authenticated but holds none of the roles this operation needs.",
        [404] = "No such resource (another developer's resource answers the same).",
        [409] = "The resource's state does not allow this, or a request with the same `Idempotency-Key` is still running (with `Retry-After`).",
        [412] = "`If-Match` does not match the resource's current `ETag`.",
        [413] = "The request body is larger than this operation accepts.",
        [415] = "The request body's media type or content encoding is not one this operation takes (`application/json` unless it says otherwise).",
        [422] = "The request is well-formed but breaks a rule (the problem cites it), or reuses an `Idempotency-Key` for another request.",
        [429] = "Too many requests from this client; retry after `Retry-After` seconds.",
    };

    public void AddTo(OpenApiOperation operation, AccessAttribute access, OpenApiOperationAttribute? described, bool hasBody, bool hasPathParameters)
    {
        var statuses = new SortedSet<int>(described?.Problems ?? []);
        if (access.Callers != Callers.Anonymous)
        {
            statuses.Add(401);
        }

        if (access.Admits(Callers.Staff) && access.Roles.Length > 0)
        {
            statuses.Add(403);
        }

        if (hasBody)
        {
            statuses.UnionWith([400, 413, 415]);
        }

        if (access.Admits(Callers.Webhook))
        {
            statuses.Add(413);
        }

        if (hasPathParameters)
        {
            statuses.Add(404);
        }

        if (described?.IdempotencyKey == true)
        {
            statuses.UnionWith([400, 409, 422]);
        }

        foreach (var status in statuses)
        {
            operation.Responses![status.ToString(CultureInfo.InvariantCulture)] = Response(status, Descriptions.GetValueOrDefault(status) ?? ReasonPhrases.GetReasonPhrase(status));
        }

        operation.Responses!["4XX"] = Response(0, "Any other client error, such as a malformed request.");
    }

    private OpenApiResponse Response(int status, string description)
    {
        var response = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, IOpenApiMediaType> { [MediaType] = new OpenApiMediaType { Schema = problem } },
        };
        var header = status switch
        {
            401 => ("WWW-Authenticate", "The credential this operation takes: `Bearer`, `ApiKey header=\"X-Api-Key\"` or `Webhook-Signature`.", JsonSchemaType.String),
            429 => ("Retry-After", "Seconds to wait before trying again.", JsonSchemaType.Integer),
            _ => default,
        };
        if (header.Item1 is not null)
        {
            response.Headers = new Dictionary<string, IOpenApiHeader>
            {
                [header.Item1] = new OpenApiHeader { Description = header.Item2, Schema = new OpenApiSchema { Type = header.Item3 } },
            };
        }

        return response;
    }
}
