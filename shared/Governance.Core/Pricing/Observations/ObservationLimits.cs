namespace Governance.Core.Pricing.Observations;

/// <summary>Bounds on one ingestion request and on each line of it.</summary>
public static class ObservationLimits
{
    /// <summary>Largest request body as sent (compressed when gzip), in bytes: the 50 MB.</summary>
    public const long MaxBodyBytes = 50_000_000;

    /// <summary>Largest body after gzip decompression: stops a gzip bomb after this many bytes.</summary>
    public const long MaxDecompressedBytes = 500_000_000;

    /// <summary>Longest line in bytes (UTF-8); a longer line is rejected and skipped without being buffered.</summary>
    public const int MaxLineBytes = 32 * 1024;

    public const int MaxIdLength = 128;

    public const int MaxKeyLength = 64;

    public const int MaxValueLength = 128;

    public const int MaxConditions = 32;

    public const int MaxAttributes = 32;

    public const int MaxQuantity = 1_000_000;

    /// <summary>Largest price in minor units (10^13: a hundred billion in a two-decimal currency).</summary>
    public const long MaxPrice = 10_000_000_000_000;

    /// <summary>Rejected lines listed in a response; the count covers all of them.</summary>
    public const int MaxReportedRejections = 1000;
}
