using System.Collections.Immutable;
using DeviceModel.Analyzers;
using Microsoft.CodeAnalysis;

namespace DeviceModel.Declarations
{
    /// <summary>
    /// One <c>[ConfigOption]</c> property as written, in neutral form: what <see cref="OptionRules.Read"/> decides from.
    /// The generator fills it from syntax and the compiler's answers (<c>SpecBuilder</c>), the analyzers from symbols
    /// (<see cref="OptionReader"/>); neither applies a rule of its own.
    /// </summary>
    /// <param name="Name">The name argument, or null when it is not a string constant.</param>
    /// <param name="Type">The property type without its <c>?</c> (a <c>Nullable&lt;T&gt;</c> written out may come with <see cref="TypeFacts.NullableOf"/>).</param>
    /// <param name="NullableAnnotated">The type is written <c>T?</c>: a nullable reference type, or a <c>Nullable&lt;T&gt;</c>.</param>
    /// <param name="Hints">The property's own <c>[CompatHint]</c>s, in attribute order.</param>
    /// <param name="Rules">The option's rule attributes, in attribute order.</param>
    /// <param name="DeclaringType">The name of the class that declares the property.</param>
    /// <param name="InDevice">The declaring class has <c>[Device]</c> or <c>[OptionGroup]</c> (an option needs the name that keys its baseline line).</param>
    internal sealed record OptionFacts(
        string DeclaringType,
        bool InDevice,
        string PropertyName,
        string? Name,
        bool HasGetter,
        bool HasSetter,
        bool IsInitOnly,
        TypeFacts Type,
        bool NullableAnnotated,
        bool IsSize,
        bool DeclaredAuto,
        bool HostOnly,
        string? Min,
        string? Max,
        string? Description,
        ImmutableArray<HintFacts> Hints,
        ImmutableArray<RuleFacts> Rules);

    /// <summary>One <c>[CompatHint]</c> as written: its arguments' constants (null when absent).</summary>
    /// <param name="Since">The <c>since</c> argument.</param>
    /// <param name="Value">The <c>value</c> argument.</param>
    /// <param name="Option">The <c>Option</c> argument: the option the entry belongs to, when it names one.</param>
    internal sealed record HintFacts(ConstantValue? Since, ConstantValue? Value, string? Option, string? Reason, string? Family);

    /// <summary>A rule attribute of an option (an <c>OptionRuleAttribute</c>).</summary>
    /// <param name="Name">The attribute as messages name it.</param>
    /// <param name="Creation">The C# expression that creates it in the generated table; null when an argument is not one the generated code can write.</param>
    internal sealed record RuleFacts(string Name, string? Creation);

    /// <summary>
    /// What <c>[CompatHint]</c> entries are read against: the option they version (its name, whether it is host-only) and,
    /// when its declaration is usable (<see cref="IsUsable"/>: a valid name and a supported type), its value type.
    /// </summary>
    /// <param name="Kind">The option kind; null when the type is not an option type.</param>
    /// <param name="TypeName">The property type as messages name it.</param>
    /// <param name="EnumNames">An enum's distinct values as option values spell them.</param>
    /// <param name="EnumValues">An enum's distinct values, as constants.</param>
    internal sealed record HintTarget(
        string? Name,
        bool HostOnly,
        bool IsUsable,
        OptionKind? Kind,
        bool IsNullable,
        bool IsAuto,
        string TypeName,
        EquatableArray<string> EnumNames,
        EquatableArray<ConstantValue> EnumValues);

    /// <summary>
    /// The part of a declaration a <see cref="DeclarationIssue"/> is about; each front end maps it to a location
    /// (<see cref="DeclarationIssue.Index"/> says which hint or rule).
    /// </summary>
    internal enum DeclarationPart
    {
        /// <summary>The property (its identifier).</summary>
        Property,

        /// <summary>The class (its identifier).</summary>
        Type,

        /// <summary>The <c>[ConfigOption]</c> name argument.</summary>
        OptionName,

        /// <summary><c>Min =</c>: DM0010 reports it on the property, with the option's other declaration problems.</summary>
        Min,

        /// <summary><c>Max =</c>: DM0010 reports it on the property, with the option's other declaration problems.</summary>
        Max,

        /// <summary>Rule attribute <see cref="DeclarationIssue.Index"/>: DM0010 reports it on the property.</summary>
        Rule,

        /// <summary><c>[CompatHint]</c> <see cref="DeclarationIssue.Index"/>, the whole attribute.</summary>
        Hint,

        /// <summary>The <c>since</c> argument of hint <see cref="DeclarationIssue.Index"/>.</summary>
        HintSince,

        /// <summary>
        /// The <c>value</c> argument of hint <see cref="DeclarationIssue.Index"/>. The message's first argument is the value
        /// as the rules render it; a front end that has the source shows the argument as written.
        /// </summary>
        HintValue,

        /// <summary>The <c>Option =</c> argument of hint <see cref="DeclarationIssue.Index"/> (else the whole attribute).</summary>
        HintOption,
    }

