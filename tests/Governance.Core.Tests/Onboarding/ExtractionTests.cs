using System.IO.Compression;
using System.Text;
using Governance.Core.Onboarding.Extraction;

namespace Governance.Core.Tests.Onboarding;

public sealed class ExtractionTests
{
    private static ExtractionResult ExtractBad(string name, ContractExtractionLimits? limits = null)
        => ContractTextExtractor.Extract(File.ReadAllBytes(Path.Combine(CorpusFiles.OutputDirectory, "bad", name)), name, limits ?? ContractExtractionLimits.Default);

    [Theory]
    [InlineData("encrypted.pdf", ExtractionFailureCodes.Encrypted)]
    [InlineData("image-only.pdf", ExtractionFailureCodes.NoText)]
    [InlineData("corrupt.pdf", ExtractionFailureCodes.Corrupt)]
    [InlineData("disguised-png.pdf", ExtractionFailureCodes.UnsupportedType)]
    [InlineData("other.zip", ExtractionFailureCodes.UnsupportedType)]
    [InlineData("zip-bomb.docx", ExtractionFailureCodes.DecompressedTooLarge)]
    [InlineData("garbled-cjk.pdf", ExtractionFailureCodes.Garbled)]
    public void A_bad_file_is_a_typed_failure_with_a_reason(string file, string code)
    {
        var result = ExtractBad(file);

        Assert.False(result.Succeeded);
        Assert.Equal(code, result.Failure!.Code);
        Assert.False(string.IsNullOrWhiteSpace(result.Failure.Reason));
    }

    [Fact]
    public void A_zip_bomb_whose_headers_understate_its_size_is_refused_while_inflating()
    {
        var bomb = BadFiles.ZipBomb(80 * 1024 * 1024);
        var lying = UnderstateSizes(bomb);
        var limits = new ContractExtractionLimits { MaxDecompressedBytes = 8 * 1024 * 1024 };

        var result = ContractTextExtractor.Extract(lying, "contract.docx", limits);

        Assert.False(result.Succeeded);
        Assert.Contains(result.Failure!.Code, new[] { ExtractionFailureCodes.DecompressedTooLarge, ExtractionFailureCodes.Corrupt });
    }

