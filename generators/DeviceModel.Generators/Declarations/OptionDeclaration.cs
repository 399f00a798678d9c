using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace DeviceModel.Declarations
{
    /// <summary>
    /// One option property as the generator sees it (see <see cref="OptionReader"/>), plus what the generator silently
    /// skips, so the analyzers can say why.
    /// </summary>
    internal sealed class OptionDeclaration
    {
        public OptionDeclaration(IPropertySymbol property, IPropertySymbol attributeOwner, AttributeData attribute, IPropertySymbol? historySource,
            ImmutableArray<AttributeData> history)
        {
            Property = property;
            AttributeOwner = attributeOwner;
            Attribute = attribute;
            HistorySource = historySource;
            History = history;
            Name = attribute.ConstructorArguments.Length == 1 ? attribute.ConstructorArguments[0].Value as string : null;
            HostOnly = AttributeNames.NamedBool(attribute, "HostOnly");
            IsSize = AttributeNames.NamedBool(attribute, "IsSize");
            DeclaredAuto = AttributeNames.NamedBool(attribute, "Auto");
        }

        /// <summary>The property as declared in the type being analysed (possibly an override).</summary>
        public IPropertySymbol Property { get; }

        /// <summary>The property carrying <c>[ConfigOption]</c>: <see cref="Property"/> or one it overrides.</summary>
        public IPropertySymbol AttributeOwner { get; }

        public AttributeData Attribute { get; }

        /// <summary>The property whose <c>[CompatHint]</c>s form the history: the nearest in the override chain that has any.</summary>
        public IPropertySymbol? HistorySource { get; }

        /// <summary>The history's <c>[CompatHint]</c>s in attribute order (the generator sorts them by version).</summary>
        public ImmutableArray<AttributeData> History { get; }

        public string? Name { get; }
        public bool HostOnly { get; }
        public bool IsSize { get; }
        public bool DeclaredAuto { get; }

        /// <summary>Auto as the generator stores it: declared, or implied by <c>OnOffAuto</c>.</summary>
        public bool IsAuto => DeclaredAuto || Kind == OptionKind.OnOffAuto;

        public bool IsNullable { get; internal set; }
        public ITypeSymbol ValueType { get; internal set; } = null!;

        /// <summary>The option kind, or null when the type is unsupported (DM0010).</summary>
        public OptionKind? Kind { get; internal set; }

        /// <summary>Why the generator skips the declaration (DM0010), or null.</summary>
        public string? TypeProblem { get; internal set; }

        /// <summary>Why the generator cannot set or read the property (DM0010), or null.</summary>
        public string? AccessorProblem { get; internal set; }

        public IReadOnlyList<string> EnumNames { get; internal set; } = ImmutableArray<string>.Empty;
        public IReadOnlyList<object?> EnumValues { get; internal set; } = ImmutableArray<object?>.Empty;
        public IReadOnlyList<IFieldSymbol> EnumFields { get; internal set; } = ImmutableArray<IFieldSymbol>.Empty;

        public bool OwnsAttribute => SymbolEqualityComparer.Default.Equals(Property, AttributeOwner);
        public bool OwnsHistory => HistorySource is not null && SymbolEqualityComparer.Default.Equals(Property, HistorySource);
        public bool HasValidName => Name is not null && ValueSyntax.IsValidOptionName(Name);

        /// <summary>Whether values of the option can be checked: a valid name and a supported type.</summary>
        public bool IsUsable => HasValidName && Kind is not null && TypeProblem is null;
    }
}
