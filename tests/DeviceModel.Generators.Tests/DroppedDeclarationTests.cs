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
using ClassHistoriesReading = Generators::DeviceModel.Declarations.ClassHistoriesReading;
using ClassHistoryReading = Generators::DeviceModel.Declarations.ClassHistoryReading;
using DeclarationIssue = Generators::DeviceModel.Declarations.DeclarationIssue;
using DeviceAnalyzer = Analyzers::DeviceModel.Analyzers.DeviceAnalyzer;
using DeviceDeclaration = Generators::DeviceModel.Declarations.DeviceDeclaration;
using DeviceSpec = Generators::DeviceModel.Declarations.DeviceSpec;
using Dropped = Generators::DeviceModel.Declarations.Dropped;
using HistorySpec = Generators::DeviceModel.Declarations.HistorySpec;
using IncludeReading = Generators::DeviceModel.Declarations.IncludeReading;
using OptionDeclaration = Generators::DeviceModel.Declarations.OptionDeclaration;
using OptionReader = Generators::DeviceModel.Declarations.OptionReader;
using OptionRules = Generators::DeviceModel.Declarations.OptionRules;
using OptionSpec = Generators::DeviceModel.Declarations.OptionSpec;
using Steps = Generators::DeviceModel.Generators.DeviceGenerator.Steps;

namespace DeviceModel.Generators.Tests
{
    /// <summary>
    /// "Dropped ⇔ reported": over a corpus of declarations, everything the generator leaves out of its model — a device
    /// type, an option, a history — carries an error the analyzers (or, for a concrete type it skips, the generator)
    /// report on that declaration, and nothing kept carries one. And why that holds: both ask one rules core
    /// (<c>OptionRules</c>) — the generator with facts read from syntax, the analyzers with facts read from symbols — so
    /// for each declaration the core's problems are exactly the drop diagnostics the analyzer reports on it, the core's
    /// model is null exactly when a problem drops the option, and it equals the model the generator emitted.
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

                /// <summary>A product's rule taking any attribute argument.</summary>
                public sealed class TaggedAttribute(object tag) : OptionRuleAttribute
                {
                    public object Tag { get; } = tag;
                }

                [OptionGroup("boot")]
                public sealed partial class BootOptions
                {
                    [ConfigOption("bootindex")] public int BootIndex { get; set; } = -1;
                }

                public sealed class NotAGroup
                {
                }

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
            // The issue's two cases: an enum alias named in a hint, and a private setter on a concrete base device.
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
            { "rule whose argument the generated table cannot write", """[ConfigOption("tagged")] [Tagged(new object[] { new[] { 1 } })] public int Tagged { get; set; } = 1;""" },
            { "rule whose argument does not compile", """[ConfigOption("broken")] [Tagged(NoSuchConstant)] public int Broken { get; set; } = 1;""" },
            { "rules with arrays the generated table writes", """
                [ConfigOption("boxed")] [Tagged(new object[] { 1, "a", Mode.Slow })] public int Boxed { get; set; } = 1;
                [ConfigOption("types")] [Tagged(new System.Type[] { typeof(int), typeof(Mode) })] public int Types { get; set; } = 1;
                """ },
            { "enum alias default", """[ConfigOption("mode")] public Mode Mode { get; set; } = Mode.Quick;""" },
            { "enum alias default with a history", """[ConfigOption("mode")] [CompatHint("2.0", Mode.Slow)] public Mode Mode { get; set; } = Mode.Quick;""" },
            { "hint without a version and of the wrong type", """[ConfigOption("both")] [CompatHint("two", "many")] public int Both { get; set; } = 2;""" },
            { "include of a class that is not a group", """[IncludeOptions] public NotAGroup Plain { get; } = new();""" },
            { "static include", """[IncludeOptions] public static BootOptions Shared { get; } = new();""" },
            { "include that is also an option", """[IncludeOptions] [ConfigOption("both")] public BootOptions Both { get; set; } = new();""" },
            { "valid include", """[IncludeOptions] public BootOptions Boot { get; } = new();""" },
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

