extern alias Analyzers;

using System;
using System.IO;
using System.Linq;
using DeviceModel.Analyzers.Tests.Harness;
using Microsoft.CodeAnalysis;
using DeviceAnalyzer = Analyzers::DeviceModel.Analyzers.DeviceAnalyzer;

namespace DeviceModel.Analyzers.Tests
{
    /// <summary>Every diagnostic has its help page, its help link, its row in the index and in the release tracking.</summary>
    public sealed class DocumentationTests
    {
        public static TheoryData<string> Ids()
        {
            var data = new TheoryData<string>();
            foreach (DiagnosticDescriptor descriptor in new DeviceAnalyzer().SupportedDiagnostics) data.Add(descriptor.Id);
            return data;
        }

        private static DiagnosticDescriptor Descriptor(string id) => new DeviceAnalyzer().SupportedDiagnostics.Single(d => d.Id == id);

        [Theory]
        [MemberData(nameof(Ids))]
        public void EveryDiagnostic_HasAHelpPage_WithWhatWhyHowToFixAndAnExample(string id)
        {
            DiagnosticDescriptor descriptor = Descriptor(id);
            string page = RepositoryRoot.File("docs/diagnostics/" + id + ".md");
            Assert.True(File.Exists(page), page + " is missing");
            string text = File.ReadAllText(page);
            Assert.StartsWith("# " + id + ": " + descriptor.Title, text, StringComparison.Ordinal);
            foreach (string section in new[] { "## What", "## Why", "## How to fix", "## Example" }) Assert.Contains(section, text, StringComparison.Ordinal);
        }

        [Theory]
        [MemberData(nameof(Ids))]
        public void EveryDiagnostic_HelpLink_IsAnAbsoluteUrl_OfItsPageInTheRepository(string id)
        {
            // Opened outside the repository (IDE error list, SARIF): an absolute https URL naming the page's repository path.
            DiagnosticDescriptor descriptor = Descriptor(id);
            Assert.Equal("https://github.com/devicemodel/devicemodel/blob/main/docs/diagnostics/" + id + ".md", descriptor.HelpLinkUri);
            Assert.True(Uri.TryCreate(descriptor.HelpLinkUri, UriKind.Absolute, out Uri? uri) && uri.Scheme == Uri.UriSchemeHttps, descriptor.HelpLinkUri);
        }

        [Theory]
        [MemberData(nameof(Ids))]
        public void EveryDiagnostic_IsInTheIndex_AndInTheReleaseTracking_WithItsSeverity(string id)
        {
            DiagnosticDescriptor descriptor = Descriptor(id);
            string severity = descriptor.DefaultSeverity.ToString();
            string index = File.ReadAllText(RepositoryRoot.File("docs/diagnostics/README.md"));
            Assert.Contains("| [" + id + "](" + id + ".md) | " + severity.ToLowerInvariant() + " | " + descriptor.Title + " |", index, StringComparison.Ordinal);
            string releases = File.ReadAllText(RepositoryRoot.File("analyzers/DeviceModel.Analyzers/AnalyzerReleases.Unshipped.md"))
                + File.ReadAllText(RepositoryRoot.File("analyzers/DeviceModel.Analyzers/AnalyzerReleases.Shipped.md"));
            Assert.Contains(id + " | DeviceModel | " + severity + " | " + descriptor.Title + " (docs/diagnostics/" + id + ".md)", releases, StringComparison.Ordinal);
        }

        [Fact]
        public void DiagnosticIds_AreDense_FromDM0001()
        {
            string[] ids = new DeviceAnalyzer().SupportedDiagnostics.Select(d => d.Id).OrderBy(i => i, StringComparer.Ordinal).ToArray();
            Assert.Equal(Enumerable.Range(1, ids.Length).Select(i => "DM" + i.ToString("0000", System.Globalization.CultureInfo.InvariantCulture)), ids);
        }
    }
}
