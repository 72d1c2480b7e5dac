using System.Text.Json;
using Governance.Core.Idempotency;
using Governance.Core.Json;
using Governance.Core.Problems;
using Governance.Core.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Governance.Functions.Http;

/// <summary>What a write endpoint answers, in a form that can be stored and replayed byte for byte.</summary>
public sealed record ApiResponse(int StatusCode, object? Body, string? Location = null)
{
    public static ApiResponse Created(object body, string? location = null) => new(StatusCodes.Status201Created, body, location);

    public static ApiResponse Ok(object body) => new(StatusCodes.Status200OK, body);
}

/// <summary>
/// Runs a staff write at most once per <c>Idempotency-Key</c>: the first completed response is stored and
/// replayed for a retry with the same key by the same caller (marked <c>Idempotent-Replayed: true</c>); the same
/// key with another request is a 422; without the header the write simply runs. Keys are scoped per caller
/// (<see cref="IdempotentOperations.CallerScope"/>): another caller's identical key is another operation.
/// <para>
/// The write runs to completion whatever the client does (the request's token only stops it before it starts).
/// Writes taking an operation id must be safe to run again under the same id: a keyed retry after an unexpected
/// failure re-runs the write with the id of the first attempt (see <see cref="KeyOnFailure.ReleaseOnClientFault"/>),
/// and the write must then find and answer for what the first attempt did instead of doing it twice.
/// </para>
/// </summary>
public sealed class IdempotentPost(IdempotencyStore store, IOptions<IdempotencyOptions> options, TimeProvider time)
{
    public const string HeaderName = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";

    /// <summary>
    /// For writes that dedupe themselves or were written before operation ids: the caller is the one the access
    /// gate admitted, and a failed write releases its key as before.
    /// </summary>
    public Task<IActionResult> ExecuteAsync(
        HttpRequest request,
        string scope,
        ReadOnlyMemory<byte> body,
        Func<CancellationToken, Task<ApiResponse>> write,
        CancellationToken cancellationToken)
        => RunAsync(request, scope, request.Caller(), body, (_, ct) => write(ct), KeyOnFailure.Release, cancellationToken);

    /// <summary>
    /// Reads the JSON body (415, 413 and 400 as <see cref="RequestBody"/> answers them), then runs a write that
    /// dedupes itself for the already authenticated <paramref name="caller"/>; a failed write releases its key.
    /// </summary>
    public async Task<IActionResult> ExecuteJsonAsync<TBody>(
        HttpRequest request,
        string scope,
        Caller caller,
        long limitBytes,
        Func<TBody, CancellationToken, Task<ApiResponse>> write,
        CancellationToken cancellationToken)
    {
        var bytes = await RequestBody.ReadBytesAsync(request, limitBytes, requireJson: true, cancellationToken);
        var body = RequestBody.ParseJson<TBody>(bytes);
        return await RunAsync(request, scope, caller, bytes, (_, ct) => write(body, ct), KeyOnFailure.Release, cancellationToken);
    }

    /// <summary>
    /// For a write that is safe to re-run under its operation id (the first argument of <paramref name="write"/>):
    /// derived from (scope, caller, key, request) when the request has a key, fresh otherwise.
    /// </summary>
    public Task<IActionResult> ExecuteAsync(
        HttpRequest request,
        string scope,
        Caller caller,
        ReadOnlyMemory<byte> body,
        Func<string, CancellationToken, Task<ApiResponse>> write,
        CancellationToken cancellationToken)
        => RunAsync(request, scope, caller, body, write, KeyOnFailure.ReleaseOnClientFault, cancellationToken);

    private async Task<IActionResult> RunAsync(
        HttpRequest request,
        string scope,
        Caller caller,
        ReadOnlyMemory<byte> body,
        Func<string, CancellationToken, Task<ApiResponse>> write,
        KeyOnFailure onFailure,
        CancellationToken cancellationToken)
    {
        var key = request.Headers[HeaderName].ToString();
        if (string.IsNullOrEmpty(key))
        {
            var response = await RunToCompletionAsync(ct => write(IdempotentOperations.NewOperationId(), ct), cancellationToken);
            return ToResult(Store(response), replayed: false);
        }

        if (key.Length > IdempotencyStore.MaxKeyLength || key.Any(char.IsControl))
        {
            throw GovernanceProblem.Validation(new Dictionary<string, string[]>
            {
                [HeaderName] = [$"must be 1 to {IdempotencyStore.MaxKeyLength} printable characters."],
            });
        }

        var callerScope = IdempotentOperations.CallerScope(scope, caller);
        var requestHash = IdempotencyStore.HashRequest(body.Span, request.Method, request.Path.Value ?? string.Empty);
        var operationId = IdempotentOperations.OperationId(callerScope, key, requestHash);
        var result = await store.ExecuteAsync(callerScope, key, requestHash, async ct => Store(await write(operationId, ct)), onFailure, cancellationToken);
        return ToResult(result.Response, result.Replayed);
    }

    /// <summary>
    /// Runs a write that has started to its end whatever the client does: <paramref name="cancellationToken"/> (the
    /// client's) only stops it before it starts; the write gets a token bounded by the write timeout instead. A
    /// write stopped half way (a row changed, its audit entry not appended) is worse than an answer nobody reads.
    /// </summary>
    public async Task<T> RunToCompletionAsync<T>(Func<CancellationToken, Task<T>> write, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var timeout = new CancellationTokenSource(options.Value.WriteTimeout, time);
        return await write(timeout.Token);
    }

    private static StoredResponse Store(ApiResponse response)
        => new(response.StatusCode, "application/json", response.Body is null ? [] : JsonSerializer.SerializeToUtf8Bytes(response.Body, GovernanceJson.Options), response.Location);

    private static IActionResult ToResult(StoredResponse response, bool replayed)
        => new StoredResponseResult(response, replayed);

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
