using System.Text.Json;
using Governance.Core.Json;
using Governance.Core.Problems;
using Microsoft.AspNetCore.Http;

namespace Governance.Functions.Http;

/// <summary>Reads a JSON request body with a size limit, whatever the host's own limit is.</summary>
public static class RequestBody
{
    public const long DefaultLimitBytes = 256 * 1024;

    public static async Task<T> ReadJsonAsync<T>(HttpRequest request, long limitBytes = DefaultLimitBytes, CancellationToken cancellationToken = default)
    {
        var bytes = await ReadBytesAsync(request, limitBytes, requireJson: true, cancellationToken);
        return ParseJson<T>(bytes);
    }

    public static T ParseJson<T>(ReadOnlyMemory<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            throw GovernanceProblem.BadRequest("The request body is empty; a JSON document is required.");
        }

        try
        {
            return JsonSerializer.Deserialize<T>(bytes.Span, GovernanceJson.Options)
                ?? throw GovernanceProblem.BadRequest("The request body is JSON null; a JSON object is required.");
        }
        catch (JsonException ex)
        {
            var field = string.IsNullOrEmpty(ex.Path) ? "$" : ex.Path;
            var message = ex.LineNumber is null
                ? "is not valid for this field."
                : $"is malformed JSON or of the wrong type (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}).";
            throw GovernanceProblem.Validation(new Dictionary<string, string[]> { [field] = [message] }, "The request body is not valid JSON for this endpoint.");
        }
    }

    /// <summary>The raw body, at most <paramref name="limitBytes"/> long (413 past it, before reading it all).</summary>
    public static async Task<byte[]> ReadBytesAsync(HttpRequest request, long limitBytes, bool requireJson, CancellationToken cancellationToken = default)
    {
        if (requireJson && !IsJson(request.ContentType))
        {
            throw GovernanceProblem.UnsupportedMediaType("application/json");
        }

        if (request.ContentLength > limitBytes)
        {
            throw GovernanceProblem.PayloadTooLarge(limitBytes);
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limitBytes)
            {
                throw GovernanceProblem.PayloadTooLarge(limitBytes);
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static bool IsJson(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType))
        {
            return false;
        }

        var mediaType = contentType.Split(';', 2)[0].Trim();
        return mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase);
    }
}
