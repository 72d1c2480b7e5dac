using Governance.Core.Problems;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Governance.Functions.Http;

/// <summary>
/// Turns an exception that escaped a function into the problem a client sees. Client faults keep their
/// status; anything else is a bug, logged with the trace id and answered with a bare 500.
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
            default:
                logger.LogError(exception, "Unhandled exception in {Method} {Path}; traceId {TraceId}.",
                    httpContext.Request.Method, httpContext.Request.Path, ProblemResponse.TraceId(httpContext));
                return ProblemResponse.InternalError();
        }
    }
}
