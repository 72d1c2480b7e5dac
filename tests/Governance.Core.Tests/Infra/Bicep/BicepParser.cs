using System.Globalization;

namespace Governance.Core.Tests.Infra.Bicep;

/// <summary>
/// Reads the declarations of a Bicep file (params, vars, resources, modules, outputs) and the literal
/// structure of their values: objects, arrays, loops, conditions, strings and references. Anything else
/// (function calls, operators) stays as tokens. Unknown statements are an error, so the tests never
/// silently skip a part of the file.
/// </summary>
internal sealed class BicepParser
{
    private static readonly string[] ClosingSymbols = [")", "]", "}"];

    private readonly IReadOnlyList<Token> _tokens;
    private int _position;
    private readonly int _end;

    private BicepParser(IReadOnlyList<Token> tokens, int start, int end)
    {
        _tokens = tokens;
        _position = start;
        _end = end;
    }

    public static BicepDocument ParseDocument(string source, string name)
    {
        var tokens = BicepLexer.Tokenize(source);
        return new BicepParser(tokens, 0, tokens.Count).ReadDocument(name);
    }

    /// <summary>Parses an expression given as tokens, e.g. the inside of a <c>${...}</c> interpolation.</summary>
    public static BicepNode ParseExpression(IReadOnlyList<Token> tokens)
        => tokens.Count == 0
            ? throw new FormatException("Empty Bicep expression.")
            : new BicepParser(tokens, 0, tokens.Count).ClassifySpan(0, tokens.Count);

    private BicepDocument ReadDocument(string name)
    {
        var document = new BicepDocument(name);
        var decorators = new List<BicepDecorator>();
        while (SkipNewLines())
        {
            var token = Next();
            if (token.Is("@"))
            {
                decorators.Add(ReadDecorator());
                continue;
            }

            switch (token.Kind == TokenKind.Identifier ? token.Text : null)
            {
                case "param":
                    var paramName = ExpectIdentifier();
                    var defaultValue = SkipToAssignmentOrStatementEnd() ? ReadValue() : null;
                    document.Parameters[paramName] = new BicepParameter(paramName, [.. decorators], defaultValue);
                    break;
                case "var":
                    var varName = ExpectIdentifier();
                    Expect(SkipToAssignmentOrStatementEnd(), token, "'=' after var");
                    document.Variables[varName] = new BicepVariable(varName, ReadValue());
                    break;
                case "resource":
                    document.Resources.Add(ReadResource(token));
                    break;
                case "module":
                    var symbol = ExpectIdentifier();
                    var path = ExpectString();
                    ExpectSymbol("=");
                    document.Modules[symbol] = new BicepModule(symbol, path, ReadValue(), token.Line);
                    break;
                case "output":
                    var outputName = ExpectIdentifier();
                    Expect(SkipToAssignmentOrStatementEnd(), token, "'=' after output");
                    document.Outputs.Add(new BicepOutput(outputName, ReadValue()));
                    break;
                case "targetScope":
                    ExpectSymbol("=");
                    document.TargetScope = ReadValue();
                    break;
                case "metadata" or "import" or "type" or "func" or "extension" or "using" or "assert":
                    SkipStatement();
                    break;
                default:
                    throw new FormatException($"{name} line {token.Line}: unexpected '{token.Text}'.");
            }

            decorators.Clear();
        }

        return document;
    }

    private BicepResource ReadResource(Token keyword)
    {
        var symbol = ExpectIdentifier();
        var typeAndVersion = ExpectString();
        var existing = Peek()?.Is("existing") == true && Next() is not null;
        ExpectSymbol("=");
        var at = typeAndVersion.IndexOf('@');
        return new BicepResource(
            symbol,
            at < 0 ? typeAndVersion : typeAndVersion[..at],
            at < 0 ? null : typeAndVersion[(at + 1)..],
            existing,
            ReadValue(),
            keyword.Line);
    }

    private BicepDecorator ReadDecorator()
    {
        var name = ExpectIdentifier();
        if (Peek()?.Is("(") != true)
        {
            return new BicepDecorator(name, []);
        }

        var close = MatchingClose(_position);
        var arguments = Slice(_position + 1, close);
        _position = close + 1;
        return new BicepDecorator(name, arguments);
    }