    /// <summary>What a <see cref="DeclarationIssue"/> leaves out of the generator's model.</summary>
    internal enum Dropped
    {
        /// <summary>The whole option (or, for a class-level history, the whole type's entry for it).</summary>
        Option,

        /// <summary>The hints only: the option is kept without them, or the history an override or a class records is left out.</summary>
        History,
    }

    /// <summary>
    /// A problem the declaration rules found: the diagnostic that reports it, its message arguments, the part of the
    /// declaration it is about, and what the generator leaves out because of it. Every problem drops something: a
    /// declaration the rules find no problem with is in the model whole.
    /// </summary>
    internal sealed record DeclarationIssue(DiagnosticDescriptor Descriptor, DeclarationPart Part, int Index, Dropped Drops, ImmutableArray<string> Arguments)
    {
        public string Id => Descriptor.Id;

        public static DeclarationIssue Of(DiagnosticDescriptor descriptor, DeclarationPart part, int index, Dropped drops, params string[] arguments) =>
            new(descriptor, part, index, drops, ImmutableArray.Create(arguments));

        public override string ToString() => Id + " " + Part + (Part is DeclarationPart.Property or DeclarationPart.Type or DeclarationPart.OptionName ? "" : "[" + Index + "]")
            + " (drops " + Drops + "): " + string.Join(" | ", Arguments);
    }

    /// <summary>One <c>[CompatHint]</c> as the rules read it, in attribute order.</summary>
    /// <param name="Since">Its version, or null when <c>since</c> is not one (DM0004).</param>
    /// <param name="Converts">Whether its value converts to a value of the option (DM0005 otherwise).</param>
    /// <param name="Spec">The entry as the model holds it, when both convert.</param>
    internal sealed record HintReading(HintFacts Facts, MachineVersion? Since, bool Converts, ulong Bits, string? Text, int State, HintSpec? Spec);

    /// <summary>
    /// What <see cref="OptionRules.Read"/> decides for one option declaration: the model the generator emits (null when
    /// the option is left out), what its hints are read against, each hint as read, and every problem. The invariant,
    /// asserted by <c>DroppedDeclarationTests</c>: <see cref="Model"/> is null exactly when a problem drops the option,
    /// and the model's history is empty while the property has hints exactly when a problem drops the history.
    /// </summary>
    internal sealed record OptionReading(OptionSpec? Model, HintTarget Target, ImmutableArray<HintReading> Hints, ImmutableArray<DeclarationIssue> Problems);

    /// <summary>
    /// What <see cref="OptionRules.ReadHistory"/> and <see cref="OptionRules.ReadClassHistory"/> decide for the hints an
    /// override or a class records for an option it inherits: the history (null when left out), each hint as read, and
    /// every problem.
    /// </summary>
    internal sealed record HistoryReading(HistorySpec? Model, ImmutableArray<HintReading> Hints, ImmutableArray<DeclarationIssue> Problems);

    /// <summary>What a class's <c>[CompatHint(…, Option = name)]</c>s are about: how the class relates to option <c>name</c>.</summary>
    /// <param name="DeclaredHere">The class declares the option itself.</param>
    /// <param name="HistoryHere">An overriding property of the class has <c>[CompatHint]</c>s for it.</param>
    /// <param name="Inherited">The option as the class inherits it; null when it inherits none of that name.</param>
    internal sealed record ClassOptionFacts(bool DeclaredHere, bool HistoryHere, HintTarget? Inherited);

    /// <summary>The class-level history of one option: the indexes of its hints among the class's, the inherited option (null: none of that name), and its reading.</summary>
    internal sealed record ClassHistoryReading(string Option, ImmutableArray<int> Indexes, HintTarget? Inherited, HistoryReading Reading);

    /// <summary>
    /// What <see cref="OptionRules.ReadClassHistories"/> decides for a class's <c>[CompatHint]</c>s: per option they
    /// name, in first-mention order, its history; and the problems of hints that belong to no option's history. Hint
    /// indexes are among all of the class's hints.
    /// </summary>
    internal sealed record ClassHistoriesReading(ImmutableArray<ClassHistoryReading> Histories, ImmutableArray<DeclarationIssue> Problems);

    /// <summary>One <c>[IncludeOptions]</c> property as written: what <see cref="OptionRules.ReadInclude"/> decides from.</summary>
    /// <param name="DeclaringType">The name of the class that declares the property.</param>
    /// <param name="InDevice">The declaring class has <c>[Device]</c> (only a device type includes option groups).</param>
    /// <param name="IsOption">The property also carries <c>[ConfigOption]</c>.</param>
    /// <param name="Type">The property type's facts; null when the type does not resolve.</param>
    internal sealed record IncludeFacts(string DeclaringType, bool InDevice, string PropertyName, bool IsOption, bool IsStatic, bool HasGetter, TypeFacts? Type, string TypeText);

    /// <summary>What <see cref="OptionRules.ReadInclude"/> decides: the include (null when left out) and every problem.</summary>
    internal sealed record IncludeReading(IncludeSpec? Model, ImmutableArray<DeclarationIssue> Problems);
}
