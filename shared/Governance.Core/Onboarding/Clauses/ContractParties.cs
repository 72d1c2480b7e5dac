using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace Governance.Core.Onboarding.Clauses;

/// <summary>A name a contract uses for one of its parties, and the party it stands for.</summary>
internal sealed record PartyAlias(string Name, ContractParty Party);

/// <summary>
/// Reads who the parties of a contract are from the way its head introduces them, in three forms:
/// a label line (<c>甲方（开发者）：某某工作室</c>, <c>Party A: Example Platform Co., Ltd. (the entrusting party)</c>,
/// <c>委托方：…</c>), a bracketed definition after a name (<c>Acme Ltd ("Acme", "we", "us")</c>, <c>（以下简称“商家”）</c>)
/// and a definition by meaning (<c>"Client" means Example Platform Ltd</c>, <c>“您”指接入开放平台的开发者</c>).
/// Each group of names is given a role by its names (<c>Platform</c>, <c>Processor</c>, 委托方) or else by the words
/// describing it (its head noun: the first role word in English, the last in Chinese, which puts the head last);
/// a party group left without a role takes the role the others leave open (there are two sides). Names that are
/// not parties (<c>("SDK")</c>, <c>"Personal Data" means …</c>) have no role word and no company name and are ignored.
/// </summary>
internal static partial class ContractParties
{
    /// <summary>How much of the contract's start is read for definitions of the parties.</summary>
    public const int HeadLength = 8000;

    private static readonly ConditionalWeakTable<PartyLexicon, RoleWords> Compiled = [];

    private static readonly HashSet<string> Pronouns = new(StringComparer.OrdinalIgnoreCase) { "we", "us", "our", "you", "your", "我们", "我方", "您", "你", "你方", "贵方" };

    private static readonly HashSet<string> Generic = new(StringComparer.OrdinalIgnoreCase) { "party", "parties", "each party", "一方", "双方", "各方" };

    public static IReadOnlyList<PartyAlias> Resolve(PartyLexicon lexicon, string text)
    {
        var head = text[..Math.Min(text.Length, HeadLength)];
        var words = Compiled.GetValue(lexicon, l => new RoleWords(l));
        var groups = new List<AliasGroup>();
        Labels(head, words, groups);
        Bracketed(head, words, groups);
        Meanings(head, words, groups);
        foreach (var group in groups)
        {
            group.Party ??= words.RoleOfNames(group.Names) ?? words.RoleOf(group.Context);
        }

        Complement(groups.Where(g => g.IsParty).ToList());
        return groups.Where(g => g.Party is not null)
            .SelectMany(g => g.Names.Where(n => !Generic.Contains(n)).Select(n => new PartyAlias(n, g.Party!.Value)))
            .DistinctBy(a => a.Name.ToLowerInvariant())
            .ToList();
    }

    /// <summary>A two-sided contract: party groups without a role take the side nobody holds.</summary>
    private static void Complement(List<AliasGroup> parties)
    {
        var open = parties.Where(g => g.Party is null).ToList();
        var platform = parties.Any(g => g.Party == ContractParty.Platform);
        var third = parties.Any(g => g.Party == ContractParty.ThirdParty);
        ContractParty? side = (platform, third, open.Count) switch
        {
            (true, false, _) => ContractParty.ThirdParty,
            (false, true, 1) => ContractParty.Platform,
            (false, false, 1) => ContractParty.ThirdParty, // the platform is named by its usual words; a lone defined name is the other side
            _ => null,
        };
        foreach (var group in open)
        {
            group.Party = side;
        }
    }

    /// <summary>"甲方（平台方）：示例网络科技有限公司", "Party A: …", "委托人：…（以下简称“委托人”）".</summary>
    private static void Labels(string head, RoleWords words, List<AliasGroup> groups)
    {
        foreach (Match m in words.Label.Matches(head))
        {
            Add(m, known: true);
        }

        foreach (Match m in GenericLabel().Matches(head))
        {
            if (EntitySuffix().IsMatch(m.Groups["rest"].Value) && !groups.Any(g => g.Start == m.Groups["label"].Index))
            {
                Add(m, known: false);
            }
        }

        void Add(Match m, bool known)
        {
            var label = m.Groups["label"];
            var role = m.Groups["role"].Value.Trim();
            var names = new List<string> { label.Value.Trim() };
            if (role.Length is > 0 and <= 10 && words.RoleOfNames([role]) is not null)
            {
                names.Add(role);
            }

            groups.Add(new AliasGroup(names, label.Index, m.Index + m.Length, role + " " + m.Groups["rest"].Value) { IsParty = known || EntitySuffix().IsMatch(m.Groups["rest"].Value) });
        }
    }

