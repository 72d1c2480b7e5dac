using System.IO.Compression;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Governance.Core.Security;
using Governance.Core.Webhooks;
using Governance.Functions.Tests.Claims;

namespace Governance.Functions.Tests.Faults;

/// <summary>Credentials a hostile request carries: none, forged ones of every kind, and valid ones.</summary>
public enum HostileCredential
{
    None, ForgedJwt, AlgNoneJwt, GarbageBearer, ForgedApiKey, ForgedIngestionKey, ForgedWebhook, StaleWebhook, WrongSecretWebhook,
    Operator, Reviewer, Auditor, Developer, IngestionKey, ClaimsWebhook, PaymentsWebhook,
}

/// <summary>What a hostile request may use: valid credentials and the ids of real resources.</summary>
public sealed record HostileWorld(Func<string, string> StaffToken, string DeveloperApiKey, string IngestionKey, WebhookSecret ClaimsSecret, WebhookSecret PaymentsSecret, IReadOnlyDictionary<string, string> RealIds);

/// <summary>
/// Builds malformed and hostile requests from a seeded random generator: bad JSON, huge strings, wrong types,
/// Table-key characters, control characters, invalid UTF-8, deep nesting, wrong content types, missing or forged
/// credentials, hostile files. A request that its operation admits (a valid credential with the right role) and
/// that could change data always carries something the operation must refuse, so no stored data may change.
/// </summary>
public sealed class HostileRequests(Random random, HostileWorld world)
{
    private static readonly string[] HostileValues =
    [
        "a/b", "a\\b", "a#b", "a?b", "/", "\\", "#", "?", "..", "../..", "%", "%%", "'; DROP TABLE x;--", "${jndi:ldap://x}", "<script>alert(1)</script>",
        "\u0001\u0002", "\u007f", "a\u0000b", "\u202e\u202d", "\ud83d\ude00", "ｆｕｌｌ", "\ufeff", "null", "-1", "0", "99999999999999999999", "1e400", "NaN",
        "clm_" + new string('0', 32), "PartitionKey eq 'x'", "\r\nX-Injected: 1", new string('x', 600), new string('%', 300), new string('/', 300),
    ];

    private static readonly string[] HostileQueries =
    [
        "?pageSize=-1", "?pageSize=99999999999", "?pageSize=abc", "?continuationToken=%00%FF%FE", "?continuationToken=" + new string('A', 3000),
        "?status=%2F%5C%23%3F", "?from=yesterday&to=2026-13-45", "?from=9999-12-31T23:59:59Z&to=0001-01-01", "?token=%01%02", "?resource=%2F..%2F..",
        "?scanId=a%2Fb", "?status=" + new string('s', 1000), "?a=1&a=2&a=3", "?%ZZ=1", "?from=1&to=99999",
    ];

    private static readonly string[] WrongContentTypes =
    [
        "text/plain", "application/xml", "application/json; charset=utf-7", "multipart/form-data", "application/x-www-form-urlencoded",
        "image/png", "application/x-ndjson", "application/json", "*/*", "a/b; x=\"unterminated",
    ];

    private static readonly Lazy<byte[]> ZipBomb = new(MakeZipBomb);

    public (HttpRequestMessage Request, string Description) Next(HostileOperation operation)
    {
        // Half the requests carry a credential the operation admits, so they reach its code; the rest anything.
        var all = Enum.GetValues<HostileCredential>();
        var admitting = all.Where(c => c != HostileCredential.None && Admits(operation, c)).ToList();
        var credential = random.Next(2) == 0 && admitting.Count > 0 ? Pick(admitting) : all[random.Next(all.Length)];
        var admitted = Admits(operation, credential);
        var mayChange = operation.Method != HttpMethod.Get;
        if (admitted && mayChange && !operation.HasBody && operation.PathParameters.Count == 0 && !operation.Admission.Anonymous)
        {
            // Nothing about such a request can be wrong but who sends it (rotate my key, start a verification job).
            credential = HostileCredential.ForgedApiKey;
            admitted = false;
        }

        var mustBeRefused = admitted && mayChange;
        var hostilePath = mustBeRefused && !operation.HasBody;
        var path = operation.Path;
        foreach (var parameter in operation.PathParameters)
        {
            // %00 in a path is refused by the web server itself (Kestrel here, the Functions front end in Azure) with a
            // bare 400 before any app code runs, so NUL goes into queries, headers and bodies only.
            var value = !hostilePath && random.Next(2) == 0 && world.RealIds.TryGetValue(parameter, out var real) ? real : Pick(HostileValues.Where(v => !v.Contains('\0')).ToList());
            path = path.Replace("{" + parameter + "}", Uri.EscapeDataString(value), StringComparison.Ordinal);
        }

        var url = path.TrimStart('/') + (random.Next(10) < 4 ? Pick(HostileQueries) : string.Empty);
        var request = new HttpRequestMessage(operation.Method, url);
        var kind = "none";
        byte[]? body = null;
        if (operation.Method != HttpMethod.Get || random.Next(10) == 0)
        {
            (body, kind, var contentType) = Body(operation, refuse: mustBeRefused);
            request.Content = new ByteArrayContent(body);
            if (contentType is not null)
            {
                request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            }
        }

        Authenticate(request, credential, body ?? []);
        var header = AddHostileHeaders(request);
        return (request, $"{operation} as {credential} → {url[..Math.Min(url.Length, 100)]} body={kind} ({body?.Length ?? 0} bytes, {request.Content?.Headers.ContentType}){header}");
    }