    [Fact]
    public void Deleted_tracked_changes_are_not_text_but_insertions_tables_and_footnotes_are()
    {
        var result = ExtractBad("tracked-changes.docx");

        var text = result.Document!.Text;
        Assert.Contains("of any data breach promptly.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("within 24 hours", text, StringComparison.Ordinal);
        Assert.Contains("Audit | The Platform may audit", text, StringComparison.Ordinal);
        Assert.Contains("for at least three years", text, StringComparison.Ordinal);
        Assert.Contains(result.Document.Blocks, b => b.Kind == ContractBlockKind.Note);
        Assert.Contains(result.Document.Blocks, b => b.Kind == ContractBlockKind.TableRow);
    }

    [Fact]
    public void Every_block_location_points_at_its_text_and_pdf_blocks_carry_their_page()
    {
        foreach (var file in new[] { "en-02-complete-paraphrased.pdf", "zh-05-negated.pdf", "en-03-complete-articles.docx", "zh-04-missing.md", "en-01-complete.txt" })
        {
            var document = ContractTextExtractor.Extract(CorpusFiles.Read(file), file, ContractExtractionLimits.Default).Document!;
            for (var i = 0; i < document.Blocks.Count; i++)
            {
                var block = document.Blocks[i];
                Assert.Equal(i + 1, block.Location.Paragraph);
                Assert.Equal(block.Text, document.Text.Substring(block.Location.Offset, block.Text.Length));
                Assert.Equal(document.Format == ContractFormat.Pdf, block.Location.Page is >= 1);
            }
        }
    }

    [Fact]
    public void Chinese_pdf_text_comes_out_readable_in_reading_order()
    {
        var document = ContractTextExtractor.Extract(CorpusFiles.Read("zh-05-negated.pdf"), "x.pdf", ContractExtractionLimits.Default).Document!;

        Assert.Contains("甲方(平台运营者):示例网络科技有限公司", document.Text, StringComparison.Ordinal);
        Assert.True(document.Text.IndexOf("安全责任", StringComparison.Ordinal) < document.Text.IndexOf("处理记录", StringComparison.Ordinal));
        Assert.Contains("乙方对其处理的数据", document.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_type_comes_from_the_content_not_the_name()
    {
        var pdf = CorpusFiles.Read("en-05-negated.pdf");
        var docx = CorpusFiles.Read("en-06-hollow.docx");

        Assert.Equal(ContractFormat.Pdf, ContractTextExtractor.Extract(pdf, "contract.txt", ContractExtractionLimits.Default).Document!.Format);
        Assert.Equal(ContractFormat.Docx, ContractTextExtractor.Extract(docx, "contract.pdf", ContractExtractionLimits.Default).Document!.Format);
        Assert.Equal(ContractFormat.Markdown, ContractTextExtractor.Extract(Encoding.UTF8.GetBytes(OnboardingKit.CompleteEnglish), "contract.md", ContractExtractionLimits.Default).Document!.Format);
    }

    [Fact]
    public void Invalid_utf8_binary_and_empty_files_are_refused()
    {
        Assert.Equal(ExtractionFailureCodes.InvalidText, ContractTextExtractor.Extract([0x41, 0xC3, 0x28, 0x41, 0x41], "a.txt", ContractExtractionLimits.Default).Failure!.Code);
        Assert.Equal(ExtractionFailureCodes.InvalidText, ContractTextExtractor.Extract([0x41, 0x00, 0x01, 0x02, 0x41], "a.txt", ContractExtractionLimits.Default).Failure!.Code);
        Assert.Equal(ExtractionFailureCodes.Empty, ContractTextExtractor.Extract([], "a.txt", ContractExtractionLimits.Default).Failure!.Code);
        Assert.Equal(ExtractionFailureCodes.NoText, ContractTextExtractor.Extract(Encoding.UTF8.GetBytes("   \n\n  ok  "), "a.txt", ContractExtractionLimits.Default).Failure!.Code);
    }

    [Fact]
    public void Text_full_of_replacement_or_private_use_characters_is_garbled()
    {
        var garbled = string.Concat(Enumerable.Repeat("The Developer shall \uFFFD\uFFFD\uE012\uE013 notify \uE001\uE002\uE003 the platform. ", 20));

        var result = ContractTextExtractor.Extract(Encoding.UTF8.GetBytes(garbled), "a.txt", ContractExtractionLimits.Default);

        Assert.Equal(ExtractionFailureCodes.Garbled, result.Failure!.Code);
    }

    [Fact]
    public void Size_page_character_and_time_limits_are_enforced()
    {
        var pdf = CorpusFiles.Read("en-02-complete-paraphrased.pdf");
        var text = Encoding.UTF8.GetBytes(OnboardingKit.CompleteEnglish);

        Assert.Equal(ExtractionFailureCodes.TooLarge, ContractTextExtractor.Extract(pdf, "a.pdf", new ContractExtractionLimits { MaxFileBytes = 100 }).Failure!.Code);
        Assert.Equal(ExtractionFailureCodes.TooLong, ContractTextExtractor.Extract(text, "a.txt", new ContractExtractionLimits { MaxCharacters = 300 }).Failure!.Code);
        var fiftyPages = LargeContracts.Pdf(50);
        Assert.Equal(ExtractionFailureCodes.TooManyPages, ContractTextExtractor.Extract(fiftyPages, "a.pdf", new ContractExtractionLimits { MaxPages = 10 }).Failure!.Code);
        Assert.Equal(ExtractionFailureCodes.Timeout, ContractTextExtractor.Extract(fiftyPages, "a.pdf", new ContractExtractionLimits { Timeout = TimeSpan.FromTicks(1) }).Failure!.Code);
    }

    [Fact]
    public void Limits_are_validated()
    {
        Assert.Empty(ContractExtractionLimits.Default.Validate());
        Assert.Equal(2, new ContractExtractionLimits { MaxPages = 0, Timeout = TimeSpan.Zero }.Validate().Count);
    }

    /// <summary>Sets the uncompressed size of every entry, in the local and central headers, to 1 byte.</summary>
    private static byte[] UnderstateSizes(byte[] zip)
    {
        var bytes = (byte[])zip.Clone();
        for (var i = 0; i + 30 < bytes.Length; i++)
        {
            if (bytes[i] == 0x50 && bytes[i + 1] == 0x4B && bytes[i + 2] == 0x03 && bytes[i + 3] == 0x04)
            {
                BitConverter.GetBytes(1).CopyTo(bytes, i + 22);
            }
            else if (bytes[i] == 0x50 && bytes[i + 1] == 0x4B && bytes[i + 2] == 0x01 && bytes[i + 3] == 0x02)
            {
                BitConverter.GetBytes(1).CopyTo(bytes, i + 24);
            }
        }

        using var check = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
        Assert.All(check.Entries, e => Assert.Equal(1, e.Length));
        return bytes;
    }
}
