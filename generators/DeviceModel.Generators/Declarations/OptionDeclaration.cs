using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace DeviceModel.Declarations
{
    /// <summary>
    /// One option property as the symbols give it (see <see cref="OptionReader"/>), with what the one rules core
    /// (<see cref="OptionRules"/>) decided for it: the model the generator emits, what its hints are read against, and
    /// the problems to report at this property. The symbols are kept for locations and code fixes only.
    /// </summary>
    internal sealed class OptionDeclaration
    {
        private IReadOnlyList<string>? _enumNames;
        private IReadOnlyList<object?>? _enumValues;

        public OptionDeclaration(IPropertySymbol property, IPropertySymbol attributeOwner, AttributeData attribute, IPropertySymbol? historySource,
            ImmutableArray<AttributeData> history, ITypeSymbol valueType, TypeFacts valueFacts, OptionReading declaration, HistoryReading? ownHistory,
            ImmutableArray<HintReading> hints)
        {
            Property = property;
            AttributeOwner = attributeOwner;
            Attribute = attribute;
            HistorySource = historySource;
            History = history;
            ValueType = valueType;
            ValueFacts = valueFacts;
            Declaration = declaration;
            OwnHistory = ownHistory;
            Hints = hints;
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

        /// <summary>The option's value type (a nullable one unwrapped).</summary>
        public ITypeSymbol ValueType { get; }

        /// <summary>The facts of <see cref="ValueType"/> the rules read.</summary>
        public TypeFacts ValueFacts { get; }

        /// <summary>The rules' reading of the declaration (<see cref="AttributeOwner"/>'s; with its own hints when it is <see cref="Property"/>).</summary>
        public OptionReading Declaration { get; }

        /// <summary>For an override with hints of its own, the rules' reading of that history; else null.</summary>
        public HistoryReading? OwnHistory { get; }

        /// <summary>The hints of <see cref="History"/> as the rules read them, in attribute order (empty when the option is not usable or host-only).</summary>
        public ImmutableArray<HintReading> Hints { get; }

        /// <summary>What to report at <see cref="Property"/>: the declaration's problems where it is declared, an override's history's where it has one.</summary>
        public ImmutableArray<DeclarationIssue> Problems =>
            OwnsAttribute ? Declaration.Problems : OwnHistory?.Problems ?? ImmutableArray<DeclarationIssue>.Empty;

        /// <summary>The model the generator emits for the declaration, or null when it leaves it out.</summary>
        public OptionSpec? Model => Declaration.Model;

        public HintTarget Target => Declaration.Target;

        public string? Name => Target.Name;
        public bool HostOnly => Target.HostOnly;

        /// <summary>Auto as the generator stores it: declared, or implied by <c>OnOffAuto</c>.</summary>
        public bool IsAuto => Target.IsAuto;

        public bool IsNullable => Target.IsNullable;

        /// <summary>The option kind, or null when the type is unsupported (DM0010).</summary>
        public OptionKind? Kind => Target.Kind;

        public IReadOnlyList<string> EnumNames => _enumNames ??= new List<string>(Target.EnumNames);

        public IReadOnlyList<object?> EnumValues
        {
            get
            {
                if (_enumValues is null)
                {
                    var values = new List<object?>(Target.EnumValues.Length);
                    foreach (ConstantValue value in Target.EnumValues) values.Add(value.Value);
                    _enumValues = values;
                }
                return _enumValues;
            }
        }

        public bool OwnsAttribute => SymbolEqualityComparer.Default.Equals(Property, AttributeOwner);
        public bool OwnsHistory => HistorySource is not null && SymbolEqualityComparer.Default.Equals(Property, HistorySource);
        public bool HasValidName => Name is not null && ValueSyntax.IsValidOptionName(Name);

        /// <summary>Whether values of the option can be checked: a valid name and a supported type.</summary>
        public bool IsUsable => Target.IsUsable;
    }
}
