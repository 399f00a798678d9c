using System;
using System.IO;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Emit;
using DeviceModel.Catalog;

namespace DeviceModel.Generators.Tests.Harness
{
    /// <summary>
    /// A test compilation emitted to memory and loaded in a collectible context. Its references to the
    /// DeviceModel runtime resolve to the runtime this test assembly already loaded, so the catalog it returns
    /// is of the same <see cref="DeviceCatalog"/> type the tests use.
    /// </summary>
    internal sealed class LoadedAssembly : IDisposable
    {
        private readonly AssemblyLoadContext _context;

        private LoadedAssembly(AssemblyLoadContext context, Assembly assembly)
        {
            _context = context;
            Assembly = assembly;
        }

        public Assembly Assembly { get; }

        /// <summary>Emits <paramref name="compilation"/> and loads it; fails with the diagnostics if emitting fails.</summary>
        public static LoadedAssembly Emit(Compilation compilation)
        {
            using var image = new MemoryStream();
            EmitResult result = compilation.Emit(image);
            Assert.True(result.Success, "emit failed:\n" + GeneratorHarness.Describe(result.Diagnostics));
            image.Position = 0;
            var context = new AssemblyLoadContext(compilation.AssemblyName, isCollectible: true);
            return new LoadedAssembly(context, context.LoadFromStream(image));
        }

        /// <summary>The generated <c>Catalog</c> property of the <c>[DeviceCatalog]</c> class <paramref name="catalogType"/>.</summary>
        public DeviceCatalog Catalog(string catalogType)
        {
            Type type = Assembly.GetType(catalogType, throwOnError: true)!;
            PropertyInfo? property = type.GetProperty("Catalog", BindingFlags.Public | BindingFlags.Static);
            Assert.True(property is not null, catalogType + " has no generated public static Catalog property");
            return Assert.IsType<DeviceCatalog>(property.GetValue(null));
        }

        public void Dispose() => _context.Unload();
    }
}
