using System.Security.Cryptography;
using System.Text;
using Governance.Core.Onboarding.Requests;
using Governance.Core.Problems;
using Governance.Core.Validation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Governance.Functions.Onboarding;

/// <summary>
/// Reads the <c>multipart/form-data</c> body of a submission under limits, streaming (ASP.NET Core's
/// <see cref="MultipartReader"/>): at most <see cref="MaxParts"/> parts with bounded headers; <c>manifest</c> (JSON, at
/// most <see cref="OnboardingIntake.MaxManifestBytes"/>), <c>contract</c> (the file, at most the configured size) and
/// optionally <c>previousRequestId</c>, each once. Whatever else a client sends is a 4xx problem: another media type
/// (415), a missing or bad boundary, a body that is not well-formed multipart, a part without a name, an unknown or
/// repeated part, a missing one (400), a part over its limit (413), a manifest declared as something other than JSON (415).
/// </summary>
public static class OnboardingMultipart
{
    public const string ManifestPart = "manifest";
    public const string ContractPart = "contract";
    public const string PreviousRequestIdPart = "previousRequestId";
    public const int MaxParts = 8;
    public const int MaxBoundaryLength = 70;
    public const int MaxPreviousRequestIdBytes = 256;

    /// <summary>Room for boundaries and part headers around the parts' contents.</summary>
    private const long Overhead = 64 * 1024;

    public static async Task<OnboardingSubmission> ReadAsync(HttpRequest request, long maxContractBytes, CancellationToken cancellationToken)
    {
        var boundary = Boundary(request.ContentType);
        var maxBody = maxContractBytes + OnboardingIntake.MaxManifestBytes + Overhead;
        if (request.ContentLength > maxBody)
        {
            throw GovernanceProblem.PayloadTooLarge(maxBody);
        }

        byte[]? manifest = null, contract = null, previous = null;
        string? fileName = null;
        var reader = new MultipartReader(boundary, request.Body) { HeadersCountLimit = 16, HeadersLengthLimit = 8 * 1024 };
        try
        {
            var parts = 0;
            while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
            {
                if (++parts > MaxParts)
                {
                    throw GovernanceProblem.BadRequest($"The body has more than {MaxParts} parts; send only {ManifestPart}, {ContractPart} and optionally {PreviousRequestIdPart}.");
                }

                var disposition = section.GetContentDispositionHeader();
                var name = disposition is { DispositionType.Value: { } type } && type.Equals("form-data", StringComparison.OrdinalIgnoreCase)
                    ? HeaderUtilities.RemoveQuotes(disposition.Name).Value
                    : null;
                switch (name)
                {
                    case ManifestPart:
                        Once(manifest, name);
                        RequireJson(section.ContentType);
                        manifest = await ReadPartAsync(section.Body, OnboardingIntake.MaxManifestBytes, name, cancellationToken);
                        break;
                    case ContractPart:
                        Once(contract, name);
                        fileName = FileName(disposition!);
                        contract = await ReadPartAsync(section.Body, maxContractBytes, name, cancellationToken);
                        break;
                    case PreviousRequestIdPart:
                        Once(previous, name);
                        previous = await ReadPartAsync(section.Body, MaxPreviousRequestIdBytes, name, cancellationToken);
                        break;
                    case null or "":
                        throw GovernanceProblem.BadRequest("Every part needs a Content-Disposition header of type form-data with a name.");
                    default:
                        throw GovernanceProblem.Validation(new ValidationErrors().Add(Printable(name), $"is not a part of this request; send {ManifestPart}, {ContractPart} and optionally {PreviousRequestIdPart}.").ToDictionary());
                }
            }
        }
        catch (BadHttpRequestException)
        {
            throw; // the server's own limits on the request (413 and the like) answer for themselves
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or FormatException && !cancellationToken.IsCancellationRequested)
        {
            throw GovernanceProblem.BadRequest("The body is not well-formed multipart/form-data: " + ex.Message);
        }

        var errors = new ValidationErrors();
        if (manifest is null)
        {
            errors.Add(ManifestPart, "is required: a part with the manifest as JSON.");
        }

        if (contract is null)
        {
            errors.Add(ContractPart, "is required: a part with the contract file (PDF, DOCX, TXT or Markdown).");
        }

        var previousRequestId = previous is null ? null : Text(previous, PreviousRequestIdPart, errors);
        errors.ThrowIfAny();
        return new OnboardingSubmission(manifest!, contract!, fileName, string.IsNullOrEmpty(previousRequestId) ? null : previousRequestId);
    }

