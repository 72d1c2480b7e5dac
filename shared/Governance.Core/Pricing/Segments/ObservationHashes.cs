using System.Buffers.Binary;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using Governance.Core.Pricing.Observations;

namespace Governance.Core.Pricing.Segments;

/// <summary>
/// Stable hashes: 64-bit XxHash3 of an observation id (what the id index stores) and a 128-bit XxHash128 of a
/// segment's rows (its name), so the same rows always make the same blob and a retried request writes nothing new.
/// </summary>
public static class ObservationHashes
{
    public static ulong IdHash(ReadOnlySpan<char> observationId) => XxHash3.HashToUInt64(MemoryMarshal.AsBytes(observationId));

    public static UInt128 ContentHash(IEnumerable<PriceObservation> rows)
    {
        var hash = new XxHash128();
        Span<byte> number = stackalloc byte[8];
        foreach (var row in rows)
        {
            Text(hash, row.ObservationId);
            Number(hash, number, row.ObservedAt.UtcTicks);
            Text(hash, row.ProductId);
            Text(hash, row.UserId);
            Number(hash, number, row.PaidPrice);
            Number(hash, number, row.ListPrice ?? -1);
            Text(hash, row.Currency);
            Number(hash, number, row.Quantity);
            Text(hash, row.ConditionsKey);
            foreach (var attribute in row.Attributes)
            {
                Text(hash, attribute.Name);
                if (attribute.IsNumber)
                {
                    Number(hash, number, BitConverter.DoubleToInt64Bits(attribute.Number));
                }
                else
                {
                    Text(hash, attribute.Text!);
                }
            }

            Number(hash, number, long.MinValue);
        }

        return hash.GetCurrentHashAsUInt128();
    }

    private static void Text(XxHash128 hash, string value)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(length, value.Length);
        hash.Append(length);
        hash.Append(MemoryMarshal.AsBytes(value.AsSpan()));
    }

    private static void Number(XxHash128 hash, Span<byte> buffer, long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(buffer, value);
        hash.Append(buffer);
    }
}
