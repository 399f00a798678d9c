using System.Collections.Immutable;
using System.Linq;
using DeviceModel.Generators.Emitter;
using DeviceModel.Generators.Model;
using DeviceModel.Generators.Parser;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DeviceModel.Generators
{
    /// <summary>
    /// The DeviceModel incremental generator: <c>[Device]</c> classes → <see cref="DeviceSpec"/> → option switches,
    /// typed accessors and metadata; <c>[DeviceCatalog]</c> classes → the catalog of every device of the assembly.
    /// </summary>
    [Generator(LanguageNames.CSharp)]
    public sealed class DeviceGenerator : IIncrementalGenerator
    {
        /// <summary>Tracking names of the pipeline steps, asserted by the incrementality tests.</summary>
        public static class Steps
        {
            public const string Devices = nameof(Devices);
            public const string ConcreteDevices = nameof(ConcreteDevices);
            public const string CapabilityDevices = nameof(CapabilityDevices);
            public const string CatalogEntries = nameof(CatalogEntries);
            public const string Catalogs = nameof(Catalogs);
            public const string CatalogWithDevices = nameof(CatalogWithDevices);
        }

        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            IncrementalValuesProvider<DeviceSpec> devices = context.SyntaxProvider
                .ForAttributeWithMetadataName(DeviceParser.DeviceAttribute, static (node, _) => node is ClassDeclarationSyntax, DeviceParser.Parse)
                .Where(static spec => spec is not null)
                .Select(static (spec, _) => spec!)
                .WithTrackingName(Steps.Devices);

            IncrementalValuesProvider<DeviceSpec> concrete = devices
                .Where(static spec => !spec.IsAbstract)
                .WithTrackingName(Steps.ConcreteDevices);

            context.RegisterSourceOutput(concrete, static (spc, spec) => spc.AddSource(spec.HintName + ".g.cs", DeviceEmitter.Emit(spec)));

            IncrementalValuesProvider<DeviceSpec> declaringCapabilities = devices
                .Where(static spec => spec.Capabilities.Any(static c => c.Own))
                .WithTrackingName(Steps.CapabilityDevices);

            context.RegisterSourceOutput(declaringCapabilities, static (spc, spec) => spc.AddSource(spec.HintName + ".Capabilities.g.cs", DeviceEmitter.EmitCapabilities(spec)));

            IncrementalValueProvider<ImmutableArray<CatalogEntry>> entries = devices
                .Select(static (spec, _) => new CatalogEntry(spec.FullyQualifiedName, spec.DeviceName, spec.IsAbstract))
                .WithTrackingName(Steps.CatalogEntries)
                .Collect();

            IncrementalValuesProvider<CatalogSpec> catalogs = context.SyntaxProvider
                .ForAttributeWithMetadataName(DeviceParser.CatalogAttribute, static (node, _) => node is ClassDeclarationSyntax, DeviceParser.ParseCatalog)
                .Where(static spec => spec is not null)
                .Select(static (spec, _) => spec!)
                .WithTrackingName(Steps.Catalogs);

            IncrementalValuesProvider<(CatalogSpec Catalog, EquatableArray<CatalogEntry> Devices)> withDevices = catalogs
                .Combine(entries.Select(static (all, _) => new EquatableArray<CatalogEntry>(all.ToArray())))
                .WithTrackingName(Steps.CatalogWithDevices);

            context.RegisterSourceOutput(withDevices, static (spc, pair) =>
                spc.AddSource(pair.Catalog.HintName + ".g.cs", CatalogEmitter.Emit(pair.Catalog, pair.Devices.ToList())));
        }
    }
}
