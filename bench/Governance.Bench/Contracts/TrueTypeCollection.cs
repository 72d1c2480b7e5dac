using System.Buffers.Binary;

namespace Governance.Bench.Contracts;

/// <summary>
/// The first font of a TrueType collection (<c>.ttc</c>) as a standalone <c>.ttf</c>, which PdfPig's writer can
/// embed: the font's table directory copied with its tables laid out after it (offsets rewritten, 4-byte aligned),
/// as fontTools' <c>TTCollection(path)[0].save()</c> does. Debian's fonts-wqy-microhei ships only a collection.
/// </summary>
internal static class TrueTypeCollection
{
    public static byte[] FirstFont(byte[] collection)
    {
        var source = collection.AsSpan();
        if (!source.StartsWith("ttcf"u8))
        {
            return collection; // already a single font
        }

        var directory = (int)BinaryPrimitives.ReadUInt32BigEndian(source[12..]);
        var tableCount = BinaryPrimitives.ReadUInt16BigEndian(source[(directory + 4)..]);
        var headerLength = 12 + (16 * tableCount);
        var tables = new List<(int Offset, int Length, int NewOffset)>();
        var position = headerLength;
        for (var i = 0; i < tableCount; i++)
        {
            var record = source[(directory + 12 + (16 * i))..];
            var length = (int)BinaryPrimitives.ReadUInt32BigEndian(record[12..]);
            tables.Add(((int)BinaryPrimitives.ReadUInt32BigEndian(record[8..]), length, position));
            position += (length + 3) & ~3;
        }

        var font = new byte[position];
        source.Slice(directory, headerLength).CopyTo(font);
        for (var i = 0; i < tables.Count; i++)
        {
            var (offset, length, newOffset) = tables[i];
            BinaryPrimitives.WriteUInt32BigEndian(font.AsSpan(12 + (16 * i) + 8), (uint)newOffset);
            source.Slice(offset, length).CopyTo(font.AsSpan(newOffset));
        }

        return font;
    }
}
