using System.Diagnostics;
using System.Text.Json;
using Governance.Core.Json;
using Governance.Core.Problems;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Governance.Functions.Http;

/// <summary>
/// The body of every error response (RFC 9457): <paramref name="Errors"/> maps each invalid field to its messages
/// (validation failures only); <paramref name="TraceId"/> finds the request in the logs.
/// </summary>
public sealed record ProblemDocument(
    string Type,
    string Title,
    int Status,
    string Detail,
    string? Instance,
    string TraceId,
    IReadOnlyDictionary<string, string[]>? Errors = null);

/// <summary>
/// An RFC 9457 problem written as <c>application/problem+json</c>. Implements both result interfaces so it
/// executes the same on the Functions worker, the local host and in unit tests.
/// </summary>
public sealed class ProblemResponse : IActionResult, IResult
{
    public const string ContentType = "application/problem+json";

    public ProblemResponse(int status, string title, string detail, IReadOnlyDictionary<string, string[]>? errors = null)
    {
        Status = status;
        Title = title;
        Detail = detail;
        Errors = errors;
    }

    public int Status { get; }

    public string Title { get; }

    public string Detail { get; }

    public IReadOnlyDictionary<string, string[]>? Errors { get; }

    public IDictionary<string, string> Headers { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    public static ProblemResponse From(GovernanceProblem problem)
    {
        var response = new ProblemResponse(problem.Status, problem.Title, problem.Detail, problem.Errors);
        foreach (var header in problem.Headers)
        {
            response.Headers[header.Key] = header.Value;
        }

        return response;
    }

    public static ProblemResponse InternalError()
        => new(500, "Internal Server Error", "The server failed to complete the request. Quote the traceId when reporting it.");

    public Task ExecuteResultAsync(ActionContext context) => ExecuteAsync(context.HttpContext);

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = Status;
        response.ContentType = ContentType;
        foreach (var header in Headers)
        {
            response.Headers[header.Key] = header.Value;
        }

        var body = new ProblemDocument("about:blank", Title, Status, Detail, httpContext.Request.Path.Value, TraceId(httpContext), Errors);
        await JsonSerializer.SerializeAsync(response.Body, body, GovernanceJson.Options, httpContext.RequestAborted);
    }

    /// <summary>
    /// The request's W3C trace id (32 hex digits): the one its log lines carry (logging scopes take it from the same
    /// activity) and the one exported telemetry is filed under. A client's <c>traceparent</c> is continued (see README).
    /// </summary>
    public static string TraceId(HttpContext httpContext)
    {
        var activity = Activity.Current ?? httpContext.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpActivityFeature>()?.Activity;
        return activity is { IdFormat: ActivityIdFormat.W3C } ? activity.TraceId.ToHexString() : httpContext.TraceIdentifier;
    }
}
