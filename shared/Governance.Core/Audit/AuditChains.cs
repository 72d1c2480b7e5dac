using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Governance.Core.Audit;

/// <summary>One chain of the log: <see cref="Id"/> is <c>{duty}.{shard}</c>, e.g. <c>claims.3</c>.</summary>
public sealed record AuditChain(string Id, string Duty, int Shard);

/// <summary>
/// Which chain an entry goes to. The duty is the resource's first path segment (<c>claims/…</c>, <c>apps/…</c>,
/// <c>disclosures/…</c>) when it is a plain name (lower-case letters, digits and '-', at most 40 characters,
/// followed by '/'); any other resource belongs to the duty <c>other</c>, so the number of chains stays bounded
/// by the duties the code names. Within a duty the shard is the first 8 bytes of SHA-256(resource) (big-endian)
/// mod N: the same on every machine and run, so all entries of one resource go, in order, to one chain.
/// </summary>
public static partial class AuditChains
{
    public const string OtherDuty = "other";

    public static AuditChain Assign(string resource, int shards)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(shards, 1);
        var duty = Duty(resource);
        var shard = (int)(ResourceHash(resource) % (ulong)shards);
        return new AuditChain(Id(duty, shard), duty, shard);
    }

    public static string Duty(string resource)
    {
        var slash = resource.IndexOf('/', StringComparison.Ordinal);
        return slash > 0 && DutyName().IsMatch(resource.AsSpan(0, slash)) ? resource[..slash] : OtherDuty;
    }

    public static string Id(string duty, int shard) => duty + "." + shard.ToString(CultureInfo.InvariantCulture);

    /// <summary>Whether <paramref name="chain"/> has the form of a chain id (a duty name, '.', a shard number).</summary>
    public static bool IsChainId(string chain) => ChainId().IsMatch(chain);

    private static ulong ResourceHash(string resource)
        => BinaryPrimitives.ReadUInt64BigEndian(SHA256.HashData(Encoding.UTF8.GetBytes(resource)));

    [GeneratedRegex("^[a-z][a-z0-9-]{0,39}$")]
    private static partial Regex DutyName();

    [GeneratedRegex(@"^[a-z][a-z0-9-]{0,39}\.(0|[1-9][0-9]{0,2})$")]
    private static partial Regex ChainId();
}
