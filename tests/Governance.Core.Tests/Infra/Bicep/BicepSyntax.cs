namespace Governance.Core.Tests.Infra.Bicep;

internal enum TokenKind
{
    Identifier,
    String,
    Number,
    Symbol,
    NewLine,
}

/// <summary>A token; string tokens carry their literal parts and interpolated expressions.</summary>
internal sealed record Token(TokenKind Kind, string Text, int Line, IReadOnlyList<StringPart>? Parts = null)
{
    public bool Is(string symbolOrWord) => Kind is TokenKind.Symbol or TokenKind.Identifier && Text == symbolOrWord;

    public override string ToString() => Text;
}

/// <summary>Either literal text or the tokens of a <c>${...}</c> expression.</summary>
internal sealed record StringPart(string? Literal, IReadOnlyList<Token>? Expression);

internal abstract record BicepNode(int Line);

internal sealed record BicepObject(IReadOnlyList<BicepProperty> Properties, IReadOnlyList<BicepResource> NestedResources, int Line) : BicepNode(Line)
{
    public BicepNode? this[string name] => Properties.FirstOrDefault(p => p.Name == name)?.Value;
}

internal sealed record BicepProperty(string Name, BicepNode Value);

internal sealed record BicepArray(IReadOnlyList<BicepNode> Items, int Line) : BicepNode(Line);

/// <summary><c>[for item in collection: body]</c> or <c>[for (item, index) in collection: body]</c>.</summary>
internal sealed record BicepFor(string ItemName, string? IndexName, BicepNode Collection, BicepNode Body, int Line) : BicepNode(Line);

/// <summary><c>if (condition) body</c>, as a resource or module body.</summary>
internal sealed record BicepCondition(IReadOnlyList<Token> Condition, BicepNode Body, int Line) : BicepNode(Line);

internal sealed record BicepString(IReadOnlyList<StringPart> Parts, string Raw, int Line) : BicepNode(Line)
{
    public bool IsInterpolated => Parts.Any(p => p.Expression is not null);
}

/// <summary>A symbol with optional member access: <c>name</c>, <c>name.member.member</c>.</summary>
internal sealed record BicepReference(IReadOnlyList<string> Path, int Line) : BicepNode(Line);

/// <summary>A number, <c>true</c>, <c>false</c> or <c>null</c>.</summary>
internal sealed record BicepLiteral(object? Value, int Line) : BicepNode(Line);

/// <summary>Any other expression (function calls, operators...), kept as tokens.</summary>
internal sealed record BicepExpression(IReadOnlyList<Token> Tokens, int Line) : BicepNode(Line)
{
    public override string ToString() => string.Join(" ", Tokens.Where(t => t.Kind != TokenKind.NewLine));
}

internal sealed record BicepDecorator(string Name, IReadOnlyList<Token> Arguments);

internal sealed record BicepParameter(string Name, IReadOnlyList<BicepDecorator> Decorators, BicepNode? DefaultValue)
{
    public BicepDecorator? Decorator(string name) => Decorators.FirstOrDefault(d => d.Name == name);
}

internal sealed record BicepVariable(string Name, BicepNode Value);

/// <summary>A resource; <see cref="Type"/> is relative to the parent for a nested resource (e.g. <c>topics</c>).</summary>
internal sealed record BicepResource(string Symbol, string Type, string? ApiVersion, bool Existing, BicepNode Body, int Line);

internal sealed record BicepModule(string Symbol, string Path, BicepNode Body, int Line);

internal sealed record BicepOutput(string Name, BicepNode Value);