    /// <summary>Quoted names in brackets after a party: <c>Acme Ltd ("Acme", "we", "us" or "our")</c>, <c>（以下简称“平台”）</c>.</summary>
    private static void Bracketed(string head, RoleWords words, List<AliasGroup> groups)
    {
        var previousEnd = 0;
        foreach (Match m in Brackets().Matches(head))
        {
            var body = m.Groups["body"].Value;
            var names = QuotedName().Matches(body).Select(q => q.Groups["n"].Value.Trim()).Where(n => n.Length is >= 1 and <= 30).ToList();
            if (names.Count == 0)
            {
                continue;
            }

            var end = m.Index + m.Length;
            if (NamesTheDocument(body, names) && words.RoleOfNames(names) is null)
            {
                previousEnd = end;
                continue;
            }

            var label = groups.FirstOrDefault(g => g.Start < m.Index && m.Index < g.End && !head.AsSpan(g.Start, m.Index - g.Start).Contains('\n'));
            if (label is not null)
            {
                label.Names.AddRange(names);
                previousEnd = end;
                continue;
            }

            var lineStart = head.LastIndexOf('\n', Math.Max(0, m.Index - 1)) + 1;
            var from = Math.Max(Math.Max(previousEnd, lineStart), m.Index - 200);
            var pre = head[from..m.Index];
            var cut = Conjunction().Matches(pre).LastOrDefault();
            pre = cut is null ? pre : pre[(cut.Index + cut.Length)..];
            var post = head[end..Math.Min(head.Length, end + 100)];
            var stop = PostStop().Match(post);
            post = stop.Success ? post[..stop.Index] : post;
            var description = QuotedName().Replace(body, " ");
            var context = pre + " " + description + " " + post;
            var isParty = names.Any(Pronouns.Contains) || EntitySuffix().IsMatch(context) || words.RoleOf(context) is not null || words.RoleOfNames(names) is not null;
            groups.Add(new AliasGroup(names, m.Index, end, context) { IsParty = isParty });
            previousEnd = end;
        }
    }

    /// <summary>
    /// A bracket that names the contract itself, not a party: <c>(this "Addendum")</c>, <c>(hereinafter "this Agreement")</c>,
    /// <c>（以下简称“本协议”）</c>. Its neighbourhood names the parties ("is made between Example Platform Co., Ltd. ..."),
    /// which would otherwise lend the document's name a party's role. A name that states a role (本平台) is still a party.
    /// </summary>
    private static bool NamesTheDocument(string body, IReadOnlyList<string> names)
        => ThisDocument().IsMatch(QuotedName().Replace(body, " ")) || names.Any(n => n.StartsWith('本') || n.StartsWith("this ", StringComparison.OrdinalIgnoreCase));

    /// <summary>"Client" means Example Platform Ltd; “我们”指开放平台的运营者…; only when what follows names a party, not data.</summary>
    private static void Meanings(string head, RoleWords words, List<AliasGroup> groups)
    {
        foreach (Match m in Meaning().Matches(head))
        {
            var definiens = m.Groups["d"].Value;
            var chinese = definiens.Any(Cues.IsHan);
            if (chinese && definiens.IndexOfAny([',', '，']) is var comma and > 0)
            {
                definiens = definiens[..comma];
            }

            var noun = chinese ? definiens[(definiens.LastIndexOf('的') + 1)..] : EnglishHead().Match(definiens).Value;
            if (EntitySuffix().IsMatch(noun) || words.RoleOf(noun) is not null)
            {
                groups.Add(new AliasGroup([m.Groups["n"].Value.Trim()], m.Index, m.Index + m.Length, noun) { IsParty = true });
            }
        }
    }

    private sealed class AliasGroup(List<string> names, int start, int end, string context)
    {
        public List<string> Names { get; } = names;

        public int Start { get; } = start;

        public int End { get; } = end;

        public string Context { get; } = context;

        public bool IsParty { get; init; }

        public ContractParty? Party { get; set; }
    }

    /// <summary>The lexicon's names and role descriptions of both sides, compiled once per lexicon.</summary>
    private sealed class RoleWords
    {
        private readonly Regex _platform;
        private readonly Regex _third;

