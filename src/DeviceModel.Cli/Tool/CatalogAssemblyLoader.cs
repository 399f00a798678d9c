using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.IO;
using System.Reflection;
using System.Runtime.Loader;
using DeviceModel.Catalog;

namespace DeviceModel.Cli.Tool
{
    /// <summary>
    /// Loads a product assembly given to <c>--catalog</c> and reads the generated <c>Catalog</c> property of each of its
    /// <c>[DeviceCatalog]</c> classes. The assembly gets its own <see cref="AssemblyLoadContext"/> that resolves the
    /// product's dependencies from its <c>.deps.json</c>, but shares DeviceModel's assemblies with the tool so that
    /// <see cref="DeviceCatalog"/> is one type on both sides.
    /// </summary>
    internal sealed class CatalogAssemblyLoader
    {
        private const string FeatureSwitch = "DeviceModel.Cli.CatalogAssemblies.IsSupported";

        /// <summary>
        /// False in trimmed and native AOT builds: the project sets the switch there with <c>Trim="true"</c>, so the
        /// trimmer and ILC substitute the constant and drop every branch that loads code (loading code at run time needs
        /// the JIT, and a product compiled against the untrimmed DeviceModel may use members trimming removed).
        /// </summary>
        [FeatureSwitchDefinition(FeatureSwitch)]
        public static bool IsSupported => !AppContext.TryGetSwitch(FeatureSwitch, out bool enabled) || enabled;

        /// <summary>Loads <paramref name="path"/> and adds each of its catalogs to <paramref name="into"/>, or says what is wrong with it.</summary>
        [RequiresUnreferencedCode("Loads a product assembly and reads its generated Catalog property by reflection.")]
        [RequiresDynamicCode("Loads and runs code from a product assembly.")]
        public bool TryLoad(string path, List<(DeviceCatalog Catalog, string Origin)> into, [NotNullWhen(false)] out string? problem)
        {
            problem = null;
            string full = Path.GetFullPath(path);
            string origin = path;
            if (!File.Exists(full))
            {
                problem = "--catalog " + path + ": no such file (expected a product assembly built with DeviceModel, e.g. bin/Debug/net10.0/Acme.dll)";
                return false;
            }
            int before = into.Count;
            try
            {
                var context = new ProductLoadContext(full);
                Assembly assembly = context.LoadFromAssemblyPath(full);
                foreach (Type type in assembly.GetTypes())
                {
                    if (!type.IsDefined(typeof(DeviceCatalogAttribute), inherit: false)) continue;
                    PropertyInfo? property = type.GetProperty("Catalog", BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static);
                    if (property is null || property.PropertyType != typeof(DeviceCatalog))
                    {
                        problem = "--catalog " + path + ": [DeviceCatalog] class " + type.FullName + " has no generated Catalog property (is the DeviceModel source generator referenced, and the class static partial?)";
                        return false;
                    }
                    try
                    {
                        into.Add(((DeviceCatalog)property.GetValue(null)!, origin + " (" + type.FullName + ")"));
                    }
                    catch (TargetInvocationException e) when (e.InnerException is not null)
                    {
                        problem = "--catalog " + path + ": the catalog " + type.FullName + " failed to initialize: " + e.InnerException.Message;
                        return false;
                    }
                }
            }
            catch (BadImageFormatException)
            {
                problem = "--catalog " + path + ": not a .NET assembly (expected the product's .dll, e.g. bin/Debug/net10.0/Acme.dll)";
                return false;
            }
            catch (ReflectionTypeLoadException e)
            {
                var messages = new SortedSet<string>(StringComparer.Ordinal);
                foreach (Exception? loader in e.LoaderExceptions) if (loader is not null) messages.Add(loader.Message);
                problem = "--catalog " + path + ": its types do not load (" + string.Join("; ", messages) + "); was it built against a newer DeviceModel than this devmodel ("
                    + typeof(DeviceCatalog).Assembly.GetName().Version + ")?";
                return false;
            }
            catch (Exception e) when (e is FileLoadException or FileNotFoundException or TypeLoadException or InvalidOperationException)
            {
                problem = "--catalog " + path + ": cannot load it: " + e.Message;
                return false;
            }
            if (into.Count == before)
            {
                problem = "--catalog " + path + ": no [DeviceCatalog] class in this assembly (expected a product assembly with a static partial class marked [DeviceCatalog])";
                return false;
            }
            return true;
        }

        /// <summary>One product's load context: its own dependencies from its deps.json, DeviceModel's from the tool.</summary>
        private sealed class ProductLoadContext : AssemblyLoadContext
        {
            // What the tool itself is built on: loading a product's copy would make DeviceCatalog a different type.
            private static readonly HashSet<string> Shared = new(StringComparer.OrdinalIgnoreCase) { "DeviceModel", "DeviceModel.Tooling", "DeviceModel.Cli.Hosting", "System.CommandLine" };

            private readonly AssemblyDependencyResolver _resolver;

            public ProductLoadContext(string assemblyPath) : base("devmodel --catalog " + Path.GetFileName(assemblyPath))
            {
                _resolver = new AssemblyDependencyResolver(assemblyPath);
            }

            [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Only runs for a product assembly loaded by TryLoad, which requires unreferenced code; never in trimmed builds (IsSupported).")]
            protected override Assembly? Load(AssemblyName assemblyName)
            {
                if (assemblyName.Name is null || Shared.Contains(assemblyName.Name)) return null;
                string? path = _resolver.ResolveAssemblyToPath(assemblyName);
                return path is null ? null : LoadFromAssemblyPath(path);
            }

            protected override IntPtr LoadUnmanagedDll(string unmanagedDllName)
            {
                string? path = _resolver.ResolveUnmanagedDllToPath(unmanagedDllName);
                return path is null ? IntPtr.Zero : LoadUnmanagedDllFromPath(path);
            }
        }
    }
}
