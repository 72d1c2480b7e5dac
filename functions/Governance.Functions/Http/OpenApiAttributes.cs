namespace Governance.Functions.Http;

/// <summary>
/// How an HTTP function is described in <c>/api/openapi.json</c>, next to its <see cref="AccessAttribute"/>. The
/// problems the access declaration, a request body and path parameters imply (401, 403, 400/413/415, 404) are
/// added by the document builder; <see cref="Problems"/> names the others this operation can answer.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class OpenApiOperationAttribute(string summary) : Attribute
{
    public string Summary { get; } = summary;

    public string? Description { get; init; }

    /// <summary>Further problem statuses (409, 412, 422, 429...).</summary>
    public int[] Problems { get; init; } = [];

    /// <summary>Accepts an optional <c>Idempotency-Key</c> (see <see cref="IdempotentPost"/>): documents the header and its 409 and 422.</summary>
    public bool IdempotencyKey { get; init; }
}

/// <summary>
/// The request body: its schema is generated from <see cref="Type"/> with the app's JSON options. For a stream of
/// JSON documents (<c>application/x-ndjson</c>), <see cref="Type"/> is one line of it.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class OpenApiBodyAttribute(Type type) : Attribute
{
    public Type Type { get; } = type;

    /// <summary>The body's media type: JSON unless the function reads another (e.g. <c>multipart/form-data</c>, whose parts are <see cref="Type"/>'s properties).</summary>
    public string ContentType { get; init; } = "application/json";

    /// <summary>For a multipart body, each part's media type as <c>part=media/type</c>.</summary>
    public string[] PartTypes { get; init; } = [];

    public string? Description { get; init; }
}

/// <summary>A non-problem response: its status, body type (none for an empty body) and media type.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class OpenApiResponseAttribute(int status, Type? type = null) : Attribute
{
    public int Status { get; } = status;

    public Type? Type { get; } = type;

    public string ContentType { get; init; } = "application/json";

    public string? Description { get; init; }
}

/// <summary>A query string parameter the function reads.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class OpenApiQueryAttribute(string name, string description) : Attribute
{
    public string Name { get; } = name;

    public string Description { get; } = description;

    /// <summary>The value's type (<c>string</c>, <c>int</c>, <c>DateTimeOffset</c>...), for its schema.</summary>
    public Type Type { get; init; } = typeof(string);

    public bool Required { get; init; }
}
