extern alias Analyzers;
extern alias Generators;

using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using DeviceModel.Generators.Tests.Harness;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using DeviceAnalyzer = Analyzers::DeviceModel.Analyzers.DeviceAnalyzer;
using DeviceSpec = Generators::DeviceModel.Declarations.DeviceSpec;
using Steps = Generators::DeviceModel.Generators.DeviceGenerator.Steps;

namespace DeviceModel.Generators.Tests
{
    /// <summary>
    /// "Dropped ⇔ reported": over a corpus of declarations, everything the generator leaves out of its model — a device
    /// type, an option, a history — carries an error the analyzers (or, for a concrete type it skips, the generator)
    /// report on that declaration, and nothing kept carries one. Both read declarations with the one shared reader.
    /// </summary>
    public sealed class DroppedDeclarationTests
    {
        /// <summary>The diagnostics that mean "this declaration is not used" (DM0009 for a type, the others for members).</summary>
        private static readonly HashSet<string> DropIds = new(StringComparer.Ordinal) { "DM0004", "DM0005", "DM0008", "DM0009", "DM0010", "DM0015", "DM0020" };

        private const string Product = """
            using DeviceModel;

            namespace Dropped
            {
                [DeviceCatalog]
                [Product("dropped", "3.0")]
                [MachineFamily("pc", "1.0 2.0 3.0")]
                public static partial class DroppedCatalog
                {
                }

                public enum Mode { Fast = 0, Quick = 0, Slow = 1 }

                [Device("base-family")]
                public abstract partial class Family : Device
                {
                    [ConfigOption("inherited")]
                    public virtual uint Inherited { get; set; } = 4;

                    [ConfigOption("host", HostOnly = true)]
                    public virtual string? Host { get; set; }
                }
            }
            """;

        public static TheoryData<string, string> Cases() => new()
        {
            // The two cases: an enum alias named in a hint, and a private setter on a concrete base device.
            { "enum alias in a hint", """[ConfigOption("mode")] [CompatHint("2.0", "quick")] public Mode Mode { get; set; }""" },
            { "enum first name in a hint", """[ConfigOption("mode")] [CompatHint("2.0", "fast")] public Mode Mode { get; set; } = Mode.Slow;""" },
            { "enum member constant in a hint", """[ConfigOption("mode")] [CompatHint("2.0", Mode.Quick)] public Mode Mode { get; set; } = Mode.Slow;""" },
            { "private setter", """[ConfigOption("level")] public int Level { get; private set; } = 3;""" },
            { "unsupported type", """[ConfigOption("when")] public System.DateTime When { get; set; }""" },
            { "size of a signed type", """[ConfigOption("size", IsSize = true)] public long Size { get; set; }""" },
            { "auto on a non-nullable int", """[ConfigOption("lanes", Auto = true)] public int Lanes { get; set; }""" },
            { "invalid option name", """[ConfigOption("Bad Name")] public int Bad { get; set; }""" },
            { "no setter", """[ConfigOption("fixed")] public int Fixed => 1;""" },
            { "init-only setter", """[ConfigOption("init")] public int Init { get; init; }""" },
            { "hint of the wrong type", """[ConfigOption("count")] [CompatHint("2.0", "many")] public int Count { get; set; } = 2;""" },
            { "hint out of range", """[ConfigOption("small")] [CompatHint("2.0", 300)] public byte Small { get; set; } = 2;""" },
            { "hint with a bad version", """[ConfigOption("ver")] [CompatHint("2", 1)] public int Ver { get; set; } = 2;""" },
            { "limit that does not parse", """[ConfigOption("limited", Min = "lots")] public uint Limited { get; set; } = 2;""" },
            { "limit on a bool", """[ConfigOption("flag", Max = "1")] public bool Flag { get; set; }""" },
            { "hint on a host-only option", """[ConfigOption("backend", HostOnly = true)] [CompatHint("2.0", "old")] public string? Backend { get; set; }""" },
            { "hint on a plain property", """[CompatHint("2.0", 1)] public int Plain { get; set; }""" },
            { "property hint naming another option", """[ConfigOption("own")] [CompatHint("2.0", 1u, Option = "inherited")] public uint Own { get; set; } = 2;""" },
            { "history on an override", """[CompatHint("2.0", 2u)] public override uint Inherited { get; set; } = 4;""" },
            { "hint on an overridden host-only option", """[CompatHint("2.0", "old")] public override string? Host { get; set; }""" },
            { "valid options", """
                [ConfigOption("on")] [CompatHint("2.0", false)] public bool On { get; set; } = true;
                [ConfigOption("auto", Auto = true, Min = "1", Max = "64")] [CompatHint("1.0", 2u)] public uint? Auto { get; set; }
                [ConfigOption("ooa")] public OnOffAuto Ooa { get; set; } = OnOffAuto.Auto;
                """ },
        };