        public RoleWords(PartyLexicon lexicon)
        {
            var platform = lexicon.Platform.All.Concat(lexicon.Roles.Platform.All).Where(t => !Pronouns.Contains(t)).ToList();
            var third = lexicon.ThirdParty.All.Concat(lexicon.Roles.ThirdParty.All).Where(t => !Pronouns.Contains(t)).ToList();
            _platform = Cues.Compile(platform, compiled: false, ignoreCase: true)!;
            _third = Cues.Compile(third, compiled: false, ignoreCase: true)!;
            // A label's description runs to the end of its line or to the next label ("甲方:… 乙方:…" on one line).
            var labels = string.Join("|", lexicon.Placeholders.Keys.Concat(platform).Concat(third).Select(Cues.TermPattern));
            var label = $@"(?:{labels})[ \t]*(?:[(（][^()（）\n]{{1,40}}[)）])?[ \t]*[:：]";
            Label = new Regex(
                $@"(?<label>{labels})[ \t]*(?:[(（](?<role>[^()（）\n]{{1,40}})[)）])?[ \t]*[:：][ \t]*(?<rest>(?:(?!{label})[^\n]){{2,200}})",
                RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, TimeSpan.FromSeconds(1));
        }

        public Regex Label { get; }

        /// <summary>The role a name itself states ("Platform", "Processor", 委托方), if exactly one side's words match all of it.</summary>
        public ContractParty? RoleOfNames(IEnumerable<string> names)
        {
            foreach (var name in names.Where(n => !Pronouns.Contains(n)))
            {
                var p = Whole(_platform, name);
                var t = Whole(_third, name);
                if (p != t)
                {
                    return p ? ContractParty.Platform : ContractParty.ThirdParty;
                }
            }

            return null;
        }

        /// <summary>The role a description gives: its head noun, the first role word in English, the last in Chinese.</summary>
        public ContractParty? RoleOf(string description)
        {
            var p = _platform.Matches(description);
            var t = _third.Matches(description);
            if (p.Count == 0 && t.Count == 0)
            {
                return null;
            }

            if (p.Count == 0 || t.Count == 0)
            {
                return p.Count > 0 ? ContractParty.Platform : ContractParty.ThirdParty;
            }

            var chinese = description.Any(Cues.IsHan);
            return chinese
                ? (p[^1].Index > t[^1].Index ? ContractParty.Platform : ContractParty.ThirdParty)
                : (p[0].Index < t[0].Index ? ContractParty.Platform : ContractParty.ThirdParty);
        }

        private static bool Whole(Regex words, string name)
        {
            var m = words.Match(name);
            return m.Success && m.Length >= name.Trim().Length - 1;
        }
    }

    [GeneratedRegex(@"(?m)^[ \t]*(?<label>[\u4E00-\u9FFF]{2,8}|[A-Z][A-Za-z]*(?: [A-Za-z]+){0,2})[ \t]*(?:[(（](?<role>[^()（）\n]{1,40})[)）])?[ \t]*[:：][ \t]*(?<rest>[^\n]{2,200})", RegexOptions.CultureInvariant)]
    private static partial Regex GenericLabel();

    [GeneratedRegex(@"\b(?:ltd|limited|inc|llc|llp|plc|gmbh|corp|corporation|company\s+limited|co\.)(?=\W|$)|有限公司|有限责任公司|股份公司|集团|工作室|公司|事务所|合伙企业", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex EntitySuffix();

    [GeneratedRegex(@"[(（](?<body>[^()（）\n]{1,200})[)）]", RegexOptions.CultureInvariant)]
    private static partial Regex Brackets();

    [GeneratedRegex(@"[""“「](?<n>[^""”」\n]{1,40})[""”」](?=\s*(?:$|[,，、;；]|\bor\b|\band\b|或|和|及))", RegexOptions.CultureInvariant)]
    private static partial Regex QuotedName();

    [GeneratedRegex(@"\bthis\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex ThisDocument();

    [GeneratedRegex(@"\b(?:and|between|by|with)\b|与|和|及|、|;|；|签订|订立", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Conjunction();

    [GeneratedRegex(@"\band\b|与|和|及|[(（]|;|；|。|\n|[""“]|,\s*(?:and|or)\b|[,，](?=\s*[\u4E00-\u9FFF])", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex PostStop();

    [GeneratedRegex(@"[""“](?<n>[^""”\n]{1,30})[""”]\s*(?:means|shall\s+mean|refers\s+to|是指|系指|指)\s*(?<d>[^;；。\n""“”]{1,160})", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Meaning();

    /// <summary>An English definiens up to its first preposition, relative word or comma: its head noun phrase.</summary>
    [GeneratedRegex(@"^[^,]*?(?=\s+(?:of|that|which|who|whose|relating|supplied|about|in|for|by|to|from|with|on|under)\b|,|$)", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex EnglishHead();
}