    public static bool Admits(HostileOperation operation, HostileCredential credential)
    {
        var admission = operation.Admission;
        return admission.Anonymous || credential switch
        {
            HostileCredential.Operator => admission.StaffAnyRole || admission.StaffRoles.Contains(StaffRoles.Operator),
            HostileCredential.Reviewer => admission.StaffAnyRole || admission.StaffRoles.Contains(StaffRoles.Reviewer),
            HostileCredential.Auditor => admission.StaffAnyRole || admission.StaffRoles.Contains(StaffRoles.Auditor),
            HostileCredential.Developer => admission.Developer,
            HostileCredential.IngestionKey => admission.IngestionFeeds.Count > 0,
            HostileCredential.ClaimsWebhook => admission.WebhookSources.Contains("Claims"),
            HostileCredential.PaymentsWebhook => admission.WebhookSources.Contains("Payments"),
            _ => false,
        };
    }

    private (byte[] Body, string Kind, string? ContentType) Body(HostileOperation operation, bool refuse)
    {
        var declared = operation.MediaTypes.Count > 0 ? Pick(operation.MediaTypes) : "application/json";
        var contentType = random.Next(10) < 2 ? Pick(WrongContentTypes) : declared;
        if (random.Next(20) == 0)
        {
            contentType = null;
        }

        if (declared.StartsWith("multipart/", StringComparison.Ordinal) && random.Next(3) > 0)
        {
            return Multipart(operation, refuse);
        }

        if (declared == "application/x-ndjson" && random.Next(2) == 0)
        {
            // Every line is bad: a bad line never rejects good lines, so the answer may be a 202 that accepted nothing.
            var lines = Enumerable.Range(0, random.Next(1, 20)).Select(_ => Encoding.UTF8.GetString(InvalidJson(operation))).Select(l => l.Replace('\n', ' '));
            return (Encoding.UTF8.GetBytes(string.Join('\n', lines)), "ndjson-bad-lines", contentType);
        }

        if (!refuse && random.Next(3) == 0)
        {
            return (Plausible(operation), "plausible-hostile", contentType);
        }

        return (InvalidJson(operation), "invalid", contentType);
    }

