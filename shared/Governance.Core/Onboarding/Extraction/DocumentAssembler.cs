using System.Text;

namespace Governance.Core.Onboarding.Extraction;

/// <summary>
/// Collects a reader's blocks in reading order, normalises their text (<see cref="ContractText.Normalize"/>)
/// and lays them out in one string with each block's offset, enforcing the character cap as it goes.
/// </summary>
internal sealed class DocumentAssembler(ContractFormat format, int maxCharacters)
{
    private readonly List<ContractBlock> _blocks = [];
    private readonly StringBuilder _text = new();

    public int PageCount { get; set; }

    /// <summary>Images seen while reading (PDF): tells a scan from an empty file when no text came out.</summary>
    public int ImageCount { get; set; }

    public void Add(string raw, ContractBlockKind kind, int? page = null)
    {
        var text = ContractText.Normalize(raw, dropBlanksBetweenCjk: format == ContractFormat.Pdf);
        if (text.Length == 0)
        {
            return;
        }

        if (_text.Length > 0)
        {
            _text.Append(ContractDocument.BlockSeparator);
        }

        var location = new TextLocation(page, _blocks.Count + 1, _text.Length);
        _text.Append(text);
        if (_text.Length > maxCharacters)
        {
            throw new ExtractionRefusedException(ExtractionFailureCodes.TooLong,
                $"The contract has more than {maxCharacters} characters of text; upload the contract itself without attachments.");
        }

        _blocks.Add(new ContractBlock(text, kind, location));
    }

    public ContractDocument Build() => new(format, _text.ToString(), _blocks, PageCount);
}
