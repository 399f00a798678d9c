using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using DeviceModel.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace DeviceModel.Declarations
{
    /// <summary>
    /// The declaration rules, once: for an option declaration, the hints an override or a class records for an option it
    /// inherits, and hints on a property that is no option, they decide the model the generator emits and the problems
    /// the analyzers report, in one pass over neutral facts (<see cref="OptionFacts"/>, <see cref="HintFacts"/>). The
    /// generator builds the facts from syntax (<c>SpecBuilder</c>), the analyzers from symbols (<see cref="OptionReader"/>);
    /// what the generator leaves out is exactly what a problem here drops (<c>DroppedDeclarationTests</c>).
    /// </summary>
    internal static class OptionRules
    {
        /// <summary>The option a <c>[ConfigOption]</c> property declares, with its own hints.</summary>
        public static OptionReading Read(OptionFacts facts)
        {
            var problems = ImmutableArray.CreateBuilder<DeclarationIssue>();
            string? name = facts.Name;
            string display = name ?? facts.PropertyName;
            bool validName = name is not null && ValueSyntax.IsValidOptionName(name);
            if (!validName) problems.Add(DeclarationIssue.Of(Descriptors.InvalidName, DeclarationPart.OptionName, 0, Dropped.Option, name ?? "null", "option"));

            TypeFacts type = facts.Type;
            bool nullable = facts.NullableAnnotated;
            if (type.NullableOf is { } inner)
            {
                nullable = true;
                type = inner;
            }
            OptionKind? kind = ValueConversions.KindOf((SpecialType)type.SpecialType, type.FrameworkType, type.IsEnum, facts.IsSize);
            ulong? min = null, max = null;
            string? typeProblem = TypeProblem(facts, type, kind, nullable, ref min, ref max, out DeclarationPart typePart);
            if (typeProblem is not null) problems.Add(DeclarationIssue.Of(Descriptors.UnsupportedOption, typePart, 0, Dropped.Option, display, typeProblem));

            // The generated code sets the option after construction and reads it back.
            if (!facts.HasGetter || !facts.HasSetter)
            {
                problems.Add(DeclarationIssue.Of(Descriptors.UnsupportedOption, DeclarationPart.Property, 0, Dropped.Option, display, "needs both a get and a set accessor"));
            }
            else if (facts.IsInitOnly)
            {
                problems.Add(DeclarationIssue.Of(Descriptors.UnsupportedOption, DeclarationPart.Property, 0, Dropped.Option, display,
                    "needs a set accessor, not init: options are assigned after construction"));
            }
            // The generated table holds an instance of each rule: the generated code must be able to write its arguments.
            for (int i = 0; i < facts.Rules.Length; i++)
            {
                if (facts.Rules[i].Creation is not null) continue;
                problems.Add(DeclarationIssue.Of(Descriptors.UnsupportedOption, DeclarationPart.Rule, i, Dropped.Option, display,
                    "has rule [" + facts.Rules[i].Name + "], whose arguments the generated table cannot write: pass constants, typeof(…) or arrays of constants"));
            }

            bool isAuto = facts.DeclaredAuto || kind == OptionKind.OnOffAuto;
            bool isEnum = kind == OptionKind.Enum;
            var target = new HintTarget(name, facts.HostOnly, validName && kind is not null && typeProblem is null, kind, nullable, isAuto, type.Minimal + (nullable ? "?" : ""),
                isEnum ? type.EnumNames : EquatableArray<string>.Empty, isEnum ? type.EnumValues : EquatableArray<ConstantValue>.Empty);

            ImmutableArray<HintReading> hints = ImmutableArray<HintReading>.Empty;
            if (facts.Hints.Length > 0)
            {
                if (facts.HostOnly) problems.Add(DeclarationIssue.Of(Descriptors.MisplacedHint, DeclarationPart.Hint, 0, Dropped.History, display, "host-only options are never versioned"));
                // A property's entries belong to its own option: one naming another is ambiguous.
                NamingOthers(facts.Hints, facts.PropertyName, name, display, Dropped.Option, problems);
                if (target.IsUsable && !facts.HostOnly) hints = ReadHints(target, facts.Hints, All(facts.Hints.Length), Dropped.Option, problems);
            }

            if (!facts.InDevice)
            {
                // Left out whatever else it declares: that one problem is reported, the rest once it is in a device.
                return new OptionReading(null, target, hints, ImmutableArray.Create(DeclarationIssue.Of(Descriptors.UnsupportedOption, DeclarationPart.Property, 0, Dropped.Option, display,
                    "is declared in '" + facts.DeclaringType + "', which has no [Device] attribute: mark it [Device(\"name\")] (abstract for a family), or [OptionGroup(\"name\")] to share it between devices, so that its options are checked and keyed in the compat baseline")));
            }
            foreach (DeclarationIssue problem in problems)
            {
                if (problem.Drops == Dropped.Option) return new OptionReading(null, target, hints, problems.ToImmutable());
            }
            // A uint size holds at most 4294967295 bytes: without this limit "4G" parses and the setter's cast truncates it.
            bool uintSize = kind == OptionKind.Size && (SpecialType)type.SpecialType == SpecialType.System_UInt32;
            if (uintSize && max is null) max = uint.MaxValue;
            bool sequential = isEnum;
            if (isEnum)
            {
                for (int i = 0; i < type.EnumValues.Length; i++)
                {
                    if (Convert.ToDecimal(type.EnumValues[i].Value, CultureInfo.InvariantCulture) != i) sequential = false;
                }
            }
            var rules = new string[facts.Rules.Length];
            for (int i = 0; i < rules.Length; i++) rules[i] = facts.Rules[i].Creation!;
            var model = new OptionSpec(
                name!,
                facts.PropertyName,
                (int)kind!.Value,
                type.FullyQualified,
                isEnum ? type.Display : uintSize ? "uint" : null,
                nullable,
                type.IsReferenceType,
                isAuto,
                facts.HostOnly,
                facts.Description,
                min,
                max,
                isEnum ? type.EnumNames : EquatableArray<string>.Empty,
                isEnum ? type.EnumMembers : EquatableArray<string>.Empty,
                facts.HostOnly ? EquatableArray<HintSpec>.Empty : Sorted(hints),
                rules.Length == 0 ? EquatableArray<string>.Empty : new EquatableArray<string>(rules),
                sequential);
            return new OptionReading(model, target, hints, problems.ToImmutable());
        }

        /// <summary>
        /// The history an overriding property without <c>[ConfigOption]</c> records with its <c>[CompatHint]</c>s for the
        /// option it inherits (<paramref name="option"/>, as its declaration reads). Null model when the history is left
        /// out; an unusable inherited declaration is reported where it is declared.
        /// </summary>
        public static HistoryReading ReadHistory(string propertyName, HintTarget option, ImmutableArray<HintFacts> hints)
        {
            var problems = ImmutableArray.CreateBuilder<DeclarationIssue>();
            string display = option.Name ?? propertyName;
            if (option.HostOnly) problems.Add(DeclarationIssue.Of(Descriptors.MisplacedHint, DeclarationPart.Hint, 0, Dropped.History, display, "host-only options are never versioned"));
            NamingOthers(hints, propertyName, option.Name, display, Dropped.History, problems);
            ImmutableArray<HintReading> readings = option.IsUsable && !option.HostOnly
                ? ReadHints(option, hints, All(hints.Length), Dropped.History, problems)
                : ImmutableArray<HintReading>.Empty;
            HistorySpec? model = problems.Count == 0 && option.IsUsable && !option.HostOnly ? new HistorySpec(option.Name!, (int)option.Kind!.Value, Sorted(readings)) : null;
            return new HistoryReading(model, readings, problems.ToImmutable());
        }

        /// <summary>
        /// A class's <c>[CompatHint(…, Option = name)]</c>s, grouped by option: each group is the history of an option the
        /// class inherits (not one it declares, nor one whose overriding property here has hints). <paramref name="classProblem"/>
        /// is why a class without <c>[Device]</c> cannot have a generated table (<see cref="DeviceDeclaration.Problems(bool, string, bool)"/>), or null.
        /// </summary>
        public static ClassHistoriesReading ReadClassHistories(string typeName, string? classProblem, ImmutableArray<HintFacts> hints, Func<string, ClassOptionFacts> option)
        {
            var problems = ImmutableArray.CreateBuilder<DeclarationIssue>();
            var groups = new Dictionary<string, ImmutableArray<int>.Builder>(StringComparer.Ordinal);
            var order = new List<string>();
            for (int i = 0; i < hints.Length; i++)
            {
                if (hints[i].Option is not string name)
                {
                    problems.Add(DeclarationIssue.Of(Descriptors.InvalidClassHint, DeclarationPart.Hint, i, Dropped.History, typeName,
                        "needs Option = \"<option>\": on a class, an entry records the history of an option the class inherits"));
                    continue;
                }
                if (!groups.TryGetValue(name, out ImmutableArray<int>.Builder? indexes))
                {
                    groups.Add(name, indexes = ImmutableArray.CreateBuilder<int>());
                    order.Add(name);
                }
                indexes.Add(i);
            }
            if (order.Count == 0) return new ClassHistoriesReading(ImmutableArray<ClassHistoryReading>.Empty, problems.ToImmutable());
            // The histories go into the class's own generated table, which needs a partial, top-level, non-generic class.
            if (classProblem is not null)
            {
                problems.Add(DeclarationIssue.Of(Descriptors.InvalidClassHint, DeclarationPart.Type, 0, Dropped.History, typeName,
                    "records option histories, which go into its generated table, but it " + classProblem.Replace(": the generator skips it", "") + ": declare it partial, top-level and non-generic"));
                return new ClassHistoriesReading(ImmutableArray<ClassHistoryReading>.Empty, problems.ToImmutable());
            }

            var histories = ImmutableArray.CreateBuilder<ClassHistoryReading>(order.Count);
            foreach (string name in order)
            {
                ImmutableArray<int> indexes = groups[name].ToImmutable();
                int first = indexes[0];
                var own = ImmutableArray.CreateBuilder<DeclarationIssue>();
                ClassOptionFacts facts = option(name);
                ImmutableArray<HintReading> readings = ImmutableArray<HintReading>.Empty;
                if (facts.DeclaredHere)
                {
                    own.Add(DeclarationIssue.Of(Descriptors.InvalidClassHint, DeclarationPart.HintOption, first, Dropped.History, typeName,
                        "names '" + name + "', which this class declares: put its [CompatHint]s on the property, without Option"));
                }
                else if (facts.HistoryHere)
                {
                    own.Add(DeclarationIssue.Of(Descriptors.InvalidClassHint, DeclarationPart.HintOption, first, Dropped.History, typeName,
                        "names '" + name + "', whose overriding property here has [CompatHint]s of its own: keep one history, on the property or on the class"));
                }
                else if (facts.Inherited is not { } inherited)
                {
                    own.Add(DeclarationIssue.Of(Descriptors.InvalidClassHint, DeclarationPart.HintOption, first, Dropped.History, typeName,
                        "names '" + name + "', which is not an option '" + typeName + "' inherits"));
                }
                else if (inherited.HostOnly)
                {
                    own.Add(DeclarationIssue.Of(Descriptors.MisplacedHint, DeclarationPart.HintOption, first, Dropped.History, name, "host-only options are never versioned"));
                }
                else if (inherited.IsUsable)
                {
                    readings = ReadHints(inherited, hints, indexes, Dropped.History, own);
                }
                // An inherited declaration that is not usable is reported where it is declared.
                HistorySpec? model = own.Count == 0 && facts.Inherited is { IsUsable: true, HostOnly: false } usable
                    ? new HistorySpec(name, (int)usable.Kind!.Value, Sorted(readings))
                    : null;
                problems.AddRange(own);
                histories.Add(new ClassHistoryReading(name, indexes, facts.Inherited, new HistoryReading(model, readings, own.ToImmutable())));
            }
            return new ClassHistoriesReading(histories.MoveToImmutable(), problems.ToImmutable());
        }

        /// <summary>Hints on a property that declares no option and overrides none: they have no effect.</summary>
        /// <summary>
        /// An <c>[IncludeOptions]</c> property: the option group it composes into the device type (the model), or why it
        /// cannot (DM0010; the include is left out). The generator composes exactly the model, the analyzers report exactly
        /// the problems.
        /// </summary>
        public static IncludeReading ReadInclude(IncludeFacts facts)
        {
            string? problem = !facts.InDevice ? "includes an option group in '" + facts.DeclaringType + "', which is not a [Device] type: only a device type includes option groups"
                : facts.IsOption ? "is both an option and an [IncludeOptions] property"
                : facts.IsStatic ? "includes an option group through a static property: each device needs its own group instance"
                : !facts.HasGetter ? "includes an option group through a property without a get accessor"
                : facts.Type is not { IsOptionGroup: true } ? "has type '" + (facts.Type?.Display ?? facts.TypeText) + "', which is not an [OptionGroup] class"
                : null;
            return problem is null
                ? new IncludeReading(new IncludeSpec(facts.PropertyName, facts.Type!.FullyQualified), ImmutableArray<DeclarationIssue>.Empty)
                : new IncludeReading(null, ImmutableArray.Create(DeclarationIssue.Of(Descriptors.UnsupportedOption, DeclarationPart.Property, 0, Dropped.Option, facts.PropertyName, problem)));
        }

        /// <summary>A class marked both <c>[Device]</c> and <c>[OptionGroup]</c>: the generator makes it neither (DM0010), or null.</summary>
        public static DeclarationIssue? ReadClassKind(string typeName, bool isDevice, bool isGroup) =>
            isDevice && isGroup
                ? DeclarationIssue.Of(Descriptors.UnsupportedOption, DeclarationPart.Type, 0, Dropped.Option, typeName,
                    "is both a [Device] and an [OptionGroup]: a device includes a group through an [IncludeOptions] property")
                : null;

        public static ImmutableArray<DeclarationIssue> ReadNonOption(string propertyName, int hints) =>
            hints == 0
                ? ImmutableArray<DeclarationIssue>.Empty
                : ImmutableArray.Create(DeclarationIssue.Of(Descriptors.MisplacedHint, DeclarationPart.Hint, 0, Dropped.History, propertyName,
                    "'" + propertyName + "' is not a [ConfigOption] property"));

        /// <summary>Why the type, <c>Auto</c> or a limit makes the declaration unusable (DM0010), or null; the limits parsed.</summary>
        private static string? TypeProblem(OptionFacts facts, TypeFacts type, OptionKind? kind, bool nullable, ref ulong? min, ref ulong? max, out DeclarationPart part)
        {
            part = DeclarationPart.Property;
            if (kind is not OptionKind known)
            {
                return facts.IsSize && ValueConversions.KindOf((SpecialType)type.SpecialType, type.FrameworkType, type.IsEnum, false) is not null
                    ? "IsSize applies to uint and ulong properties only, not to '" + type.Display + "'"
                    : "type '" + type.Display + "' is not an option type (bool, integers, string, OnOffAuto, MacAddress, PciAddress or an enum)";
            }
            if (facts.DeclaredAuto && known != OptionKind.OnOffAuto && !nullable)
            {
                return "Auto needs a nullable type (null means auto) or OnOffAuto, not '" + type.Display + "'";
            }
            // Limits apply to integer and size options and are written in the option's own value syntax (parsed at build time).
            if (LimitProblem("Min", facts.Min, known, ref min) is { } minProblem)
            {
                part = DeclarationPart.Min;
                return minProblem;
            }
            if (LimitProblem("Max", facts.Max, known, ref max) is { } maxProblem)
            {
                part = DeclarationPart.Max;
                return maxProblem;
            }
            return null;
        }

        private static string? LimitProblem(string name, string? text, OptionKind kind, ref ulong? limit)
        {
            if (text is null) return null;
            if (!ValueSyntax.IsInteger(kind)) return name + " applies to integer and size options only";
            if (!ValueConversions.TryParseLimit(text, kind, out ulong bits)) return name + " '" + text + "' is not " + ValueSyntax.Expected(kind);
            limit = bits;
            return null;
        }

        private static void NamingOthers(ImmutableArray<HintFacts> hints, string propertyName, string? name, string display, Dropped drops, ImmutableArray<DeclarationIssue>.Builder problems)
        {
            for (int i = 0; i < hints.Length; i++)
            {
                if (hints[i].Option is string named && named != name)
                {
                    problems.Add(DeclarationIssue.Of(Descriptors.InvalidClassHint, DeclarationPart.HintOption, i, drops, propertyName,
                        "names option '" + named + "', but a property's entries belong to its own option '" + display + "': remove Option"));
                }
            }
        }

        /// <summary>Each hint of <paramref name="indexes"/> read against <paramref name="option"/> (usable): its version and value, each checked on its own.</summary>
        private static ImmutableArray<HintReading> ReadHints(HintTarget option, ImmutableArray<HintFacts> hints, ImmutableArray<int> indexes, Dropped drops,
            ImmutableArray<DeclarationIssue>.Builder problems)
        {
            OptionKind kind = option.Kind!.Value;
            var enumNames = new List<string>(option.EnumNames);
            var enumValues = new List<object?>(option.EnumValues.Length);
            foreach (ConstantValue value in option.EnumValues) enumValues.Add(value.Value);
            var readings = ImmutableArray.CreateBuilder<HintReading>(indexes.Length);
            foreach (int i in indexes)
            {
                HintFacts hint = hints[i];
                MachineVersion? since = null;
                if (hint.Since?.Value is string text && MachineVersion.TryParse(text.AsSpan(), out MachineVersion version))
                {
                    since = version;
                }
                else
                {
                    problems.Add(DeclarationIssue.Of(Descriptors.InvalidVersion, DeclarationPart.HintSince, i, drops, hint.Since?.Value as string ?? "null", "is not a version x.y or x.y.z"));
                }
                ulong bits = 0;
                string? canonical = null;
                int state = HintSpec.StateValue;
                bool converts = hint.Value is { } value && ValueConversions.TryCanonical(value, kind, option.IsNullable, option.IsAuto, enumNames, enumValues, out bits, out canonical, out state);
                if (!converts) problems.Add(DeclarationIssue.Of(Descriptors.InvalidHintValue, DeclarationPart.HintValue, i, drops, Render(hint.Value), option.Name!, Expected(option)));
                HintSpec? spec = since is { } v && converts
                    ? new HintSpec((string)hint.Since!.Value!, v.Major, v.Minor, v.Patch, bits, canonical, state, hint.Reason, hint.Family)
                    : null;
                readings.Add(new HintReading(hint, since, converts, bits, canonical, state, spec));
            }
            return readings.MoveToImmutable();
        }

        /// <summary>The history, oldest first (the order the generated table and the runtime rely on).</summary>
        private static EquatableArray<HintSpec> Sorted(ImmutableArray<HintReading> hints)
        {
            if (hints.IsEmpty) return EquatableArray<HintSpec>.Empty;
            var entries = new List<HintSpec>(hints.Length);
            foreach (HintReading hint in hints) entries.Add(hint.Spec!);
            entries.Sort(ValueConversions.CompareHints);
            return new EquatableArray<HintSpec>(entries);
        }

        private static ImmutableArray<int> All(int count)
        {
            var all = ImmutableArray.CreateBuilder<int>(count);
            for (int i = 0; i < count; i++) all.Add(i);
            return all.MoveToImmutable();
        }

        /// <summary>What a hint's value must be, for DM0005.</summary>
        private static string Expected(HintTarget option)
        {
            OptionKind kind = option.Kind!.Value;
            string expected = kind == OptionKind.Enum ? "one of " + string.Join(", ", option.EnumNames) : ValueSyntax.Expected(kind);
            string auto = option.IsAuto && kind != OptionKind.OnOffAuto ? " or \"auto\"" : "";
            string none = option.IsNullable && !option.IsAuto ? " or null" : "";
            return "a constant of type " + option.TypeName + auto + none + ", nor text of " + expected;
        }

        /// <summary>A constant as C# would write it, for a message when the source is not at hand.</summary>
        private static string Render(ConstantValue? constant)
        {
            if (constant is null) return "(none)";
            if (constant.IsArray) return constant.Code ?? "an array";
            string text = constant.Value switch
            {
                null => "null",
                string s => SymbolDisplay.FormatLiteral(s, quote: true),
                bool b => b ? "true" : "false",
                _ => Convert.ToString(constant.Value, CultureInfo.InvariantCulture) ?? "",
            };
            return constant.EnumType is { } enumType ? "(" + enumType + ")" + text : text;
        }
    }
}
