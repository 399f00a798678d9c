using DeviceModel.Declarations;
using System;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using DeviceModel.Analyzers.Model;

namespace DeviceModel.Analyzers
{
    /// <summary>DM0004 on a <c>[DeviceCatalog]</c> class: the version lists of its <c>[MachineFamily]</c>s.</summary>
    internal static class CatalogChecks
    {
        public static void Analyze(SymbolAnalysisContext context, INamedTypeSymbol type, ProductInfo product, HelpLinks links)
        {
            foreach (AttributeData family in type.GetAttributes())
            {
                if (!AttributeNames.Is(family, AttributeNames.MachineFamily)) continue;
                if (family.ConstructorArguments.Length != 2 || family.ConstructorArguments[1].Value is not string versions) continue;
                Location location = ArgumentLocation(family, 1, "versions", context.CancellationToken) ?? type.Locations[0];
                string name = family.ConstructorArguments[0].Value as string ?? "?";
                MachineVersion? previous = null;
                foreach (string part in ProductInfo.SplitVersions(versions))
                {
                    if (!MachineVersion.TryParse(part.AsSpan(), out MachineVersion version))
                    {
                        context.ReportDiagnostic(Diagnostic.Create(links.For(Descriptors.InvalidVersion), location, part, "in machine family '" + name + "' is not a version x.y or x.y.z"));
                        continue;
                    }
                    if (previous is { } before && version <= before)
                    {
                        context.ReportDiagnostic(Diagnostic.Create(links.For(Descriptors.InvalidVersion), location, part,
                            "in machine family '" + name + "' " + (version == before ? "is listed twice" : "comes after " + before + ": list versions oldest first")));
                    }
                    if (product.Version is { } current && version > current)
                    {
                        context.ReportDiagnostic(Diagnostic.Create(links.For(Descriptors.InvalidVersion), location, part,
                            "in machine family '" + name + "' is newer than the product version " + product.VersionText));
                    }
                    previous = version;
                }
            }
        }

        /// <summary>The location of a constructor argument of an attribute (by parameter name when named), else of the attribute.</summary>
        internal static Location? ArgumentLocation(AttributeData attribute, int index, string parameter, CancellationToken cancellationToken)
        {
            if (attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) is not AttributeSyntax syntax) return null;
            if (syntax.ArgumentList is null) return syntax.GetLocation();
            SeparatedSyntaxList<AttributeArgumentSyntax> arguments = syntax.ArgumentList.Arguments;
            foreach (AttributeArgumentSyntax argument in arguments)
            {
                if (argument.NameColon?.Name.Identifier.ValueText == parameter) return argument.GetLocation();
            }
            if (arguments.Count > index && arguments[index].NameColon is null && arguments[index].NameEquals is null) return arguments[index].GetLocation();
            return syntax.GetLocation();
        }
    }
}
