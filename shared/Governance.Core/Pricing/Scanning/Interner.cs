namespace Governance.Core.Pricing.Scanning;

/// <summary>Maps strings to dense ids; looks up by span, so a value already seen costs no allocation.</summary>
internal sealed class Interner
{
    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public Interner() => _lookup = _ids.GetAlternateLookup<ReadOnlySpan<char>>();

    public List<string> Values { get; } = [];

    public int Id(ReadOnlySpan<char> value)
    {
        if (_lookup.TryGetValue(value, out var id))
        {
            return id;
        }

        var text = value.ToString();
        id = Values.Count;
        _ids.Add(text, id);
        Values.Add(text);
        return id;
    }

    public int Id(string value) => Id(value.AsSpan());

    public bool TryGet(string value, out int id) => _ids.TryGetValue(value, out id);

    public void Clear()
    {
        _ids.Clear();
        Values.Clear();
    }
}
