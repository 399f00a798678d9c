using DeviceModel.Declarations;
using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using DeviceModel.Analyzers.Baseline;
using DeviceModel.Analyzers.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace DeviceModel.Analyzers
{
    /// <summary>
    /// Checks <c>[Device]</c> classes, their options and compat histories (DM0004–DM0011, DM0015, DM0017, DM0018) and their
    /// capability layouts (DM0012), and guards each guest-visible option's default against the compilation's compat
    /// defaults baseline (DM0001–DM0003, DM0013, DM0016, DM0019). What the generator leaves out of a declaration it reports
    /// from the problems of the rules core the generator asks too (<see cref="OptionRules"/>, see <see cref="DeviceChecks"/>).
    /// The generator reports only DM0009 on concrete classes it skips: their build fails with CS0534, and analyzers do not
    /// run on such builds.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class DeviceAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
            Descriptors.UnversionedDefault,
            Descriptors.NewOptionWithoutHistory,
            Descriptors.StaleBaselineLine,
            Descriptors.InvalidVersion,
            Descriptors.InvalidHintValue,
            Descriptors.InvalidHistory,
            Descriptors.DuplicateOptionName,
            Descriptors.InvalidName,
            Descriptors.DeviceNotPartial,
            Descriptors.UnsupportedOption,
            Descriptors.NonConstantDefault,
            Descriptors.CapabilityLayout,
            Descriptors.BaselineOutOfDate,
            Descriptors.InvalidProductVersion,
            Descriptors.MisplacedHint,
            Descriptors.MalformedBaselineLine,
            Descriptors.UnknownHintFamily,
            Descriptors.HintOutsideProduct,
            Descriptors.BaselineFilesMissing,
            Descriptors.InvalidClassHint,
            Descriptors.MachineRead);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(OnCompilationStart);
        }

        private static void OnCompilationStart(CompilationStartAnalysisContext context)
        {
            // Nothing to do in compilations that cannot see the attributes.
            if (DeviceModelAssembly(context.Compilation) is not { } deviceModel || deviceModel.GetTypeByMetadataName("DeviceModel.DeviceAttribute") is null) return;
            var state = new CompilationState(
                CompatBaseline.Load(context.Options, context.CancellationToken),
                context.Compilation,
                context.Options.AnalyzerConfigOptionsProvider.GlobalOptions);
            context.RegisterSymbolStartAction(start => OnTypeStart(start, state), SymbolKind.NamedType);
            context.RegisterSymbolAction(symbol => HintPlacement.CheckProduct(symbol, state.Product, state.HelpLinks), SymbolKind.NamedType, SymbolKind.Property);
            context.RegisterCompilationEndAction(state.OnCompilationEnd);
            MachineReadChecks.Register(context, state, deviceModel);
        }

        /// <summary>
        /// The assembly that declares DeviceModel's types: a referenced one, or the compilation's own when it is the runtime.
        /// Looked up among the references, not with <c>Compilation.GetTypeByMetadataName</c>, which first declares every
        /// source tree of the compilation (the generated ones included, parsing them): work the compiler does anyway, but
        /// which an analyzer asking at compilation start would do first, and wait for, on the compiler's behalf.
        /// </summary>
        private static IAssemblySymbol? DeviceModelAssembly(Compilation compilation)
        {
            if (compilation.AssemblyName == "DeviceModel") return compilation.Assembly;
            foreach (MetadataReference reference in compilation.References)
            {
                if (compilation.GetAssemblyOrModuleSymbol(reference) is IAssemblySymbol { Name: "DeviceModel" } assembly) return assembly;
            }
            return null;
        }

        private static void OnTypeStart(SymbolStartAnalysisContext context, CompilationState state)
        {
            if (context.Symbol is not INamedTypeSymbol { TypeKind: TypeKind.Class } type) return;
            AttributeData? device = null, group = null;
            bool isCatalog = false;
            foreach (AttributeData attribute in type.GetAttributes())
            {
                if (AttributeNames.Is(attribute, AttributeNames.Device)) device = attribute;
                else if (AttributeNames.Is(attribute, AttributeNames.OptionGroup)) group = attribute;
                else if (AttributeNames.Is(attribute, AttributeNames.DeviceCatalog)) isCatalog = true;
            }
            if (isCatalog) context.RegisterSymbolEndAction(end => CatalogChecks.Analyze(end, type, state.Product, state.HelpLinks));
            if (device is null && group is not null)
            {
                // An option group is checked like a device: its options, their histories, and its baseline lines under its name.
                var groupInitializers = new Initializers();
                context.RegisterOperationAction(groupInitializers.Record, OperationKind.PropertyInitializer);
                context.RegisterSymbolEndAction(end => new DeviceChecks(end, type, group, groupInitializers, state, isGroup: true).Run());
                return;
            }
            if (device is null)
            {
                context.RegisterSymbolEndAction(end =>
                {
                    DeviceChecks.AnalyzeNonDevice(end, type, state.HelpLinks);
                    // A class without [Device] (a product's abstract base such as QemuVirtioPciDevice) may still record
                    // the history of options it inherits.
                    new DeviceChecks(end, type, device: null, new Initializers(), state).CheckClassHints();
                });
                return;
            }
            var initializers = new Initializers();
            context.RegisterOperationAction(initializers.Record, OperationKind.PropertyInitializer);
            context.RegisterSymbolEndAction(end => new DeviceChecks(end, type, device, initializers, state).Run());
        }
    }

    /// <summary>What one compilation's analysis shares: the baseline, the product, and the options seen so far.</summary>
    internal sealed class CompilationState
    {
        private readonly Lazy<ProductInfo> _product;

        public CompilationState(CompatBaseline? baseline, Compilation compilation, AnalyzerConfigOptions globalOptions)
        {
            Baseline = baseline;
            HelpLinks = HelpLinks.Read(globalOptions);
            _product = new Lazy<ProductInfo>(() => ProductInfo.Read(compilation, globalOptions), LazyThreadSafetyMode.ExecutionAndPublication);
        }

        public CompatBaseline? Baseline { get; }

        /// <summary>The descriptors to report with (help links at the project's <c>DeviceModelHelpLinkBase</c>, if set).</summary>
        public HelpLinks HelpLinks { get; }

        public ProductInfo Product => _product.Value;

        private readonly ConcurrentDictionary<ISymbol, IReadOnlyList<OptionDeclaration>> _hierarchies = new(SymbolEqualityComparer.Default);

        /// <summary>
        /// <see cref="OptionReader.ReadHierarchy"/> of <paramref name="type"/>, read once per compilation: every device of a
        /// family shares its base types' options (about 40 for a virtio device), so reading them per device would cost
        /// devices × inherited options.
        /// </summary>
        public IReadOnlyList<OptionDeclaration> Hierarchy(INamedTypeSymbol type) =>
            _hierarchies.GetOrAdd(type, static t => OptionReader.ReadHierarchy((INamedTypeSymbol)t).ToList());

        /// <summary>Baseline keys (<see cref="CompatDefaultsFormat.Key"/>) of every guest-visible option declared in source.</summary>
        public ConcurrentDictionary<string, byte> Declared { get; } = new(StringComparer.Ordinal);

        /// <summary>Baseline lines already reported as malformed while checking an option, so the end does not repeat them.</summary>
        public ConcurrentDictionary<CompatDefaultsLine, byte> Reported { get; } = new();

        public void OnCompilationEnd(CompilationAnalysisContext context)
        {
            if (Baseline is { } baseline)
            {
                ReportLines(context, baseline.ShippedText, baseline.Shipped);
                ReportLines(context, baseline.UnshippedText, baseline.Unshipped);
            }
            if (Baseline is null && Product.ProductAttribute is { } productAttribute && FirstDeclaredDevice() is { } device)
            {
                // DM0019: a product with guest-visible options and no baseline has its compat checks silently off.
                Location location = productAttribute.ApplicationSyntaxReference?.GetSyntax(context.CancellationToken).GetLocation() ?? Location.None;
                context.ReportDiagnostic(Diagnostic.Create(HelpLinks.For(Descriptors.BaselineFilesMissing), location, Product.Name ?? "?", device));
            }
            if (Product.Problem() is { } problem)
            {
                Location location = Product.ProductAttribute?.ApplicationSyntaxReference?.GetSyntax(context.CancellationToken).GetLocation() ?? Location.None;
                context.ReportDiagnostic(Diagnostic.Create(HelpLinks.For(Descriptors.InvalidProductVersion), location, problem));
            }
        }

        /// <summary>The ordinally first device that declares a guest-visible option, for a deterministic message.</summary>
        private string? FirstDeclaredDevice()
        {
            string? first = null;
            foreach (string key in Declared.Keys)
            {
                if (first is null || string.CompareOrdinal(key, first) < 0) first = key;
            }
            return first is null ? null : CompatDefaultsFormat.DeviceOfKey(first);
        }

        private void ReportLines(CompilationAnalysisContext context, AdditionalText? text, CompatDefaultsFile? file)
        {
            if (text is null || file is null) return;
            foreach (CompatDefaultsLine line in file.Lines)
            {
                if (line.Problem is not null)
                {
                    context.ReportDiagnostic(Diagnostic.Create(HelpLinks.For(Descriptors.MalformedBaselineLine), CompatBaseline.LocationOf(text, line), line.Text, line.Problem));
                }
                else if (!Declared.ContainsKey(line.Key))
                {
                    context.ReportDiagnostic(Diagnostic.Create(HelpLinks.For(Descriptors.StaleBaselineLine), CompatBaseline.LocationOf(text, line), line.Text, line.Option, line.Device));
                }
            }
        }
    }

    /// <summary>The property initializers of one type, recorded as the compiler binds them.</summary>
    internal sealed class Initializers
    {
        private readonly Dictionary<IPropertySymbol, Initializer> _byProperty = new(SymbolEqualityComparer.Default);

        public void Record(OperationAnalysisContext context)
        {
            var operation = (IPropertyInitializerOperation)context.Operation;
            IOperation value = operation.Value;
            // A constant converted to Nullable<T> is no longer constant: look through that conversion.
            while (value is IConversionOperation conversion && !value.ConstantValue.HasValue && LooksThrough(conversion.GetConversion()))
            {
                value = conversion.Operand;
            }
            Initializer initializer = value.ConstantValue.HasValue
                ? new Initializer(true, true, value.ConstantValue.Value, operation.Syntax.GetLocation())
                : value is IDefaultValueOperation
                    ? new Initializer(true, false, null, operation.Syntax.GetLocation())
                    : new Initializer(false, false, null, operation.Syntax.GetLocation());
            lock (_byProperty)
            {
                foreach (IPropertySymbol property in operation.InitializedProperties) _byProperty[property] = initializer;
            }
        }

        private static bool LooksThrough(Conversion conversion) =>
            !conversion.IsUserDefined && (conversion.IsNullable || conversion.IsNullLiteral || conversion.IsIdentity || conversion.IsDefaultLiteral);

        public Initializer? Find(IPropertySymbol property)
        {
            lock (_byProperty)
            {
                return _byProperty.TryGetValue(property, out Initializer? initializer) ? initializer : null;
            }
        }
    }

    /// <param name="IsConstant">The initializer is a constant or <c>default</c>.</param>
    /// <param name="HasConstant">The initializer is a constant (else <c>default</c>: the type's default value).</param>
    internal sealed record Initializer(bool IsConstant, bool HasConstant, object? Constant, Location Location);
}
