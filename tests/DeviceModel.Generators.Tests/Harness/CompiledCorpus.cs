using System;
using System.Collections.Immutable;
using DeviceModel.Generators.Tests.Corpus;
using Microsoft.CodeAnalysis;
using DeviceModel.Catalog;

namespace DeviceModel.Generators.Tests.Harness
{
    /// <summary>
    /// The device corpus after the generator ran, compiled and loaded once for a test class: the generated
    /// catalog is the entry point of the round-trip tests.
    /// </summary>
    public sealed class CompiledCorpus : IDisposable
    {
        private readonly Lazy<LoadedAssembly> _loaded;

        public CompiledCorpus()
        {
            Run = GeneratorHarness.Run(GeneratorHarness.CreateCompilation("Corpus.Compiled", DeviceCorpus.All));
            Diagnostics = Run.CompilationDiagnostics;
            _loaded = new Lazy<LoadedAssembly>(() =>
            {
                Assert.True(Diagnostics.IsEmpty, "the corpus does not compile:\n" + GeneratorHarness.Describe(Diagnostics));
                return LoadedAssembly.Emit(Run.OutputCompilation);
            });
        }

        internal GeneratorRun Run { get; }

        public ImmutableArray<Diagnostic> Diagnostics { get; }

        /// <summary>The generated <c>Corpus.CorpusCatalog.Catalog</c> of the loaded corpus.</summary>
        public DeviceCatalog Catalog => _loaded.Value.Catalog(DeviceCorpus.CatalogType);

        /// <summary>The descriptor of the device named <paramref name="name"/>; fails if the catalog lacks it.</summary>
        public DeviceInfo Device(string name) => Catalog.Find(name) ?? throw new Xunit.Sdk.XunitException("the catalog has no device '" + name + "'");

        public void Dispose()
        {
            if (_loaded.IsValueCreated) _loaded.Value.Dispose();
        }
    }
}
