using System.Globalization;
using System.Text;

namespace Governance.Core.Tests.Infra.Bicep;

/// <summary>
/// Splits Bicep source into tokens: comments dropped, newlines kept (they end statements and separate
/// object properties and array items), strings decoded with their <c>${...}</c> interpolations.
/// </summary>
internal sealed class BicepLexer
{
    private static readonly string[] TwoCharSymbols = ["::", "==", "!=", "<=", ">=", "=>", "&&", "||", "??", ".?"];

    private readonly string _source;
    private int _position;
    private int _line = 1;

    private BicepLexer(string source) => _source = source;

    public static List<Token> Tokenize(string source) => new BicepLexer(source).Read(insideInterpolation: false);

    private List<Token> Read(bool insideInterpolation)
    {
        var tokens = new List<Token>();
        var braceDepth = 0;
        while (_position < _source.Length)
        {
            var c = _source[_position];
            if (c == '\n')
            {
                tokens.Add(new Token(TokenKind.NewLine, "\n", _line++));
                _position++;
            }
            else if (c is ' ' or '\t' or '\r')
            {
                _position++;
            }
            else if (StartsWith("//"))
            {
                while (_position < _source.Length && _source[_position] != '\n')
                {
                    _position++;
                }
            }
            else if (StartsWith("/*"))
            {
                SkipBlockComment();
            }
            else if (c == '\'')
            {
                tokens.Add(ReadString());
            }
            else if (char.IsAsciiLetter(c) || c == '_')
            {
                tokens.Add(new Token(TokenKind.Identifier, ReadWhile(ch => char.IsAsciiLetterOrDigit(ch) || ch == '_'), _line));
            }
            else if (char.IsAsciiDigit(c))
            {
                tokens.Add(new Token(TokenKind.Number, ReadWhile(char.IsAsciiDigit), _line));
            }
            else
            {
                if (insideInterpolation && c == '}' && braceDepth == 0)
                {
                    _position++;
                    return tokens;
                }

                braceDepth += c == '{' ? 1 : c == '}' ? -1 : 0;
                var symbol = TwoCharSymbols.FirstOrDefault(StartsWith) ?? c.ToString();
                tokens.Add(new Token(TokenKind.Symbol, symbol, _line));
                _position += symbol.Length;
            }
        }

        if (insideInterpolation)
        {
            throw Error("unterminated ${...} in a string");
        }

        return tokens;
    }

    private Token ReadString()
    {
        var startLine = _line;
        var start = _position;
        if (StartsWith("'''"))
        {
            var close = _source.IndexOf("'''", _position + 3, StringComparison.Ordinal);
            if (close < 0)
            {
                throw Error("unterminated multi-line string");
            }

            var text = _source[(_position + 3)..close];
            _line += text.Count(ch => ch == '\n');
            _position = close + 3;
            return new Token(TokenKind.String, _source[start.._position], startLine, [new StringPart(text, null)]);
        }

        _position++;
        var parts = new List<StringPart>();
        var literal = new StringBuilder();
        while (true)
        {
            if (_position >= _source.Length || _source[_position] == '\n')
            {
                throw Error("unterminated string");
            }

            var c = _source[_position];
            if (c == '\'')
            {
                _position++;
                break;
            }

            if (c == '\\')
            {
                literal.Append(ReadEscape());
            }
            else if (StartsWith("${"))
            {
                parts.Add(new StringPart(literal.ToString(), null));
                literal.Clear();
                _position += 2;
                parts.Add(new StringPart(null, Read(insideInterpolation: true)));
            }
            else
            {
                literal.Append(c);
                _position++;
            }
        }

        parts.Add(new StringPart(literal.ToString(), null));
        return new Token(TokenKind.String, _source[start.._position], startLine, parts.Where(p => p.Literal is not "").ToList());
    }

    private string ReadEscape()
    {
        var escaped = _position + 1 < _source.Length ? _source[_position + 1] : '\0';
        _position += 2;
        switch (escaped)
        {
            case 'n': return "\n";
            case 'r': return "\r";
            case 't': return "\t";
            case '\\' or '\'' or '$': return escaped.ToString();
            case 'u' when _position < _source.Length && _source[_position] == '{':
                var close = _source.IndexOf('}', _position);
                var codePoint = int.Parse(_source[(_position + 1)..close], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                _position = close + 1;
                return char.ConvertFromUtf32(codePoint);
            default: throw Error($"unknown escape '\\{escaped}'");
        }
    }

    private void SkipBlockComment()
    {
        var close = _source.IndexOf("*/", _position + 2, StringComparison.Ordinal);
        if (close < 0)
        {
            throw Error("unterminated comment");
        }

        _line += _source.AsSpan(_position, close - _position).Count('\n');
        _position = close + 2;
    }

    private string ReadWhile(Func<char, bool> predicate)
    {
        var start = _position;
        while (_position < _source.Length && predicate(_source[_position]))
        {
            _position++;
        }

        return _source[start.._position];
    }

    private bool StartsWith(string text) => string.CompareOrdinal(_source, _position, text, 0, text.Length) == 0;

    private FormatException Error(string message) => new($"Bicep line {_line}: {message}.");
}