        [Theory]
        [MemberData(nameof(Cases))]
        public void WhatTheGeneratorLeavesOut_IsReported_AndNothingElse(string what, string members)
        {
            string device = """
                using DeviceModel;

                namespace Dropped
                {
                    [Device("case")]
                    public sealed partial class Case : Family
                    {
                        MEMBERS
                    }
                }
                """.Replace("MEMBERS", members);
            AssertDroppedIffReported(what, new SourceFile("Product.cs", Product), new SourceFile("Case.cs", device));
        }

        [Fact]
        public void PrivateSetterOnAConcreteBaseDevice_IsKeptForItsSubtypes()
        {
            const string source = """
                using DeviceModel;

                namespace Dropped
                {
                    [Device("concrete-base")]
                    public partial class ConcreteBase : Family
                    {
                        [ConfigOption("level")]
                        public int Level { get; private set; } = 3;
                    }

                    [Device("derived")]
                    public sealed partial class Derived : ConcreteBase
                    {
                    }
                }
                """;
            GeneratorRun run = AssertDroppedIffReported("private setter on a concrete base", new SourceFile("Product.cs", Product), new SourceFile("Case.cs", source));
            Assert.Empty(run.CompilationDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
            DeviceSpec concrete = Specs(run).Single(s => s.ClassName == "ConcreteBase");
            Assert.Contains(concrete.Options, o => o.Name == "level");
        }

        [Theory]
        [InlineData("class-level hints on a non-partial class", """
            [CompatHint("2.0", 2u, Option = "inherited")]
            public abstract class Vendor : Family { }
            """)]
        [InlineData("class-level hint naming an option not inherited", """
            [CompatHint("2.0", 2u, Option = "nope")]
            public abstract partial class Vendor : Family { }
            """)]
        [InlineData("class-level hint of the wrong type", """
            [CompatHint("2.0", "many", Option = "inherited")]
            public abstract partial class Vendor : Family { }
            """)]
        [InlineData("class-level hints on a host-only option", """
            [CompatHint("2.0", "old", Option = "host")]
            public abstract partial class Vendor : Family { }
            """)]
        [InlineData("valid class-level hints", """
            [CompatHint("2.0", 2u, Option = "inherited")]
            public abstract partial class Vendor : Family { }
            """)]
        [InlineData("a device that is not partial", """
            [Device("not-partial")]
            public sealed class NotPartial : Family { }
            """)]
        [InlineData("an abstract device that is not partial", """
            [Device("not-partial-family")]
            public abstract class NotPartialFamily : Family { }
            """)]
        public void TypeLevelDrops_AreReported_AndNothingElse(string what, string declaration)
        {
            string source = "using DeviceModel;\n\nnamespace Dropped\n{\n" + declaration + "\n}\n";
            AssertDroppedIffReported(what, new SourceFile("Product.cs", Product), new SourceFile("Case.cs", source));
        }

        private static GeneratorRun AssertDroppedIffReported(string what, params SourceFile[] sources)
        {
            GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.CreateCompilation("Dropped", sources));
            Assert.Null(run.Result.Exception);
            ImmutableArray<Diagnostic> analyzer = run.OutputCompilation
                .WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new DeviceAnalyzer()))
                .GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
            List<Diagnostic> drops = analyzer.Concat(run.GeneratorDiagnostics)
                .Where(d => DropIds.Contains(d.Id) && d.Location.SourceTree?.FilePath == "Case.cs").ToList();
            Dictionary<string, DeviceSpec> specs = Specs(run).ToDictionary(s => s.ClassName, StringComparer.Ordinal);

