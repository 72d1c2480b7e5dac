using Governance.Core.Problems;
using Governance.Core.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Governance.Functions.Http;

/// <summary>
/// Turns an exception that escaped a function into the problem a client sees. Client faults keep their
/// status; a storage outage is a 503 with <c>Retry-After</c>; anything else is a bug, logged with the trace id
/// and answered with a bare 500.
/// </summary>
public static class HttpErrorMapper
{
    public static ProblemResponse ToProblem(Exception exception, HttpContext httpContext, ILogger logger)
    {
        switch (exception)
        {
            case GovernanceProblem problem:
                return ProblemResponse.From(problem);
            case BadHttpRequestException bad when bad.StatusCode == StatusCodes.Status413PayloadTooLarge:
                return new ProblemResponse(413, "Content Too Large", "The request body is larger than this endpoint accepts.");
            case BadHttpRequestException bad:
                return new ProblemResponse(bad.StatusCode, "Bad Request", "The request could not be read.");
            case OperationCanceledException when httpContext.RequestAborted.IsCancellationRequested:
                return new ProblemResponse(499, "Client Closed Request", "The client went away before the response was ready.");
            case not null when StorageFaults.IsUnavailable(exception):
                logger.LogWarning(exception, "Storage unavailable during {Method} {Path}; traceId {TraceId}.",
                    httpContext.Request.Method, httpContext.Request.Path, ProblemResponse.TraceId(httpContext));
                var unavailable = new ProblemResponse(503, "Service Unavailable", "The app's storage cannot be reached right now; retry later.");
                unavailable.Headers["Retry-After"] = StorageFaults.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return unavailable;
            default:
                logger.LogError(exception, "Unhandled exception in {Method} {Path}; traceId {TraceId}.",
                    httpContext.Request.Method, httpContext.Request.Path, ProblemResponse.TraceId(httpContext));
                return ProblemResponse.InternalError();
        }
    }
}
