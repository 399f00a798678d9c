using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DeviceModel.Declarations
{
    /// <summary>
    /// DM0009, the one rule for which <c>[Device]</c> classes the generator completes: top-level, non-generic and
    /// <c>partial</c>. Shared with DeviceModel.Analyzers. Who reports it depends on whether the build can get to the
    /// analyzers: a concrete class the generator skips lacks the generated overrides of <c>Device</c>'s abstract
    /// members, so its build fails with CS0534 and analyzers never run; the generator reports DM0009 beside it. An
    /// abstract class compiles without them, so the analyzer reports it (with the make-partial fix). Each class is
    /// reported by exactly one of them, in the IDE as on the command line.
    /// </summary>
    internal static class DeviceDeclaration
    {
        /// <summary>Whether the generator (rather than the analyzer) reports DM0009 for <paramref name="type"/>.</summary>
        public static bool ReportedByGenerator(INamedTypeSymbol type) => !type.IsAbstract;

        /// <summary>Why the generator skips the class (joined with " and "), or null when it completes it.</summary>
        public static string? Problems(INamedTypeSymbol type, ClassDeclarationSyntax? declaration, out bool notPartial)
        {
            notPartial = declaration is not null && !declaration.Modifiers.Any(SyntaxKind.PartialKeyword);
            return Problems(notPartial, type.ContainingType?.Name, type.IsGenericType);
        }

        /// <summary>Why the generator skips a class that is or is not partial, nested in a type, or generic; null when it completes it.</summary>
        public static string? Problems(bool notPartial, string? containingType, bool isGeneric)
        {
            var problems = new List<string>();
            if (notPartial) problems.Add("is not partial");
            if (containingType is not null) problems.Add("is nested in '" + containingType + "'");
            if (isGeneric) problems.Add("is generic");
            return problems.Count == 0 ? null : string.Join(" and ", problems) + ": the generator skips it";
        }
    }
}
