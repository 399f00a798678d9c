using System.Collections.Immutable;
using System.Linq;
using DeviceModel.Analyzers;
using DeviceModel.Declarations;
using DeviceModel.Generators.Emitter;
using DeviceModel.Generators.Reading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DeviceModel.Generators
{
    /// <summary>
    /// The DeviceModel incremental generator. Each class declaration with attributes is read from its syntax alone
    /// (<see cref="SyntaxReader"/>: after an edit, only the classes of the edited file are read again); what only the
    /// compiler knows — what a type or attribute name denotes, a non-literal argument's value, an inherited option, a
    /// capability's declared length, the <c>[DeviceCatalog]</c> — is asked once per compilation, each distinct question
    /// once (<see cref="Resolver"/>); each declaring type (a <c>[Device]</c> class, or a class recording histories of
    /// inherited options with class-level <c>[CompatHint]</c>s) → its own <see cref="DeviceSpec"/>
    /// (<see cref="SpecBuilder"/>, which takes each option's and history's model from the declaration rules core,
    /// <see cref="OptionRules"/>, the core whose problems the analyzers report) → one file with its table and option
    /// accessors; the catalog → the list of every device of the assembly. Its one diagnostic is DM0009 on a concrete
    /// class it cannot complete (see <see cref="DeviceDeclaration"/>); the core's problems are the analyzers' to report.
    /// Measured cost: docs/benchmarks.md, "Generator cost".
    /// </summary>
    [Generator(LanguageNames.CSharp)]
    public sealed class DeviceGenerator : IIncrementalGenerator
    {
        /// <summary>Tracking names of the pipeline steps, asserted by the incrementality tests.</summary>
        public static class Steps
        {
            public const string Resolution = nameof(Resolution);
            public const string Devices = nameof(Devices);
            public const string HistoryClasses = nameof(HistoryClasses);
            public const string CatalogEntries = nameof(CatalogEntries);
            public const string Catalogs = nameof(Catalogs);
            public const string CatalogWithDevices = nameof(CatalogWithDevices);
            public const string DeclarationProblems = nameof(DeclarationProblems);
        }

        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            // Per class declaration, from syntax alone: only the classes of an edited file are read again (a node is
            // the same object while its tree is unchanged, and SyntaxReader.ReadOnce keeps each node's part).
            IncrementalValuesProvider<ClassPart> parts = context.SyntaxProvider
                .CreateSyntaxProvider(SyntaxReader.IsCandidate, static (syntax, cancellationToken) => SyntaxReader.ReadOnce((ClassDeclarationSyntax)syntax.Node, cancellationToken));
            IncrementalValueProvider<EquatableArray<TypeGroup>> groups = parts.Collect()
                .Select(static (all, cancellationToken) => Resolver.Group(all, cancellationToken));

            // What only the compiler knows, asked once per distinct name and scope; re-answered after every edit, and
            // equal answers leave every type's model cached.
            IncrementalValueProvider<Resolution> resolution = groups
                .Select(static (all, cancellationToken) => Resolver.Ask(all, cancellationToken))
                .Combine(context.CompilationProvider)
                .Select(static (pair, cancellationToken) => Resolver.Resolve(pair.Left, pair.Right, cancellationToken))
                .WithTrackingName(Steps.Resolution);

            // Every type's model in one step, which a no-op edit leaves cached as one item: the per-item steps after it
            // are only those that must be per item (one output file per type). A type's model is rebuilt only when its
            // parts or the answers change (ModelBuilder keeps the others).
            IncrementalValueProvider<Models> models = groups
                .Combine(resolution)
                .Select(static (pair, cancellationToken) => ModelBuilder.Build(pair.Left, pair.Right, cancellationToken));
            IncrementalValuesProvider<DeviceSpec> devices = models
                .SelectMany(static (all, _) => all.Devices)
                .WithTrackingName(Steps.Devices);
            IncrementalValuesProvider<DeviceSpec> historyClasses = models
                .SelectMany(static (all, _) => all.HistoryClasses)
                .WithTrackingName(Steps.HistoryClasses);

            // DM0009 for concrete classes the generator skips: their build fails with CS0534, which stops the analyzers.
            IncrementalValuesProvider<DeclarationProblem> problems = models
                .SelectMany(static (all, _) => all.Problems)
                .WithTrackingName(Steps.DeclarationProblems);

            IncrementalValueProvider<string?> helpLinkBase = context.AnalyzerConfigOptionsProvider
                .Select(static (options, _) => HelpLinks.ReadBase(options.GlobalOptions));

            // The compilation only to place the diagnostic in its syntax tree (so the IDE offers the make-partial fix);
            // there are no problems, hence nothing to run, in a project that builds.
            context.RegisterSourceOutput(problems.Combine(helpLinkBase).Combine(context.CompilationProvider),
                static (spc, pair) => Report(spc, pair.Left.Left, HelpLinks.From(pair.Left.Right), pair.Right));

            context.RegisterSourceOutput(devices, static (spc, spec) => spc.AddSource(spec.HintName + ".g.cs", DeviceEmitter.Emit(spec)));
            context.RegisterSourceOutput(historyClasses, static (spc, spec) => spc.AddSource(spec.HintName + ".g.cs", DeviceEmitter.Emit(spec)));

            IncrementalValueProvider<EquatableArray<CatalogEntry>> entries = models
                .Select(static (all, _) => all.CatalogEntries)
                .WithTrackingName(Steps.CatalogEntries);

            IncrementalValuesProvider<CatalogSpec> catalogs = resolution
                .SelectMany(static (answers, _) => answers.Catalogs)
                .WithTrackingName(Steps.Catalogs);
            IncrementalValuesProvider<(CatalogSpec Catalog, EquatableArray<CatalogEntry> Devices)> withDevices = catalogs
                .Combine(entries)
                .WithTrackingName(Steps.CatalogWithDevices);

            context.RegisterSourceOutput(withDevices, static (spc, pair) =>
                spc.AddSource(pair.Catalog.HintName + ".g.cs", CatalogEmitter.Emit(pair.Catalog, pair.Devices.ToList())));
        }

        private static void Report(SourceProductionContext context, DeclarationProblem problem, HelpLinks links, Compilation compilation) =>
            context.ReportDiagnostic(Diagnostic.Create(
                links.For(Descriptors.DeviceNotPartial),
                problem.Location.ToLocation(compilation),
                problem.NotPartial ? ImmutableDictionary<string, string?>.Empty.Add(Descriptors.NotPartialProperty, "true") : ImmutableDictionary<string, string?>.Empty,
                problem.ClassName,
                problem.Problems));
    }
}
