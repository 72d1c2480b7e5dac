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
/// Runs a staff write at most once per <c>Idempotency-Key</c>: the first completed response is stored and
/// replayed for a retry with the same key (marked <c>Idempotent-Replayed: true</c>); the same key with another
/// request is a 422; without the header the write simply runs.
/// </summary>
public sealed class IdempotentPost(IdempotencyStore store)
{
    public const string HeaderName = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";

    public async Task<IActionResult> ExecuteAsync(
        HttpRequest request,
        string scope,
        ReadOnlyMemory<byte> body,
        Func<CancellationToken, Task<ApiResponse>> write,
        CancellationToken cancellationToken)
    {
        var key = request.Headers[HeaderName].ToString();
        if (string.IsNullOrEmpty(key))
        {
            return ToResult(Store(await write(cancellationToken)), replayed: false);
        }

        if (key.Length > IdempotencyStore.MaxKeyLength || key.Any(char.IsControl))
        {
            throw GovernanceProblem.Validation(new Dictionary<string, string[]>
            {
                [HeaderName] = [$"must be 1 to {IdempotencyStore.MaxKeyLength} printable characters."],
            });
        }

        var requestHash = IdempotencyStore.HashRequest(body.Span, request.Method, request.Path.Value ?? string.Empty);
        var result = await store.ExecuteAsync(scope, key, requestHash, async ct => Store(await write(ct)), cancellationToken);
        return ToResult(result.Response, result.Replayed);
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
