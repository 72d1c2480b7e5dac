using System.Text.Json;
using Governance.Core.Idempotency;
using Governance.Core.Json;
using Governance.Core.Problems;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Governance.Functions.Http;

/// <summary>What a write endpoint answers, in a form that can be stored and replayed byte for byte.</summary>
public sealed record ApiResponse(int StatusCode, object? Body, string? Location = null)
{
    public static ApiResponse Created(object body, string? location = null) => new(StatusCodes.Status201Created, body, location);

    public static ApiResponse Ok(object body) => new(StatusCodes.Status200OK, body);
}

/// <summary>
/// The one idempotency layer, at the edge, for <c>Idempotency-Key</c> and <c>webhook-id</c> alike. A signed webhook
/// (the access gate verified it: <c>req.VerifiedWebhook()</c>) is keyed by its <c>webhook-id</c> within its source; any
/// other caller by its optional <c>Idempotency-Key</c> within its own scope (another caller's identical key is another
/// operation). The first completed response is stored and replayed for the same key (<c>Idempotent-Replayed: true</c>);
/// the same key with another request (method, path, body) is a 422; a duplicate while the first runs is a 409 with
/// <c>Retry-After</c>. Without a key the write simply runs.
/// <para>
/// The write gets an operation id, the same for every retry of the same keyed request (fresh without a key), and must
/// be safe to run again under it: writes go through the aggregate store, which recognises what an earlier attempt of
/// the operation committed. So there is one failure policy (<see cref="IdempotencyStore"/>): a client fault (a
/// <see cref="GovernanceProblem"/>, raised before anything is written) releases the key so a corrected retry runs; any
/// other failure holds the key for <c>Idempotency__FailedRetryAfterSeconds</c>, then a retry runs the write again with
/// the same operation id. A started write runs to its end whatever the client does (<see cref="WriteCompletion"/>).
/// </para>
/// </summary>
public sealed class IdempotentPost(IdempotencyStore store, WriteCompletion completion)
{
    public const string HeaderName = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";

    /// <param name="operation">A constant naming the write (e.g. <c>claim-decision</c>): keys are scoped by it and by the caller.</param>
    /// <param name="body">The request body as read: with the method and path, what makes two requests the same.</param>
    /// <param name="write">The write, given its operation id.</param>
    public async Task<IActionResult> ExecuteAsync(
        HttpRequest request,
        string operation,
        ReadOnlyMemory<byte> body,
        Func<string, CancellationToken, Task<ApiResponse>> write,
        CancellationToken cancellationToken)
    {
        if (Key(request, operation) is not { } keyed)
        {
            var response = await completion.RunAsync(ct => write(IdempotentOperations.NewOperationId(), ct), cancellationToken);
            return new StoredResponseResult(Store(response), replayed: false);
        }

        var (scope, key) = keyed;
        var requestHash = IdempotencyStore.HashRequest(body.Span, request.Method, request.Path.Value ?? string.Empty);
        var operationId = IdempotentOperations.OperationId(scope, key, requestHash);
        var result = await store.ExecuteAsync(scope, key, requestHash, async ct => Store(await write(operationId, ct)), cancellationToken);
        return new StoredResponseResult(result.Response, result.Replayed);
    }

    /// <summary>
    /// <see cref="ExecuteAsync"/> for a JSON body: reads and parses it first (415, 413 and 400 as <see cref="RequestBody"/>
    /// answers them), then runs the write with the parsed body under the same key, scope and failure policy.
    /// </summary>
    public async Task<IActionResult> ExecuteJsonAsync<TBody>(
        HttpRequest request,
        string operation,
        long limitBytes,
        Func<TBody, string, CancellationToken, Task<ApiResponse>> write,
        CancellationToken cancellationToken)
    {
        var bytes = await RequestBody.ReadBytesAsync(request, limitBytes, requireJson: true, cancellationToken);
        var body = RequestBody.ParseJson<TBody>(bytes);
        return await ExecuteAsync(request, operation, bytes, (operationId, ct) => write(body, operationId, ct), cancellationToken);
    }

    /// <summary>The scope and key of a request: its verified <c>webhook-id</c>, else its <c>Idempotency-Key</c>; null without either.</summary>
    public static (string Scope, string Key)? Key(HttpRequest request, string operation)
    {
        if (request.VerifiedWebhook() is { } webhook)
        {
            return (IdempotentOperations.SourceScope(operation, webhook.Source), webhook.Id);
        }

        var key = request.Headers[HeaderName].ToString();
        if (string.IsNullOrEmpty(key))
        {
            return null;
        }

        if (key.Length > IdempotencyStore.MaxKeyLength || key.Any(char.IsControl))
        {
            throw GovernanceProblem.Validation(new Dictionary<string, string[]>
            {
                [HeaderName] = [$"must be 1 to {IdempotencyStore.MaxKeyLength} printable characters."],
            });
        }

        return (IdempotentOperations.CallerScope(operation, request.Caller()), key);
    }

    private static StoredResponse Store(ApiResponse response)
        => new(response.StatusCode, "application/json", response.Body is null ? [] : JsonSerializer.SerializeToUtf8Bytes(response.Body, GovernanceJson.Options), response.Location);

    private sealed class StoredResponseResult(StoredResponse response, bool replayed) : IActionResult
    {
        public async Task ExecuteResultAsync(ActionContext context)
        {
            var http = context.HttpContext.Response;
            http.StatusCode = response.StatusCode;
            if (replayed)
            {
                http.Headers[ReplayedHeader] = "true";
            }

            if (response.Location is not null)
            {
                http.Headers.Location = response.Location;
            }

            if (response.Body.Length > 0)
            {
                http.ContentType = response.ContentType ?? "application/json";
                await http.Body.WriteAsync(response.Body, context.HttpContext.RequestAborted);
            }
        }
    }
}

/// <summary>
/// Runs a write that has started to its end whatever the client does: the client's token only stops it before it
/// starts; the write gets a token bounded by <see cref="IdempotencyOptions.WriteTimeout"/> instead. A write stopped half
/// way is worse than an answer nobody reads. (Keyed writes get the same from <see cref="IdempotencyStore"/>.)
/// </summary>
public sealed class WriteCompletion(Microsoft.Extensions.Options.IOptions<IdempotencyOptions> options, TimeProvider time)
{
    public async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> write, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var timeout = new CancellationTokenSource(options.Value.WriteTimeout, time);
        return await write(timeout.Token);
    }
}
