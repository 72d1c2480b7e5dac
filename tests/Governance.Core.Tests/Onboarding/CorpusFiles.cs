using System.Runtime.CompilerServices;
using System.Text.Json;
using Governance.Core.Json;

namespace Governance.Core.Tests.Onboarding;

public sealed record CorpusContract(string Id, string Language, string Format, string Split, string Note, IReadOnlyList<CorpusParagraph> Paragraphs, IReadOnlyDictionary<string, string> Expected)
{
    public string FileName => $"{Id}.{Format}";
}

public sealed record CorpusSpec(IReadOnlyList<string> Rules, IReadOnlyList<CorpusContract> Contracts);

/// <summary>The corpus as committed: <c>Corpus/corpus.json</c> (paragraphs and expectations) and the rendered files in <c>Corpus/files</c>.</summary>
public static class CorpusFiles
{
    public static string OutputDirectory => Path.Combine(AppContext.BaseDirectory, "Onboarding", "Corpus");

    public static string SourceDirectory([CallerFilePath] string here = "") => Path.Combine(Path.GetDirectoryName(here)!, "Corpus");

    public static CorpusSpec Spec()
        => JsonSerializer.Deserialize<CorpusSpec>(File.ReadAllText(Path.Combine(OutputDirectory, "corpus.json")), GovernanceJson.Options)!;

    public static byte[] Read(string fileName) => File.ReadAllBytes(Path.Combine(OutputDirectory, "files", fileName));
}