            SyntaxTree tree = run.OutputCompilation.SyntaxTrees.Single(t => t.FilePath == "Case.cs");
            SemanticModel model = run.OutputCompilation.GetSemanticModel(tree);
            var mismatches = new List<string>();
            var explained = new HashSet<Diagnostic>();
            foreach (ClassDeclarationSyntax type in tree.GetRoot().DescendantNodes().OfType<ClassDeclarationSyntax>())
            {
                bool isDevice = HasAttribute(type.AttributeLists, "Device");
                bool hasClassHints = type.AttributeLists.SelectMany(l => l.Attributes).Any(a => Named(a, "CompatHint"));
                if (!isDevice && !hasClassHints) continue;
                specs.TryGetValue(type.Identifier.ValueText, out DeviceSpec? spec);
                List<Diagnostic> onType = drops.Where(d => d.Location.SourceSpan.IntersectsWith(TypeHeaderSpan(type))).ToList();
                explained.UnionWith(onType);
                if (spec is null)
                {
                    if (onType.Count == 0) mismatches.Add("type " + type.Identifier + " is left out, and nothing reports it");
                    continue;
                }
                // Class-level histories: each named option's group is kept whole, or reported.
                foreach (IGrouping<string, AttributeSyntax> group in type.AttributeLists.SelectMany(l => l.Attributes).Where(a => Named(a, "CompatHint"))
                    .GroupBy(a => OptionArgument(a) ?? "", StringComparer.Ordinal))
                {
                    bool kept = spec.Histories.Any(h => h.Option == group.Key && h.History.Length == group.Count());
                    bool reported = onType.Count > 0;
                    if (kept == reported) mismatches.Add("class-level history of '" + group.Key + "' on " + type.Identifier + ": " + (kept ? "kept but reported" : "left out but not reported"));
                }
                foreach (PropertyDeclarationSyntax property in type.Members.OfType<PropertyDeclarationSyntax>())
                {
                    int hints = property.AttributeLists.SelectMany(l => l.Attributes).Count(a => Named(a, "CompatHint"));
                    bool declares = HasAttribute(property.AttributeLists, "ConfigOption");
                    if (!declares && hints == 0) continue;
                    var symbol = (IPropertySymbol)model.GetDeclaredSymbol(property)!;
                    bool kept;
                    if (declares)
                    {
                        kept = spec.Options.Any(o => o.PropertyName == symbol.Name && o.History.Length == (o.HostOnly ? 0 : hints)) && !(hints > 0 && spec.Options.Any(o => o.PropertyName == symbol.Name && o.HostOnly));
                    }
                    else
                    {
                        string? inherited = InheritedOptionName(symbol);
                        kept = inherited is not null && spec.Histories.Any(h => h.Option == inherited && h.History.Length == hints);
                    }
                    List<Diagnostic> onProperty = drops.Where(d => d.Location.SourceSpan.IntersectsWith(property.FullSpan)).ToList();
                    explained.UnionWith(onProperty);
                    bool reported = onProperty.Count > 0;
                    if (kept == reported)
                    {
                        mismatches.Add("property " + symbol.Name + ": " + (kept ? "kept but reported: " + string.Join("; ", onProperty) : "left out but not reported"));
                    }
                }
            }
            foreach (Diagnostic unexplained in drops.Where(d => !explained.Contains(d))) mismatches.Add("reported outside any declaration checked here: " + unexplained);
            Assert.True(mismatches.Count == 0, what + ":\n" + string.Join("\n", mismatches) + "\nall diagnostics:\n" + GeneratorHarness.Describe(analyzer.Concat(run.GeneratorDiagnostics)));
            return run;
        }

        private static IEnumerable<DeviceSpec> Specs(GeneratorRun run) =>
            new[] { Steps.Devices, Steps.HistoryClasses }
                .Where(run.Result.TrackedSteps.ContainsKey)
                .SelectMany(step => run.Result.TrackedSteps[step])
                .SelectMany(s => s.Outputs)
                .Select(o => o.Value)
                .OfType<DeviceSpec>();

        /// <summary>The attributes and identifier of a class: where type-level diagnostics go.</summary>
        private static Microsoft.CodeAnalysis.Text.TextSpan TypeHeaderSpan(ClassDeclarationSyntax type) =>
            Microsoft.CodeAnalysis.Text.TextSpan.FromBounds(type.FullSpan.Start, type.Identifier.Span.End);

        private static string? InheritedOptionName(IPropertySymbol property)
        {
            for (IPropertySymbol? p = property.OverriddenProperty; p is not null; p = p.OverriddenProperty)
            {
                AttributeData? option = p.GetAttributes().FirstOrDefault(a => a.AttributeClass?.Name == "ConfigOptionAttribute");
                if (option is not null) return option.ConstructorArguments[0].Value as string;
            }
            return null;
        }

        private static string? OptionArgument(AttributeSyntax attribute) =>
            attribute.ArgumentList?.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == "Option")?.Expression is LiteralExpressionSyntax literal
                ? literal.Token.ValueText : null;

        private static bool HasAttribute(SyntaxList<AttributeListSyntax> lists, string name) => lists.SelectMany(l => l.Attributes).Any(a => Named(a, name));

        private static bool Named(AttributeSyntax attribute, string name) =>
            attribute.Name.ToString() is var text && (text == name || text == name + "Attribute");
    }
}
