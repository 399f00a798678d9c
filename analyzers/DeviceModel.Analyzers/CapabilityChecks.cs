using DeviceModel.Declarations;
using System.Collections.Generic;
using System.Globalization;
using DeviceModel.Analyzers.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace DeviceModel.Analyzers
{
    /// <summary>
    /// DM0012: what can be known at build time of a device type's capability layout, from <c>[PciCapability]</c> and
    /// <c>[PciExtendedCapability]</c> (collected base types' first, as the generator does): fixed offsets that are
    /// misaligned or outside their area, fixed capabilities that run past the area or overlap one another, and
    /// unconditional capabilities whose declared lengths cannot fit in the area whatever the placement; and a declared
    /// <c>Length</c> the factory's capability type cannot have (its <c>[CapabilityLength]</c>), a length left out being
    /// the type's when it has one. The rules are those of the runtime's <c>CapabilityLayout</c> /
    /// <c>ExtendedCapabilityLayout</c>, which report the rest at realize with the real lengths.
    /// </summary>
    internal static class CapabilityChecks
    {
        public const string Standard = "PciCapabilityAttribute";
        public const string Extended = "PciExtendedCapabilityAttribute";

        private sealed class Capability
        {
            public Capability(AttributeData attribute, bool extended, bool own, INamedTypeSymbol declaring)
            {
                Attribute = attribute;
                IsExtended = extended;
                Own = own;
                Factory = attribute.ConstructorArguments.Length == 1 ? attribute.ConstructorArguments[0].Value as string ?? "?" : "?";
                When = AttributeNames.NamedString(attribute, "When");
                Offset = NamedInt(attribute, "Offset");
                DeclaredLength = NamedInt(attribute, "Length");
                FactoryType = FactoryReturnType(declaring, Factory);
                TypeLengths = FactoryType is null ? null : CapabilityLengths(FactoryType);
                // Leaving Length out is stating the factory type's length, when it has only one.
                Length = DeclaredLength != 0 ? DeclaredLength : TypeLengths is { Count: 1 } ? TypeLengths[0] : 0;
            }

            public AttributeData Attribute { get; }
            public bool IsExtended { get; }
            public bool Own { get; }
            public string Factory { get; }
            public string? When { get; }
            public int Offset { get; }
            public int DeclaredLength { get; }
            /// <summary>The declared return type of the factory method, when it is found.</summary>
            public ITypeSymbol? FactoryType { get; }
            /// <summary>The lengths the factory type's <c>[CapabilityLength]</c> states; null when it states none.</summary>
            public List<int>? TypeLengths { get; }
            /// <summary>The length the layout checks use: the declared one, else the factory type's only length, else 0 (unknown).</summary>
            public int Length { get; set; }
            public int AreaStart => IsExtended ? 0x100 : 0x40;
            public int AreaEnd => IsExtended ? 0x1000 : 0x100;
            public int MinimumLength => IsExtended ? 4 : 2;
            public int End => Offset + AlignUp(Length);
        }

        public static void Analyze(SymbolAnalysisContext context, INamedTypeSymbol type, string device, HelpLinks links)
        {
            // Only a type's own capabilities are reported on: a type that declares none has nothing to check (its base
            // types' layouts are checked on them), which spares every device of a family the walk of the family's chain.
            bool declaresAny = false;
            foreach (AttributeData attribute in type.GetAttributes())
            {
                if (AttributeNames.Is(attribute, Standard) || AttributeNames.Is(attribute, Extended)) { declaresAny = true; break; }
            }
            if (!declaresAny) return;
            var chain = new List<INamedTypeSymbol>();
            for (INamedTypeSymbol? current = type; current is not null; current = current.BaseType) chain.Insert(0, current);
            var capabilities = new List<Capability>();
            foreach (INamedTypeSymbol declaring in chain)
            {
                bool own = SymbolEqualityComparer.Default.Equals(declaring, type);
                foreach (AttributeData attribute in declaring.GetAttributes())
                {
                    if (AttributeNames.Is(attribute, Standard)) capabilities.Add(new Capability(attribute, false, own, declaring));
                    else if (AttributeNames.Is(attribute, Extended)) capabilities.Add(new Capability(attribute, true, own, declaring));
                }
            }
            if (!capabilities.Exists(c => c.Own)) return;

            var placed = new List<Capability>();
            foreach (Capability capability in capabilities)
            {
                if (LengthProblem(capability) is { } lengthProblem)
                {
                    if (capability.Own) Report(context, links, capability, lengthProblem);
                    // Lay it out with what the type can be, not with the wrong number, so one mistake is one diagnostic.
                    capability.Length = capability.TypeLengths is { Count: 1 } ? capability.TypeLengths[0] : 0;
                }
                string? problem = FixedProblem(capability);
                if (problem is not null)
                {
                    if (capability.Own) Report(context, links, capability, problem);
                    continue;
                }
                if (capability.Offset == 0 || capability.Length == 0) continue;
                foreach (Capability other in placed)
                {
                    if (other.IsExtended != capability.IsExtended || !CanCoexist(other, capability)) continue;
                    if (capability.Offset < other.End && other.Offset < capability.End && capability.Own)
                    {
                        Report(context, links, capability, "at " + Hex(capability.Offset) + "–" + Hex(capability.End - 1) + " overlaps '" + other.Factory + "' at " + Hex(other.Offset) + "–" + Hex(other.End - 1));
                        break;
                    }
                }
                placed.Add(capability);
            }

            foreach (bool extended in new[] { false, true })
            {
                int needed = 0;
                Capability? last = null;
                foreach (Capability capability in capabilities)
                {
                    if (capability.IsExtended != extended || capability.When is not null || capability.Length <= 0) continue;
                    needed += AlignUp(capability.Length);
                    if (capability.Own) last = capability;
                }
                int size = extended ? 0x1000 - 0x100 : 0x100 - 0x40;
                if (needed > size && last is not null)
                {
                    Report(context, links, last, "makes the unconditional " + (extended ? "extended " : "") + "capabilities of device '" + device + "' need " + Hex(needed)
                        + " bytes, more than the " + Hex(size) + " bytes of the " + (extended ? "extended capability area (0x100–0xfff)" : "capability area (0x40–0xff)"));
                }
            }
        }

        /// <summary>
        /// A declared <c>Length</c> that the factory's capability type cannot have: a type with <c>[CapabilityLength]</c>
        /// states every length its instances can have (several for MSI, the PCI Express capability, AER, virtio's). Which
        /// of them a variable-length factory returns is known at realize, where the layout uses the real length.
        /// </summary>
        private static string? LengthProblem(Capability c)
        {
            if (c.DeclaredLength == 0 || c.TypeLengths is not { Count: > 0 } lengths || lengths.Contains(c.DeclaredLength)) return null;
            var names = new List<string>(lengths.Count);
            foreach (int length in lengths) names.Add(Hex(length));
            string can = names.Count == 1 ? names[0] : string.Join(", ", names.GetRange(0, names.Count - 1)) + " or " + names[names.Count - 1];
            return "declares Length = " + Hex(c.DeclaredLength) + ", but its factory returns '" + c.FactoryType!.Name + "', which is " + can + " bytes long";
        }

        /// <summary>The declared return type of the parameterless instance method the generated code calls, on the declaring type or a base.</summary>
        private static ITypeSymbol? FactoryReturnType(INamedTypeSymbol declaring, string factory)
        {
            for (INamedTypeSymbol? type = declaring; type is not null; type = type.BaseType)
            {
                foreach (ISymbol member in type.GetMembers(factory))
                {
                    if (member is IMethodSymbol { IsStatic: false, Parameters.Length: 0, ReturnsVoid: false } method) return method.ReturnType;
                }
            }
            return null;
        }

        /// <summary>The lengths <c>[DeviceModel.Pci.CapabilityLength]</c> on the type itself states (not inherited: a derived type has its own size).</summary>
        private static List<int>? CapabilityLengths(ITypeSymbol type)
        {
            foreach (AttributeData attribute in type.GetAttributes())
            {
                if (attribute.AttributeClass is not { Name: "CapabilityLengthAttribute", ContainingType: null } attributeClass
                    || attributeClass.ContainingNamespace is not { Name: "Pci", ContainingNamespace: { Name: "DeviceModel", ContainingNamespace.IsGlobalNamespace: true } }) continue;
                var lengths = new List<int>();
                foreach (TypedConstant argument in attribute.ConstructorArguments)
                {
                    if (argument.Kind == TypedConstantKind.Array)
                    {
                        foreach (TypedConstant value in argument.Values)
                        {
                            if (value.Value is int length) lengths.Add(length);
                        }
                    }
                    else if (argument.Value is int single) lengths.Add(single);
                }
                return lengths;
            }
            return null;
        }

        /// <summary>What is wrong with a capability's declared offset and length on their own, or null.</summary>
        private static string? FixedProblem(Capability c)
        {
            if (c.Length < 0 || (c.Length > 0 && c.Length < c.MinimumLength)) return "is " + c.Length.ToString(CultureInfo.InvariantCulture) + " bytes long: too short for its " + (c.IsExtended ? "header dword" : "ID and next pointer");
            if (c.Length > c.AreaEnd - c.AreaStart) return "is " + Hex(c.Length) + " bytes long: more than its whole area (" + Hex(c.AreaStart) + "–" + Hex(c.AreaEnd - 1) + ")";
            if (c.Offset == 0) return null;
            if ((c.Offset & 3) != 0) return "at " + Hex(c.Offset) + " is not dword aligned";
            if (c.Offset < c.AreaStart) return "at " + Hex(c.Offset) + (c.IsExtended ? " is below the extended capability area (0x100–0xfff)" : " overlaps the standard header (capabilities start at 0x40)");
            if (c.Offset >= c.AreaEnd || c.Offset + c.Length > c.AreaEnd)
            {
                return (c.Length > 0 ? "(" + Hex(c.Length) + " bytes) " : "") + "at " + Hex(c.Offset) + " runs past the end of the " + (c.IsExtended ? "extended configuration space at 0xfff" : "configuration space at 0xff");
            }
            return null;
        }

        // Capabilities under different conditions may never be present together: only a realize can tell.
        private static bool CanCoexist(Capability a, Capability b) => a.When is null || b.When is null || a.When == b.When;

        private static int AlignUp(int length) => (length + 3) & ~3;

        private static string Hex(int value) => "0x" + value.ToString("x", CultureInfo.InvariantCulture);

        private static int NamedInt(AttributeData attribute, string name)
        {
            foreach (KeyValuePair<string, TypedConstant> pair in attribute.NamedArguments)
            {
                if (pair.Key == name && pair.Value.Value is int value) return value;
            }
            return 0;
        }

        private static void Report(SymbolAnalysisContext context, HelpLinks links, Capability capability, string problem)
        {
            Location location = capability.Attribute.ApplicationSyntaxReference?.GetSyntax(context.CancellationToken).GetLocation() ?? Location.None;
            context.ReportDiagnostic(Diagnostic.Create(links.For(Descriptors.CapabilityLayout), location, capability.Factory, problem));
        }
    }
}
