using System.Diagnostics.CodeAnalysis;
using Azure;
using Azure.Core;

namespace Governance.Core.Tests.Fakes;

/// <summary>A minimal HTTP response carrying a status and an optional ETag, as the table fake returns.</summary>
internal sealed class FakeResponse(int status, ETag? etag = null) : Response
{
    public override int Status => status;

    public override string ReasonPhrase => status.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public override Stream? ContentStream { get; set; }

    public override string ClientRequestId { get; set; } = Guid.NewGuid().ToString();

    public override void Dispose()
    {
    }

    protected override bool ContainsHeader(string name) => TryGetHeader(name, out _);

    protected override IEnumerable<HttpHeader> EnumerateHeaders()
        => etag is { } e ? [new HttpHeader("ETag", e.ToString())] : [];

    protected override bool TryGetHeader(string name, [NotNullWhen(true)] out string? value)
    {
        value = string.Equals(name, "ETag", StringComparison.OrdinalIgnoreCase) && etag is { } e ? e.ToString() : null;
        return value is not null;
    }

    protected override bool TryGetHeaderValues(string name, [NotNullWhen(true)] out IEnumerable<string>? values)
    {
        values = TryGetHeader(name, out var value) ? [value] : null;
        return values is not null;
    }
}

internal sealed class NoValueResponse<T>(Response raw) : NullableResponse<T>
{
    public override bool HasValue => false;

    public override T? Value => default;

    public override Response GetRawResponse() => raw;
}
