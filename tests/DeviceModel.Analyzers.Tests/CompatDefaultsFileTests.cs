extern alias Analyzers;

using System.Linq;
using Microsoft.CodeAnalysis.Text;
using CompatDefaultsEditor = Analyzers::DeviceModel.Analyzers.Baseline.CompatDefaultsEditor;
using CompatDefaultsFile = Analyzers::DeviceModel.Analyzers.Baseline.CompatDefaultsFile;
using CompatDefaultsFormat = Analyzers::DeviceModel.Analyzers.Baseline.CompatDefaultsFormat;

namespace DeviceModel.Analyzers.Tests
{
    /// <summary>The baseline line format (docs/compat-defaults-format.md): parsing, escaping, and the code fixes' edits.</summary>
    public sealed class CompatDefaultsFileTests
    {
        [Theory]
        [InlineData("", "")]
        [InlineData("efi-virtio.rom", "efi-virtio.rom")]
        [InlineData(" leading and trailing ", "\\sleading and trailing\\s")]
        [InlineData(" ", "\\s")]
        [InlineData("a\\b", "a\\\\b")]
        [InlineData("line1\nline2\r\n\tx", "line1\\nline2\\r\\n\\tx")]
        [InlineData("bell\u0007 sep\u2028 # not a comment = fine", "bell\\u0007 sep\\u2028 # not a comment = fine")]
        public void Escape_KeepsAValueOnOneLine_AndUnescapeRestoresIt(string value, string escaped)
        {
            Assert.Equal(escaped, CompatDefaultsFormat.Escape(value));
            Assert.True(CompatDefaultsFormat.TryUnescape(escaped, out string back));
            Assert.Equal(value, back);
        }

        [Theory]
        [InlineData("\\")]
        [InlineData("\\x")]
        [InlineData("\\u12")]
        [InlineData("\\u12g4")]
        public void Unescape_RejectsUnknownOrTruncatedEscapes(string text) =>
            Assert.False(CompatDefaultsFormat.TryUnescape(text, out _));

        [Fact]
        public void Parse_ReadsLinesValuesAndNoValue_SkippingCommentsAndBlankLines_WithCrLf()
        {
            SourceText text = SourceText.From("# header\r\n\r\n  virtio-net-pci mq=on  \r\nvirtio-net-pci duplex\r\nvirtio-net-pci romfile=\r\nblk serial=\\sx\r\n");
            CompatDefaultsFile file = CompatDefaultsFile.Get(text);
            Assert.Equal(new[] { "virtio-net-pci mq", "virtio-net-pci duplex", "virtio-net-pci romfile", "blk serial" }, file.Lines.Select(l => l.Key));
            Assert.Equal("on", file.Find("virtio-net-pci", "mq")!.Value);
            Assert.Null(file.Find("virtio-net-pci", "duplex")!.Value);
            Assert.Equal("", file.Find("virtio-net-pci", "romfile")!.Value);
            Assert.Equal(" x", file.Find("blk", "serial")!.Value);
            Assert.Equal("virtio-net-pci mq=on", text.ToString(file.Find("virtio-net-pci", "mq")!.Span));
            Assert.Equal(2, file.Find("virtio-net-pci", "mq")!.LineSpan.Start.Line);
        }

        [Fact]
        public void Parse_IsCachedPerSourceText()
        {
            SourceText text = SourceText.From("a b=1\n");
            Assert.Same(CompatDefaultsFile.Get(text), CompatDefaultsFile.Get(text));
            Assert.NotSame(CompatDefaultsFile.Get(text), CompatDefaultsFile.Get(SourceText.From("a b=1\n")));
        }

        [Fact]
        public void FormatLine_WritesNoValueWithoutEquals() =>
            Assert.Equal("nic romfile", CompatDefaultsFormat.FormatLine("nic", "romfile", default));

        [Theory]
        [InlineData("", "a x=1\n")]
        [InlineData("b y=2", "a x=1\nb y=2")]
        [InlineData("# c\r\nb y=2\r\n", "# c\r\na x=1\r\nb y=2\r\n")]
        [InlineData("a x=0\nb y=2\n", "a x=1\nb y=2\n")]
        [InlineData("a-b z=1\n", "a x=1\na-b z=1\n")]
        public void SetLines_ReplacesOrInsertsSorted_KeepingLineEndings(string before, string after) =>
            Assert.Equal(after, CompatDefaultsEditor.SetLines(SourceText.From(before), new[] { ("a x", "a x=1") }).ToString());

        [Fact]
        public void SetLines_InsertsABatchInOneEdit_Sorted()
        {
            SourceText text = SourceText.From("# new\nm m=1\n");
            SourceText updated = CompatDefaultsEditor.SetLines(text, new[] { ("z z", "z z=1"), ("a a", "a a=1"), ("n n", "n n"), ("a a", "a a=2") });
            Assert.Equal("# new\na a=1\nm m=1\nn n\nz z=1\n", updated.ToString());
        }

        [Fact]
        public void RemoveLines_RemovesWholeLinesWithTheirLineBreaks() =>
            Assert.Equal("a x=1\r\nc z=3", CompatDefaultsEditor.RemoveLines(SourceText.From("a x=1\r\nb y=2\r\nc z=3"), new[] { new TextSpan(7, 5) }).ToString());
    }
}