        [Fact]
        public void RuleArgumentArrays_AreKept_AndTheGeneratedTableCompiles()
        {
            const string source = """
                using DeviceModel;

                namespace Dropped
                {
                    [Device("arrays")]
                    public sealed partial class Arrays : Family
                    {
                        [ConfigOption("boxed")] [Tagged(new object[] { 1, "a", Mode.Slow })] public int Boxed { get; set; } = 1;
                        [ConfigOption("types")] [Tagged(new System.Type[] { typeof(int), typeof(Mode) })] public int Types { get; set; } = 1;
                    }
                }
                """;
            GeneratorRun run = AssertDroppedIffReported("rule arrays", new SourceFile("Product.cs", Product), new SourceFile("Case.cs", source));
            Assert.Empty(run.CompilationDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
            DeviceSpec arrays = Specs(run).Single(s => s.ClassName == "Arrays");
            Assert.Equal(new[] { "boxed", "types" }, arrays.Options.Select(o => o.Name));
            Assert.All(arrays.Options, o => Assert.Single(o.Rules));
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
        [InlineData("class-level hint naming an unknown option on a device", """
            [Device("unknown-option")]
            [CompatHint("2.0", 2u, Option = "unknown")]
            public sealed partial class UnknownOption : Family { }
            """)]
        [InlineData("class-level hint without Option", """
            [CompatHint("2.0", 2u)]
            public abstract partial class Vendor : Family { }
            """)]
        [InlineData("class-level hint naming an option the class declares", """
            [Device("declares")]
            [CompatHint("2.0", 2u, Option = "own")]
            public sealed partial class Declares : Family
            {
                [ConfigOption("own")] public uint Own { get; set; } = 4;
            }
            """)]
        [InlineData("class-level hint naming an option an override here versions", """
            [CompatHint("1.0", 1u, Option = "inherited")]
            public abstract partial class Vendor : Family
            {
                // Two entries, so that the kept property history is not mistaken for the class's one.
                [CompatHint("1.0", 1u)] [CompatHint("2.0", 2u)] public override uint Inherited { get; set; } = 4;
            }
            """)]
        [InlineData("class-level hints with a bad version and value", """
            [CompatHint("2", "many", Option = "inherited")]
            public abstract partial class Vendor : Family { }
            """)]
        [InlineData("an option in a class without [Device] that records histories", """
            [CompatHint("2.0", 2u, Option = "inherited")]
            public abstract partial class Vendor : Family
            {
                [ConfigOption("vendor")] public uint VendorOption { get; set; } = 1;
            }
            """)]
        [InlineData("valid class-level hints", """
            [CompatHint("2.0", 2u, Option = "inherited")]
            public abstract partial class Vendor : Family { }
            """)]
        [InlineData("an option group with an option the generator leaves out, and one it keeps", """
            [OptionGroup("case-group")]
            public sealed partial class CaseGroup
            {
                [ConfigOption("kept")] public int Kept { get; set; } = 1;
                [ConfigOption("Bad Name")] public int Bad { get; set; }
            }
            """)]
        [InlineData("an option group that is not partial", """
            [OptionGroup("not-partial-group")]
            public sealed class NotPartialGroup : OptionGroup { }
            """)]
        [InlineData("a class that is both a device and an option group", """
            [Device("both")]
            [OptionGroup("both-group")]
            public sealed partial class Both : Family { }
            """)]
        [InlineData("an include in an option group", """
            [OptionGroup("outer")]
            public sealed partial class Outer
            {
                [IncludeOptions] public BootOptions Boot { get; } = new();
            }
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
                bool isDevice = HasAttribute(type.AttributeLists, "Device") || HasAttribute(type.AttributeLists, "OptionGroup");
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
                    bool includes = HasAttribute(property.AttributeLists, "IncludeOptions");
                    if (!declares && !includes && hints == 0) continue;
                    var symbol = (IPropertySymbol)model.GetDeclaredSymbol(property)!;
                    bool kept;
                    if (includes && !declares)
                    {
                        kept = spec.Includes.Any(i => i.PropertyName == symbol.Name);
                    }
                    else if (declares)
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
            OneCore(drops, specs, model, tree, mismatches);
            Assert.True(mismatches.Count == 0, what + ":\n" + string.Join("\n", mismatches) + "\nall diagnostics:\n" + GeneratorHarness.Describe(analyzer.Concat(run.GeneratorDiagnostics)));
            return run;
        }

        /// <summary>
        /// The structural claim, per declaration of Case.cs: the problems of the rules core as the symbol front end asks it
        /// (the analyzers' <c>OptionReader</c>; the same source is compiled into both assemblies) are exactly the drop
        /// diagnostics reported on the declaration, by id; the core drops the option exactly when its model is null, the
        /// history exactly when the model keeps the option without its hints; and its model equals what the syntax front
        /// end gave the generator (rule attributes compared by number: each front end writes its own creation expression).
        /// </summary>
        private static void OneCore(List<Diagnostic> drops, Dictionary<string, DeviceSpec> specs, SemanticModel model, SyntaxTree tree, List<string> mismatches)
        {
            foreach (ClassDeclarationSyntax syntax in tree.GetRoot().DescendantNodes().OfType<ClassDeclarationSyntax>())
            {
                var type = (INamedTypeSymbol)model.GetDeclaredSymbol(syntax)!;
                bool isDevice = type.GetAttributes().Any(a => a.AttributeClass?.Name == "DeviceAttribute");
                bool isGroup = type.GetAttributes().Any(a => a.AttributeClass?.Name == "OptionGroupAttribute");
                specs.TryGetValue(type.Name, out DeviceSpec? spec);

                ImmutableArray<AttributeData> classHints = type.GetAttributes().Where(a => a.AttributeClass?.Name == "CompatHintAttribute").ToImmutableArray();
                string? typeProblem = DeviceDeclaration.Problems(type, syntax, out _);
                ClassHistoriesReading classReading = OptionReader.ReadClassHistories(type, classHints, isDevice ? null : typeProblem, OptionReader.Read, OptionReader.ReadHierarchy);
                List<string> expected = classReading.Problems.Select(p => p.Id).ToList();
                if ((isDevice || isGroup) && typeProblem is not null) expected.Add("DM0009");
                if (OptionRules.ReadClassKind(type.Name, isDevice, isGroup) is { } kind) expected.Add(kind.Id);
                Compare("type " + type.Name, expected, drops.Where(d => d.Location.SourceSpan.IntersectsWith(TypeHeaderSpan(syntax))), classReading.Problems, mismatches);
                foreach (ClassHistoryReading history in classReading.Histories)
                {
                    bool usable = history.Inherited is { IsUsable: true, HostOnly: false };
                    if ((history.Reading.Model is null) != (history.Reading.Problems.Length > 0 || !usable))
                    {
                        mismatches.Add("class-level history of '" + history.Option + "' on " + type.Name + ": model " + (history.Reading.Model is null ? "null" : "kept") + " with problems " + Join(history.Reading.Problems));
                    }
                    if (spec is not null && history.Reading.Model is { } kept && !spec.Histories.Contains(kept))
                    {
                        mismatches.Add("class-level history of '" + history.Option + "' on " + type.Name + ": the core keeps it, the generator did not emit it");
                    }
                }

                foreach (PropertyDeclarationSyntax propertySyntax in syntax.Members.OfType<PropertyDeclarationSyntax>())
                {
                    var property = (IPropertySymbol)model.GetDeclaredSymbol(propertySyntax)!;
                    int hints = property.GetAttributes().Count(a => a.AttributeClass?.Name == "CompatHintAttribute");
                    OptionDeclaration? option = OptionReader.Read(property);
                    IncludeReading? include = OptionReader.ReadInclude(property);
                    ImmutableArray<DeclarationIssue> problems = (option?.Problems ?? OptionRules.ReadNonOption(property.Name, hints)).AddRange(include?.Problems ?? ImmutableArray<DeclarationIssue>.Empty);
                    string what = "property " + property.Name;
                    Compare(what, problems.Select(p => p.Id), drops.Where(d => d.Location.SourceSpan.IntersectsWith(propertySyntax.FullSpan)), problems, mismatches);
                    if (include is not null)
                    {
                        if ((include.Model is null) != include.Problems.Any(p => p.Drops == Dropped.Option)) mismatches.Add(what + ": include " + (include.Model is null ? "null" : "kept") + " with problems " + Join(include.Problems));
                        if (spec is not null && (include.Model is { } included ? !spec.Includes.Contains(included) : spec.Includes.Any(i => i.PropertyName == property.Name)))
                        {
                            mismatches.Add(what + ": the core read include " + (include.Model?.ToString() ?? "nothing") + ", the generator emitted " + string.Join(", ", spec.Includes));
                        }
                    }
                    if (option is { OwnsAttribute: true })
                    {
                        bool dropsOption = problems.Any(p => p.Drops == Dropped.Option);
                        if ((option.Model is null) != dropsOption) mismatches.Add(what + ": model " + (option.Model is null ? "null" : "kept") + " with problems " + Join(problems));
                        bool dropsHistory = problems.Any(p => p.Drops == Dropped.History);
                        if (option.Model is { } kept && (hints > 0 && kept.History.Length == 0) != dropsHistory) mismatches.Add(what + ": history " + kept.History.Length + " of " + hints + " with problems " + Join(problems));
                        if (spec is not null)
                        {
                            OptionSpec? emitted = spec.Options.FirstOrDefault(o => o.PropertyName == property.Name);
                            if (!SameModel(option.Model, emitted)) mismatches.Add(what + ": the core read " + Show(option.Model) + ", the generator emitted " + Show(emitted));
                        }
                    }
                    else if (option is { OwnsHistory: true, OwnHistory: { } history })
                    {
                        bool usable = option.Target is { IsUsable: true, HostOnly: false };
                        if ((history.Model is null) != (problems.Length > 0 || !usable)) mismatches.Add(what + ": history " + (history.Model is null ? "null" : "kept") + " with problems " + Join(problems));
                        if (spec is not null)
                        {
                            HistorySpec? emitted = spec.Histories.FirstOrDefault(h => h.Option == option.Name);
                            if (!Equals(history.Model, emitted)) mismatches.Add(what + ": the core read " + (history.Model?.ToString() ?? "nothing") + ", the generator emitted " + (emitted?.ToString() ?? "nothing"));
                        }
                    }
                }
            }
        }

        private static void Compare(string what, IEnumerable<string> core, IEnumerable<Diagnostic> reported, ImmutableArray<DeclarationIssue> problems, List<string> mismatches)
        {
            string coreIds = string.Join(", ", core.OrderBy(id => id, StringComparer.Ordinal));
            string reportedIds = string.Join(", ", reported.Select(d => d.Id).OrderBy(id => id, StringComparer.Ordinal));
            if (coreIds != reportedIds) mismatches.Add(what + ": the core's problems [" + coreIds + "] (" + Join(problems) + ") but reported [" + reportedIds + "]");
        }

        private static bool SameModel(OptionSpec? core, OptionSpec? emitted) =>
            core is null || emitted is null ? core is null && emitted is null : Normalized(core).Equals(Normalized(emitted));

        private static OptionSpec Normalized(OptionSpec option) =>
            option with { Rules = new Generators::DeviceModel.Declarations.EquatableArray<string>(option.Rules.Select(_ => "rule").ToArray()) };

        private static string Show(OptionSpec? option) => option is null ? "nothing" : Normalized(option).ToString();

        private static string Join(IEnumerable<DeclarationIssue> problems) => string.Join("; ", problems);

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
