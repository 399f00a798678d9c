using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DeviceModel.Declarations
{
    /// <summary>
    /// Builds the <see cref="CatalogSpec"/> of a <c>[DeviceCatalog]</c> class: the product's version, machine families and
    /// ROM sizes, parsed at build time. A declaration that does not parse is left out; the analyzers report it (DM0014).
    /// </summary>
    internal static class CatalogReader
    {
        /// <summary>The catalog of <paramref name="type"/> (a <c>[DeviceCatalog]</c> class, <paramref name="isPartial"/> as declared), or null when the generator skips it.</summary>
        public static CatalogSpec? Read(INamedTypeSymbol type, bool isPartial, CancellationToken cancellationToken)
        {
            if (!isPartial || !type.IsStatic || type.ContainingType is not null) return null;
            string? ns = type.ContainingNamespace.IsGlobalNamespace ? null : type.ContainingNamespace.ToDisplayString();
            string accessibility = type.DeclaredAccessibility == Accessibility.Public ? "public" : "internal";
            string? productName = null;
            VersionSpec? productVersion = null;
            var families = new List<FamilySpec>();
            var roms = new List<RomSpec>();
            foreach (AttributeData attribute in type.GetAttributes())
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (attribute.ConstructorArguments.Length != 2) continue;
                object? first = attribute.ConstructorArguments[0].Value, second = attribute.ConstructorArguments[1].Value;
                if (AttributeNames.Is(attribute, AttributeNames.Product) && first is string name && second is string version)
                {
                    productName = name;
                    productVersion = Version(version);
                }
                else if (AttributeNames.Is(attribute, AttributeNames.RomImage) && first is string file && second is string size)
                {
                    if (ValueSyntax.ParseSize(size.AsSpan(), out ulong bytes) == ValueParseError.None) roms.Add(new RomSpec(file, bytes));
                }
                else if (AttributeNames.Is(attribute, AttributeNames.MachineFamily) && first is string family && second is string versions)
                {
                    if (Versions(versions) is not { } parsed) continue;
                    string? deprecatedText = AttributeNames.NamedString(attribute, "Deprecated");
                    EquatableArray<VersionSpec> deprecated = deprecatedText is null ? EquatableArray<VersionSpec>.Empty : Versions(deprecatedText) ?? EquatableArray<VersionSpec>.Empty;
                    families.Add(new FamilySpec(family, parsed, AttributeNames.NamedString(attribute, "Alias"), deprecated,
                        AttributeNames.NamedString(attribute, "Description"), AttributeNames.NamedBool(attribute, "PciExpress")));
                }
            }
            return new CatalogSpec(ns, type.Name, (ns is null ? "" : ns + ".") + type.MetadataName, accessibility, productName, productVersion,
                new EquatableArray<FamilySpec>(families), new EquatableArray<RomSpec>(roms));
        }

        private static VersionSpec? Version(string text) =>
            MachineVersion.TryParse(text.AsSpan(), out MachineVersion version) ? new VersionSpec(version.Major, version.Minor, version.Patch, version.HasPatch) : null;

        /// <summary>A version list (white space or comma separated), or null when an item does not parse.</summary>
        private static EquatableArray<VersionSpec>? Versions(string list)
        {
            var versions = new List<VersionSpec>();
            foreach (string item in list.Split(new[] { ' ', ',' }, StringSplitOptions.RemoveEmptyEntries))
            {
                if (Version(item) is not { } version) return null;
                versions.Add(version);
            }
            return new EquatableArray<VersionSpec>(versions);
        }
    }
}