    /// <summary>Reads the value that starts here and ends at a newline, comma or closing bracket outside any brackets.</summary>
    private BicepNode ReadValue()
    {
        var start = _position;
        var depth = 0;
        while (_position < _end)
        {
            var token = _tokens[_position];
            if (depth == 0 && (token.Kind == TokenKind.NewLine || token.Is(",") || ClosingSymbols.Contains(token.Text) && token.Kind == TokenKind.Symbol))
            {
                break;
            }

            depth += Depth(token);
            _position++;
        }

        if (_position == start)
        {
            throw new FormatException($"Bicep line {LineAt(start)}: expected a value.");
        }

        return ClassifySpan(start, _position);
    }

    private BicepNode ClassifySpan(int start, int end)
    {
        var first = _tokens[start];
        var count = end - start;
        if ((first.Is("{") || first.Is("[")) && MatchingClose(start) == end - 1)
        {
            var inner = new BicepParser(_tokens, start + 1, end - 1);
            if (first.Is("{"))
            {
                return inner.ReadObjectBody(first.Line);
            }

            return inner.SkipNewLines() && inner.Peek()!.Is("for") ? inner.ReadForBody(first.Line) : inner.ReadArrayBody(first.Line);
        }

        if (first.Is("if") && start + 1 < end && _tokens[start + 1].Is("("))
        {
            var close = MatchingClose(start + 1);
            return new BicepCondition(Slice(start + 2, close), ClassifySpan(close + 1, end), first.Line);
        }

        if (count == 1)
        {
            switch (first.Kind)
            {
                case TokenKind.String:
                    return new BicepString(first.Parts!, first.Text, first.Line);
                case TokenKind.Number:
                    return new BicepLiteral(long.Parse(first.Text, CultureInfo.InvariantCulture), first.Line);
                case TokenKind.Identifier when first.Text is "true" or "false":
                    return new BicepLiteral(first.Text == "true", first.Line);
                case TokenKind.Identifier when first.Text == "null":
                    return new BicepLiteral(null, first.Line);
            }
        }

        if (IsReferencePath(start, end))
        {
            return new BicepReference([.. Slice(start, end).Where(t => t.Kind == TokenKind.Identifier).Select(t => t.Text)], first.Line);
        }

        return new BicepExpression(Slice(start, end), first.Line);
    }

    private BicepObject ReadObjectBody(int line)
    {
        var properties = new List<BicepProperty>();
        var nested = new List<BicepResource>();
        while (SkipSeparators())
        {
            var token = Next();
            if (token.Is("@"))
            {
                ReadDecorator();
            }
            else if (token.Is("resource") && Peek()?.Kind == TokenKind.Identifier)
            {
                nested.Add(ReadResource(token));
            }
            else
            {
                var name = token.Kind switch
                {
                    TokenKind.Identifier => token.Text,
                    TokenKind.String => token.Parts!.All(p => p.Literal is not null) ? string.Concat(token.Parts!.Select(p => p.Literal)) : token.Text,
                    _ => throw new FormatException($"Bicep line {token.Line}: expected a property name, found '{token.Text}'."),
                };
                ExpectSymbol(":");
                properties.Add(new BicepProperty(name, ReadValue()));
            }
        }

        return new BicepObject(properties, nested, line);
    }

    private BicepArray ReadArrayBody(int line)
    {
        var items = new List<BicepNode>();
        while (SkipSeparators())
        {
            items.Add(ReadValue());
        }

        return new BicepArray(items, line);
    }