    /// <summary>A body no operation may accept as JSON of its request type.</summary>
    private byte[] InvalidJson(HostileOperation operation)
    {
        switch (random.Next(operation.Properties.Count > 0 ? 9 : 7))
        {
            case 0: return Encoding.UTF8.GetBytes(Pick(["{", "{\"a\":", "[1,2", "}", "{'single':1}", "{\"a\":1,}", "\u0000", "{\"a\" 1}", "tru", "{\"a\":\"unterminated"]));
            case 1: return [.. Encoding.UTF8.GetBytes("{\"text\":\""), 0xC3, 0x28, 0xFF, 0xFE, 0xED, 0xA0, 0x80, .. Encoding.UTF8.GetBytes("\"}")];
            case 2:
                var depth = random.Next(70, 5000);
                return Encoding.UTF8.GetBytes(random.Next(2) == 0 ? new string('[', depth) + new string(']', depth) : string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth));
            case 3: return Encoding.UTF8.GetBytes(Pick(["[]", "42", "\"text\"", "null", "true", "-0", "1e400", "[{}]"]));
            case 4: return Encoding.UTF8.GetBytes("{\"text\":\"a\u0001b\u0007c\nd\"}");
            case 5:
                var bytes = new byte[random.Next(1, 4096)];
                random.NextBytes(bytes);
                return bytes;
            case 6: return [0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("{}")];
            default:
                // Every property of the request type with a value of another JSON type: the body cannot bind.
                var huge = random.Next(4) == 0 ? new string('x', random.Next(2) == 0 ? 256 * 1024 : 2 * 1024 * 1024) : Pick(HostileValues);
                var wrong = operation.Properties.ToDictionary(p => p.Key, p => WrongValue(p.Value, huge));
                return JsonSerializer.SerializeToUtf8Bytes(wrong);
        }
    }

    private static object WrongValue(string type, string huge) => type switch
    {
        "string" => new object[] { huge, 1, true },
        "integer" or "number" => huge,
        "boolean" => new { value = huge },
        "array" => new { huge },
        _ => new object[] { huge },
    };

    /// <summary>A body of the right shape whose strings are hostile (only sent when the request must be refused anyway).</summary>
    private byte[] Plausible(HostileOperation operation)
        => JsonSerializer.SerializeToUtf8Bytes(operation.Properties.ToDictionary(
            p => p.Key,
            p => p.Value switch
            {
                "integer" or "number" => (object)(random.Next(2) == 0 ? -1L : long.MaxValue),
                "boolean" => random.Next(2) == 0,
                "array" => new[] { Pick(HostileValues) },
                "object" => new Dictionary<string, string> { [Pick(HostileValues)] = Pick(HostileValues) },
                _ => Pick(HostileValues),
            }));

    /// <summary>A multipart submission whose manifest cannot be valid, with a hostile file: a zip bomb DOCX, a malformed PDF, random bytes.</summary>
    private (byte[] Body, string Kind, string? ContentType) Multipart(HostileOperation operation, bool refuse)
    {
        var boundary = "hostile" + random.Next();
        using var content = new MultipartFormDataContent(boundary);
        var manifest = random.Next(3) switch
        {
            0 => Encoding.UTF8.GetString(InvalidJson(operation)),
            1 => "{\"app\":{\"name\":5},\"data\":[],\"authentication\":\"face\",\"sdks\":{}}",
            _ => refuse ? "{\"app\":" : "{}",
        };
        if (random.Next(6) > 0)
        {
            content.Add(new StringContent(manifest, Encoding.UTF8, "application/json"), "manifest");
        }

        var (file, name, kind) = random.Next(4) switch
        {
            0 => (ZipBomb.Value, "contract.docx", "zip-bomb-docx"),
            1 => (Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >>\nendobj\nxref\n0 999999999\ntrailer << /Root 1 0 R /Size -5 >>\n%%EOF\n" + new string('\u0000', 100)), "contract.pdf", "malformed-pdf"),
            2 => (RandomBytes(), "..\\..\\etc\\passwd", "random-bytes"),
            _ => (Encoding.UTF8.GetBytes("\u202econtract\u0000.exe"), "con\u0001tract.txt", "control-chars"),
        };
        var part = new ByteArrayContent(file);
        part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        content.Add(part, "contract", name);
        var bytes = content.ReadAsByteArrayAsync().GetAwaiter().GetResult();
        return (bytes, "multipart-" + kind, "multipart/form-data; boundary=" + boundary);
    }

    private void Authenticate(HttpRequestMessage request, HostileCredential credential, byte[] body)
    {
        var id = "hostile-" + random.Next();
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        switch (credential)
        {
            case HostileCredential.ForgedJwt:
                request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + Jwt("{\"alg\":\"HS256\",\"typ\":\"at+jwt\"}", RandomBytes()));
                break;
            case HostileCredential.AlgNoneJwt:
                request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + Jwt("{\"alg\":\"none\",\"typ\":\"at+jwt\"}", []));
                break;
            case HostileCredential.GarbageBearer:
                request.Headers.TryAddWithoutValidation("Authorization", Pick(["Bearer", "Bearer ", "Basic YWRtaW46YWRtaW4=", "Bearer a.b.c.d.e", "Bearer " + new string('A', 20_000), "bearer %%%"]));
                break;
            case HostileCredential.ForgedApiKey:
                request.Headers.TryAddWithoutValidation(ApiKeyHeader.Name, Pick(["gk_" + Convert.ToHexString(RandomBytes()), "", "gk_", new string('k', 5000), "' OR 1=1 --"]));
                break;
            case HostileCredential.ForgedIngestionKey:
                request.Headers.TryAddWithoutValidation(ApiKeyHeader.Name, world.IngestionKey[..^1] + "x");
                break;
            case HostileCredential.ForgedWebhook:
                Webhook(request, id, now.ToString(System.Globalization.CultureInfo.InvariantCulture), "v1," + Convert.ToBase64String(RandomBytes()));
                break;
            case HostileCredential.StaleWebhook:
                Sign(request, world.ClaimsSecret, id, now - 3600, body);
                break;
            case HostileCredential.WrongSecretWebhook:
                var wrong = new byte[32];
                random.NextBytes(wrong);
                Sign(request, WebhookSecret.ParseList("whsec_" + Convert.ToBase64String(wrong))[0], id, now, body);
                break;
            case HostileCredential.Operator:
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", world.StaffToken(StaffRoles.Operator));
                break;
            case HostileCredential.Reviewer:
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", world.StaffToken(StaffRoles.Reviewer));
                break;
            case HostileCredential.Auditor:
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", world.StaffToken(StaffRoles.Auditor));
                break;
            case HostileCredential.Developer:
                request.Headers.TryAddWithoutValidation(ApiKeyHeader.Name, world.DeveloperApiKey);
                break;
            case HostileCredential.IngestionKey:
                request.Headers.TryAddWithoutValidation(ApiKeyHeader.Name, world.IngestionKey);
                break;
            case HostileCredential.ClaimsWebhook:
                Sign(request, world.ClaimsSecret, id, now, body);
                break;
            case HostileCredential.PaymentsWebhook:
                Sign(request, world.PaymentsSecret, id, now, body);
                break;
        }
    }

    private static void Sign(HttpRequestMessage request, WebhookSecret secret, string id, long timestamp, byte[] body)
    {
        using var signed = ClaimsDriver.Sign("x", body, id, secret, timestamp);
        foreach (var header in signed.Headers)
        {
            request.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }
    }

    private static void Webhook(HttpRequestMessage request, string id, string timestamp, string signature)
    {
        request.Headers.TryAddWithoutValidation("webhook-id", id);
        request.Headers.TryAddWithoutValidation("webhook-timestamp", timestamp);
        request.Headers.TryAddWithoutValidation("webhook-signature", signature);
    }

    private string AddHostileHeaders(HttpRequestMessage request)
    {
        if (random.Next(4) != 0)
        {
            return string.Empty;
        }

        var (name, value) = random.Next(7) switch
        {
            0 => ("Idempotency-Key", Pick(["a/b\\c#d?e", new string('%', 300), "\u007f", " ", new string('k', 257)])),
            1 => ("Accept-Language", Pick(["*;q=abc", "zh-Hant-TW-x-" + new string('a', 500), ",,,;", "en;q=0"])),
            2 => ("If-None-Match", Pick(["\"", "*", "W/\"" + new string('e', 5000) + "\""])),
            3 => ("traceparent", Pick(["00-zz-zz-01", "ff-" + new string('0', 32) + "-" + new string('0', 16) + "-00", ""])),
            4 => ("X-Forwarded-For", Pick([string.Concat(Enumerable.Repeat("\u0080", 171)), "999.999.1.1, ::zz", new string(',', 500)])),
            5 => ("Accept", Pick(["text/html;q=2", "*/*;q=-1", "application/problem+xml", "\u0001"])),
            _ => ("Content-Encoding", "gzip"),
        };
        if (name == "Content-Encoding")
        {
            request.Content?.Headers.TryAddWithoutValidation(name, value);
        }
        else
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return $" {name}: {value[..Math.Min(40, value.Length)]}";
    }

    private string Jwt(string header, byte[] signature)
    {
        static string B64(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var payload = JsonSerializer.Serialize(new
        {
            iss = "governance-local", aud = "governance-api", sub = "attacker", azp = "governance-dev-token",
            roles = new[] { StaffRoles.Operator, StaffRoles.Reviewer, StaffRoles.Auditor },
            nbf = DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeSeconds(), exp = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds(),
        });
        return $"{B64(Encoding.UTF8.GetBytes(header))}.{B64(Encoding.UTF8.GetBytes(payload))}.{B64(signature)}";
    }

    private byte[] RandomBytes()
    {
        var bytes = new byte[random.Next(16, 64)];
        random.NextBytes(bytes);
        return bytes;
    }

    private T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

    /// <summary>A DOCX-shaped zip whose document part inflates to 256 MiB of zeros (four times the extraction cap) from a few hundred KB.</summary>
    private static byte[] MakeZipBomb()
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            zip.CreateEntry("[Content_Types].xml").Open().Dispose();
            using var document = zip.CreateEntry("word/document.xml", CompressionLevel.SmallestSize).Open();
            var zeros = new byte[1024 * 1024];
            for (var i = 0; i < 256; i++)
            {
                document.Write(zeros);
            }
        }

        return buffer.ToArray();
    }
}
