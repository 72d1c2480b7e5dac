namespace Governance.Core.Problems;

/// <summary>
/// A failure a client caused, carried to the HTTP edge and written there as an RFC 9457 problem.
/// Services throw it; they never choose status codes for anything else. Titles are the HTTP reason phrases
/// (the problem type is <c>about:blank</c>); <see cref="Detail"/> says what was wrong.
/// </summary>
public sealed class GovernanceProblem : Exception
{
    public GovernanceProblem(int status, string title, string detail, IReadOnlyDictionary<string, string[]>? errors = null)
        : base(detail)
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

    /// <summary>Response headers the problem needs, such as WWW-Authenticate or Retry-After.</summary>
    public IDictionary<string, string> Headers { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    public static GovernanceProblem Validation(IReadOnlyDictionary<string, string[]> errors, string detail = "One or more fields are invalid.")
        => new(400, "Bad Request", detail, errors);

    public static GovernanceProblem BadRequest(string detail) => new(400, "Bad Request", detail);

    public static GovernanceProblem Unauthorized(string detail, string challenge = "Bearer")
    {
        var problem = new GovernanceProblem(401, "Unauthorized", detail);
        problem.Headers["WWW-Authenticate"] = challenge;
        return problem;
    }

    public static GovernanceProblem Forbidden(string detail) => new(403, "Forbidden", detail);

    public static GovernanceProblem NotFound(string detail) => new(404, "Not Found", detail);

    public static GovernanceProblem Conflict(string detail) => new(409, "Conflict", detail);

    public static GovernanceProblem PayloadTooLarge(long limitBytes)
        => new(413, "Content Too Large", $"The request body exceeds the limit of {limitBytes} bytes.");

    public static GovernanceProblem UnsupportedMediaType(string expected)
        => new(415, "Unsupported Media Type", $"The request body must be sent as {expected}.");

    public static GovernanceProblem Unprocessable(string detail, IReadOnlyDictionary<string, string[]>? errors = null)
        => new(422, "Unprocessable Content", detail, errors);

    public static GovernanceProblem TooManyRequests(TimeSpan retryAfter)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        var problem = new GovernanceProblem(429, "Too Many Requests", $"Too many requests; retry after {seconds} seconds.");
        problem.Headers["Retry-After"] = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return problem;
    }
}
