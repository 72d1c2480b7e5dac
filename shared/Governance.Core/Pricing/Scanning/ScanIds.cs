namespace Governance.Core.Pricing.Scanning;

/// <summary>Scan ids name blobs and table keys: 1 to 64 ASCII letters, digits, '-' or '_'.</summary>
public static class ScanIds
{
    public static bool IsValid(string? scanId)
        => scanId is { Length: >= 1 and <= 64 } && scanId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    public static void Validate(string scanId)
    {
        if (!IsValid(scanId))
        {
            throw new ArgumentException("A scan id is 1 to 64 ASCII letters, digits, '-' or '_'.", nameof(scanId));
        }
    }

    public static string ResultBlob(string scanId, int shard) => $"{scanId}/shard-{shard:D3}.bin";
}
