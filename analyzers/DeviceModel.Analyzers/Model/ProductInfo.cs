using DeviceModel.Declarations;
using System;
using System.Collections.Generic;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace DeviceModel.Analyzers.Model
{
    /// <summary>
    /// What the compilation says about its product: the version (from <c>[Product]</c> on a <c>[DeviceCatalog]</c>
    /// class of the compilation, which wins, else from the MSBuild property <c>DeviceModelProductVersion</c>) and the
    /// machine versions its <c>[MachineFamily]</c>s declare.
    /// </summary>
    internal sealed class ProductInfo
    {
        public const string VersionProperty = "build_property.DeviceModelProductVersion";

        private ProductInfo() { }

        /// <summary>The product version, when the compilation has a valid one.</summary>
        public MachineVersion? Version { get; private set; }

        /// <summary>The product version as written.</summary>
        public string? VersionText { get; private set; }

        /// <summary>The product name from <c>[Product]</c>, when there is one.</summary>
        public string? Name { get; private set; }

        /// <summary>The MSBuild property's value, when set.</summary>
        public string? PropertyText { get; private set; }

        /// <summary>The <c>[Product]</c> attribute the version came from, if any.</summary>
        public AttributeData? ProductAttribute { get; private set; }

        /// <summary>The <c>[MachineFamily]</c> attributes of the catalog classes.</summary>
        public List<AttributeData> Families { get; } = new();

        /// <summary>Every declared machine version; empty when the compilation declares no family (then any version goes).</summary>
        public HashSet<MachineVersion> MachineVersions { get; } = new();

        /// <summary>The declared machine families by name, each with its machine versions; empty when the compilation declares none.</summary>
        public Dictionary<string, HashSet<MachineVersion>> FamilyVersions { get; } = new(StringComparer.Ordinal);

        /// <summary>Finds the compilation's catalog classes (top-level types only, as the generator accepts them).</summary>
        public static ProductInfo Read(Compilation compilation, AnalyzerConfigOptions globalOptions)
        {
            var info = new ProductInfo();
            if (globalOptions.TryGetValue(VersionProperty, out string? property) && !string.IsNullOrWhiteSpace(property))
            {
                info.PropertyText = property.Trim();
            }
            var namespaces = new Stack<INamespaceSymbol>();
            namespaces.Push(compilation.Assembly.GlobalNamespace);
            while (namespaces.Count > 0)
            {
                INamespaceSymbol ns = namespaces.Pop();
                foreach (INamespaceSymbol child in ns.GetNamespaceMembers()) namespaces.Push(child);
                foreach (INamedTypeSymbol type in ns.GetTypeMembers())
                {
                    if (type.TypeKind != TypeKind.Class || !type.IsStatic) continue;
                    ReadCatalog(type, info);
                }
            }
            if (info.ProductAttribute is { } product && product.ConstructorArguments.Length == 2 && product.ConstructorArguments[1].Value is string text)
            {
                info.VersionText = text;
                info.Name = product.ConstructorArguments[0].Value as string;
            }
            else
            {
                info.VersionText = info.PropertyText;
            }
            if (info.VersionText is not null && MachineVersion.TryParse(info.VersionText.AsSpan(), out MachineVersion version)) info.Version = version;
            foreach (AttributeData family in info.Families)
            {
                if (family.ConstructorArguments.Length != 2 || family.ConstructorArguments[1].Value is not string versions) continue;
                HashSet<MachineVersion>? own = null;
                if (family.ConstructorArguments[0].Value is string name && !info.FamilyVersions.TryGetValue(name, out own))
                {
                    info.FamilyVersions.Add(name, own = new HashSet<MachineVersion>());
                }
                foreach (string part in SplitVersions(versions))
                {
                    if (!MachineVersion.TryParse(part.AsSpan(), out MachineVersion machine)) continue;
                    info.MachineVersions.Add(machine);
                    own?.Add(machine);
                }
            }
            return info;
        }

        public static string[] SplitVersions(string versions) => versions.Split(new[] { ' ', '\t', '\r', '\n' }, StringSplitOptions.RemoveEmptyEntries);

        /// <summary>Why the product version is unusable or inconsistent, or null.</summary>
        public string? Problem()
        {
            if (ProductAttribute is not null)
            {
                if (Version is null) return "'" + VersionText + "' in [Product] is not a version x.y or x.y.z";
                if (PropertyText is not null)
                {
                    if (!MachineVersion.TryParse(PropertyText.AsSpan(), out MachineVersion property)) return "the MSBuild property DeviceModelProductVersion '" + PropertyText + "' is not a version x.y or x.y.z";
                    if (property != Version.Value)
                    {
                        return "[Product] says " + VersionText + " but the MSBuild property DeviceModelProductVersion says " + PropertyText + " ([Product] wins)";
                    }
                }
                return null;
            }
            if (PropertyText is not null && Version is null) return "the MSBuild property DeviceModelProductVersion '" + PropertyText + "' is not a version x.y or x.y.z";
            return null;
        }

        /// <summary>For messages: the declared machine family names, ordinally.</summary>
        public string DescribeFamilies()
        {
            var names = new List<string>(FamilyVersions.Keys);
            names.Sort(StringComparer.Ordinal);
            return string.Join(" ", names);
        }

        /// <summary>For messages: the declared machine versions (of one family, when given), or a summary when there are many.</summary>
        public string DescribeMachineVersions(string? family = null)
        {
            var sorted = new List<MachineVersion>(family is not null && FamilyVersions.TryGetValue(family, out HashSet<MachineVersion>? own) ? own : MachineVersions);
            sorted.Sort();
            if (sorted.Count <= 8) return string.Join(" ", sorted);
            return sorted[0] + " … " + sorted[sorted.Count - 1] + " (" + sorted.Count.ToString(CultureInfo.InvariantCulture) + " versions)";
        }

        private static void ReadCatalog(INamedTypeSymbol type, ProductInfo info)
        {
            bool isCatalog = false;
            AttributeData? product = null;
            var families = new List<AttributeData>();
            foreach (AttributeData attribute in type.GetAttributes())
            {
                if (AttributeNames.Is(attribute, AttributeNames.DeviceCatalog)) isCatalog = true;
                else if (AttributeNames.Is(attribute, AttributeNames.Product)) product = attribute;
                else if (AttributeNames.Is(attribute, AttributeNames.MachineFamily)) families.Add(attribute);
            }
            if (!isCatalog) return;
            info.ProductAttribute ??= product;
            info.Families.AddRange(families);
        }
    }
}