    private BicepFor ReadForBody(int line)
    {
        Next();
        string item;
        string? index = null;
        if (Peek()?.Is("(") == true)
        {
            Next();
            item = ExpectIdentifier();
            ExpectSymbol(",");
            index = ExpectIdentifier();
            ExpectSymbol(")");
        }
        else
        {
            item = ExpectIdentifier();
        }

        if (!Next().Is("in"))
        {
            throw new FormatException($"Bicep line {line}: expected 'in' in a for expression.");
        }

        var collectionStart = _position;
        var depth = 0;
        while (_position < _end && !(depth == 0 && _tokens[_position].Is(":")))
        {
            depth += Depth(_tokens[_position++]);
        }

        var collection = ClassifySpan(collectionStart, _position);
        ExpectSymbol(":");
        SkipNewLines();
        var bodyStart = _position;
        var bodyEnd = _end;
        while (bodyEnd > bodyStart && _tokens[bodyEnd - 1].Kind == TokenKind.NewLine)
        {
            bodyEnd--;
        }

        return new BicepFor(item, index, collection, ClassifySpan(bodyStart, bodyEnd), line);
    }

    private bool IsReferencePath(int start, int end)
    {
        for (var i = start; i < end; i++)
        {
            var expectIdentifier = (i - start) % 2 == 0;
            var token = _tokens[i];
            if (expectIdentifier ? token.Kind != TokenKind.Identifier : !token.Is("."))
            {
                return false;
            }
        }

        return (end - start) % 2 == 1;
    }

    private int MatchingClose(int open)
    {
        var depth = 0;
        for (var i = open; i < _end; i++)
        {
            depth += Depth(_tokens[i]);
            if (depth == 0)
            {
                return i;
            }
        }

        throw new FormatException($"Bicep line {LineAt(open)}: '{_tokens[open].Text}' is never closed.");
    }

    private static int Depth(Token token)
        => token.Kind != TokenKind.Symbol ? 0 : token.Text switch
        {
            "(" or "[" or "{" => 1,
            ")" or "]" or "}" => -1,
            _ => 0,
        };

    /// <summary>Skips a type annotation; true when it stopped at '=' (consumed), false at the statement's end.</summary>
    private bool SkipToAssignmentOrStatementEnd()
    {
        var depth = 0;
        while (_position < _end)
        {
            var token = _tokens[_position];
            if (depth == 0 && token.Kind == TokenKind.NewLine)
            {
                return false;
            }

            _position++;
            if (depth == 0 && token.Is("="))
            {
                return true;
            }

            depth += Depth(token);
        }

        return false;
    }

    private void SkipStatement()
    {
        var depth = 0;
        while (_position < _end && !(depth == 0 && _tokens[_position].Kind == TokenKind.NewLine))
        {
            depth += Depth(_tokens[_position++]);
        }
    }

    private bool SkipNewLines()
    {
        while (_position < _end && _tokens[_position].Kind == TokenKind.NewLine)
        {
            _position++;
        }

        return _position < _end;
    }

    private bool SkipSeparators()
    {
        while (_position < _end && (_tokens[_position].Kind == TokenKind.NewLine || _tokens[_position].Is(",")))
        {
            _position++;
        }

        return _position < _end;
    }

    private Token? Peek() => _position < _end ? _tokens[_position] : null;

    private Token Next()
        => _position < _end ? _tokens[_position++] : throw new FormatException($"Bicep line {LineAt(_end - 1)}: unexpected end.");

    private string ExpectIdentifier()
    {
        var token = Next();
        return token.Kind == TokenKind.Identifier ? token.Text : throw new FormatException($"Bicep line {token.Line}: expected a name, found '{token.Text}'.");
    }

    private string ExpectString()
    {
        var token = Next();
        return token.Kind == TokenKind.String && token.Parts!.All(p => p.Literal is not null)
            ? string.Concat(token.Parts!.Select(p => p.Literal))
            : throw new FormatException($"Bicep line {token.Line}: expected a plain string, found '{token.Text}'.");
    }

    private void ExpectSymbol(string symbol)
    {
        var token = Next();
        if (!token.Is(symbol))
        {
            throw new FormatException($"Bicep line {token.Line}: expected '{symbol}', found '{token.Text}'.");
        }
    }

    private static void Expect(bool condition, Token at, string what)
    {
        if (!condition)
        {
            throw new FormatException($"Bicep line {at.Line}: expected {what}.");
        }
    }

    private IReadOnlyList<Token> Slice(int start, int end) => [.. _tokens.Skip(start).Take(end - start)];

    private int LineAt(int index) => _tokens.Count == 0 ? 0 : _tokens[Math.Clamp(index, 0, _tokens.Count - 1)].Line;
}