    /// <summary>
    /// What identifies the submission for its <c>Idempotency-Key</c>: the manifest, the contract's hash and the
    /// previous request, not the multipart framing (a client's retry may choose another boundary).
    /// </summary>
    public static byte[] Fingerprint(OnboardingSubmission submission)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(SHA256.HashData(submission.Manifest));
        hash.AppendData(SHA256.HashData(submission.Contract));
        hash.AppendData(Encoding.UTF8.GetBytes(submission.PreviousRequestId ?? string.Empty));
        return hash.GetHashAndReset();
    }

    private static string Boundary(string? contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var mediaType) || !mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            throw new GovernanceProblem(415, "Unsupported Media Type",
                $"The request body must be sent as multipart/form-data with the parts {ManifestPart} (JSON) and {ContractPart} (the file).");
        }

        var boundary = HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value;
        if (string.IsNullOrWhiteSpace(boundary) || boundary.Length > MaxBoundaryLength)
        {
            throw GovernanceProblem.BadRequest($"The multipart/form-data content type needs a boundary of 1 to {MaxBoundaryLength} characters.");
        }

        return boundary;
    }

    private static void Once(byte[]? seen, string name)
    {
        if (seen is not null)
        {
            throw GovernanceProblem.Validation(new ValidationErrors().Add(name, "was sent twice; send each part once.").ToDictionary());
        }
    }

    /// <summary>A manifest part may leave its type out (a plain form field) or say JSON; any other declared type is refused.</summary>
    private static void RequireJson(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType))
        {
            return;
        }

        var ok = MediaTypeHeaderValue.TryParse(contentType, out var type)
            && (type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
                || type.MediaType.Equals("text/plain", StringComparison.OrdinalIgnoreCase)
                || type.SubType.EndsWith("+json", StringComparison.OrdinalIgnoreCase));
        if (!ok)
        {
            throw new GovernanceProblem(415, "Unsupported Media Type", $"The {ManifestPart} part must be application/json.",
                new ValidationErrors().Add(ManifestPart, "must be sent as application/json.").ToDictionary());
        }
    }

    private static async Task<byte[]> ReadPartAsync(Stream body, long limit, string name, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[64 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                throw new GovernanceProblem(413, "Content Too Large", $"The {name} part exceeds its limit of {limit} bytes.",
                    new ValidationErrors().Add(name, $"must be at most {limit} bytes.").ToDictionary());
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static string? FileName(ContentDispositionHeaderValue disposition)
    {
        var raw = HeaderUtilities.RemoveQuotes(disposition.FileNameStar).Value ?? HeaderUtilities.RemoveQuotes(disposition.FileName).Value;
        if (string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }

        var name = raw[(raw.LastIndexOfAny(['/', '\\']) + 1)..];
        name = new string(name.Where(c => !char.IsControl(c)).ToArray()).Trim();
        return name.Length == 0 ? null : name.Length <= OnboardingIntake.MaxFileNameLength ? name : name[^OnboardingIntake.MaxFileNameLength..];
    }

    private static string? Text(byte[] bytes, string name, ValidationErrors errors)
    {
        try
        {
            var text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes).Trim();
            errors.NoControlCharacters(name, text);
            return text;
        }
        catch (DecoderFallbackException)
        {
            errors.Add(name, "is not UTF-8 text.");
            return null;
        }
    }

    /// <summary>A part name as a field key in a problem: printable, at most 64 characters.</summary>
    private static string Printable(string name)
    {
        var printable = new string(name.Where(c => !char.IsControl(c)).Take(64).ToArray());
        return printable.Length == 0 ? "part" : printable;
    }
}
