using System.Globalization;
using Azure.Data.Tables;

namespace Governance.Core.Tests.Fakes;

/// <summary>
/// Evaluates the subset of OData filters that <see cref="TableClient.CreateQueryFilter(System.FormattableString)"/>
/// produces: comparisons (eq ne gt ge lt le) of a property with a string, datetime, long, int or bool literal,
/// joined by and/or, with parentheses and not.
/// </summary>
internal sealed class ODataFilter
{
    private readonly List<string> _tokens;
    private int _position;

    private ODataFilter(string filter) => _tokens = Tokenize(filter);

    public static Func<TableEntity, bool> Compile(string? filter)
    {
        if (string.IsNullOrWhiteSpace(filter))
        {
            return _ => true;
        }

        var parser = new ODataFilter(filter);
        var predicate = parser.ParseOr();
        if (parser._position != parser._tokens.Count)
        {
            throw new NotSupportedException($"Unsupported filter near '{parser._tokens[parser._position]}': {filter}");
        }

        return predicate;
    }

    private Func<TableEntity, bool> ParseOr()
    {
        var left = ParseAnd();
        while (Peek("or"))
        {
            _position++;
            var l = left;
            var r = ParseAnd();
            left = e => l(e) || r(e);
        }

        return left;
    }

    private Func<TableEntity, bool> ParseAnd()
    {
        var left = ParseUnary();
        while (Peek("and"))
        {
            _position++;
            var l = left;
            var r = ParseUnary();
            left = e => l(e) && r(e);
        }

        return left;
    }

    private Func<TableEntity, bool> ParseUnary()
    {
        if (Peek("not"))
        {
            _position++;
            var inner = ParseUnary();
            return e => !inner(e);
        }

        if (Peek("("))
        {
            _position++;
            var inner = ParseOr();
            Expect(")");
            return inner;
        }

        var property = _tokens[_position++];
        var op = _tokens[_position++];
        var literal = ParseLiteral(_tokens[_position++]);
        return e => Compare(Value(e, property), op, literal);
    }

    private static object? Value(TableEntity entity, string property) => property switch
    {
        "PartitionKey" => entity.PartitionKey,
        "RowKey" => entity.RowKey,
        "Timestamp" => entity.Timestamp,
        _ => entity.TryGetValue(property, out var v) ? v : null,
    };

    private static bool Compare(object? value, string op, object literal)
    {
        if (value is null)
        {
            return op == "ne";
        }

        int order;
        switch (value, literal)
        {
            case (string s, string l):
                order = string.CompareOrdinal(s, l);
                break;
            case (DateTimeOffset d, DateTimeOffset l):
                order = d.CompareTo(l);
                break;
            case (DateTime d, DateTimeOffset l):
                order = new DateTimeOffset(d.ToUniversalTime()).CompareTo(l);
                break;
            case (bool b, bool l):
                order = b == l ? 0 : 1;
                break;
            case (int or long, long l):
                order = Convert.ToInt64(value, CultureInfo.InvariantCulture).CompareTo(l);
                break;
            default:
                return false; // different types never match, as in the service
        }

        return op switch
        {
            "eq" => order == 0,
            "ne" => order != 0,
            "gt" => order > 0,
            "ge" => order >= 0,
            "lt" => order < 0,
            "le" => order <= 0,
            _ => throw new NotSupportedException($"Unsupported operator '{op}'."),
        };
    }

    private static object ParseLiteral(string token)
    {
        if (token.StartsWith('\''))
        {
            return token[1..^1].Replace("''", "'", StringComparison.Ordinal);
        }

        if (token.StartsWith("datetime'", StringComparison.Ordinal))
        {
            return DateTimeOffset.Parse(token["datetime'".Length..^1], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        }

        if (token is "true" or "false")
        {
            return token == "true";
        }

        return long.Parse(token.TrimEnd('L'), CultureInfo.InvariantCulture);
    }

    private bool Peek(string token) => _position < _tokens.Count && _tokens[_position] == token;

    private void Expect(string token)
    {
        if (!Peek(token))
        {
            throw new NotSupportedException($"Expected '{token}'.");
        }

        _position++;
    }

    private static List<string> Tokenize(string filter)
    {
        var tokens = new List<string>();
        var i = 0;
        while (i < filter.Length)
        {
            var c = filter[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c is '(' or ')')
            {
                tokens.Add(c.ToString());
                i++;
            }
            else
            {
                var start = i;
                while (i < filter.Length && !char.IsWhiteSpace(filter[i]) && filter[i] is not '(' and not ')')
                {
                    if (filter[i] == '\'')
                    {
                        // Quoted literal, with '' as an escaped quote.
                        i++;
                        while (i < filter.Length && !(filter[i] == '\'' && (i + 1 >= filter.Length || filter[i + 1] != '\'')))
                        {
                            i += filter[i] == '\'' ? 2 : 1;
                        }
                    }

                    i++;
                }

                tokens.Add(filter[start..i]);
            }
        }

        return tokens;
    }
}
