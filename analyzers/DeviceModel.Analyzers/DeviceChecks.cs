using DeviceModel.Declarations;
using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using DeviceModel.Analyzers.Baseline;
using DeviceModel.Analyzers.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace DeviceModel.Analyzers
{
    /// <summary>
    /// The checks of one <c>[Device]</c> class, run when the compiler has bound all of its members. What the generator
    /// leaves out is not decided here: the declaration rules core (<see cref="OptionRules"/>, asked through the symbol
    /// front end <see cref="OptionReader"/>, as the generator asks it through its syntax front end) returns the model and
    /// its problems (DM0004 unparsable versions, DM0005, DM0008 option names, DM0010, DM0015, DM0020), which are reported
    /// here at the part of the declaration each names. What stays here drops nothing and reads the option through the
    /// core's reading: DM0009 and device names (<see cref="DeviceDeclaration"/>), versions against the product's machines
    /// (DM0004), DM0006, DM0007, DM0011, DM0017, the compat baseline (DM0001–DM0003, DM0013, DM0016) and the capability
    /// layout (DM0012).
    /// </summary>
    internal sealed class DeviceChecks
    {
        private readonly SymbolAnalysisContext _context;
        private readonly INamedTypeSymbol _type;
        private readonly AttributeData? _device;
        private readonly Initializers _initializers;
        private readonly CompilationState _state;
        private readonly string? _deviceName;
        private readonly bool _isGroup;

        /// <param name="device">The type's <c>[Device]</c> attribute, or its <c>[OptionGroup]</c> attribute when <paramref name="isGroup"/>.</param>
        public DeviceChecks(SymbolAnalysisContext context, INamedTypeSymbol type, AttributeData? device, Initializers initializers, CompilationState state, bool isGroup = false)
        {
            _isGroup = isGroup;
            _context = context;
            _type = type;
            _device = device;
            _initializers = initializers;
            _state = state;
            _deviceName = device is { ConstructorArguments.Length: 1 } ? device.ConstructorArguments[0].Value as string : null;
        }

        private ProductInfo Product => _state.Product;

        private Dictionary<IPropertySymbol, OptionDeclaration?>? _own;

        /// <summary><see cref="OptionReader.Read"/> of one of the type's own properties, read once for all the checks.</summary>
        private OptionDeclaration? Own(IPropertySymbol property)
        {
            _own ??= new Dictionary<IPropertySymbol, OptionDeclaration?>(SymbolEqualityComparer.Default);
            if (!_own.TryGetValue(property, out OptionDeclaration? option)) _own.Add(property, option = OptionReader.Read(property));
            return option;
        }

        public void Run()
        {
            CheckDeclaration();
            bool keyed = _deviceName is not null && ValueSyntax.IsValidOptionName(_deviceName);
            foreach (ISymbol member in _type.GetMembers())
            {
                if (member is not IPropertySymbol property || property.IsStatic || property.IsIndexer || property.IsImplicitlyDeclared) continue;
                OptionDeclaration? option = Own(property);
                if (option is null)
                {
                    ImmutableArray<AttributeData> hints = Hints(property);
                    foreach (DeclarationIssue issue in OptionRules.ReadNonOption(property.Name, hints.Length)) Report(issue, null, hints, property.Locations[0]);
                    continue;
                }
                CheckOption(option, keyed);
            }
            CheckClassHints();
            CheckDuplicates();
            CheckIncludes();
            CapabilityChecks.Analyze(_context, _type, _deviceName ?? _type.Name, _state.HelpLinks);
        }

        /// <summary>Options declared in a class without <c>[Device]</c> have no device name to key their baseline lines: the rules leave them out (DM0010).</summary>
        public static void AnalyzeNonDevice(SymbolAnalysisContext context, INamedTypeSymbol type, HelpLinks links)
        {
            foreach (ISymbol member in type.GetMembers())
            {
                if (member is not IPropertySymbol property || property.IsStatic || property.IsImplicitlyDeclared) continue;
                if (OptionReader.ReadInclude(property) is { } include) ReportProblems(context, links, property, include.Problems);
                if (OptionReader.Read(property) is not { OwnsAttribute: true } option) continue;
                ReportProblems(context, links, property, option.Problems);
            }
        }

        private static void ReportProblems(SymbolAnalysisContext context, HelpLinks links, IPropertySymbol property, ImmutableArray<DeclarationIssue> problems)
        {
            foreach (DeclarationIssue issue in problems)
            {
                context.ReportDiagnostic(Diagnostic.Create(links.For(issue.Descriptor), property.Locations[0], issue.Arguments.Cast<object?>().ToArray()));
            }
        }

        // ---- the class ----

        /// <summary>
        /// <c>[CompatHint(…, Option = name)]</c> on the class: the rules' problems (<see cref="OptionRules.ReadClassHistories"/>:
        /// DM0020, DM0015, DM0004, DM0005) and, for each history they keep, the checks that drop nothing (DM0004 against the
        /// product's versions, DM0006, DM0017). The inherited default may live in another assembly, so the no-op check
        /// compares entries only with each other.
        /// </summary>
        public void CheckClassHints()
        {
            ImmutableArray<AttributeData> hints = _type.GetAttributes().Where(a => AttributeNames.Is(a, AttributeNames.CompatHint)).ToImmutableArray();
            if (hints.IsEmpty) return;

            // A [Device] class that cannot have a generated table is DM0009's.
            ClassDeclarationSyntax? declaration = null;
            string? classProblem = null;
            if (_device is null)
            {
                declaration = _type.DeclaringSyntaxReferences.Length == 0 ? null
                    : _type.DeclaringSyntaxReferences[0].GetSyntax(_context.CancellationToken) as ClassDeclarationSyntax;
                classProblem = DeviceDeclaration.Problems(_type, declaration, out _);
            }

            ClassHistoriesReading reading = OptionReader.ReadClassHistories(_type, hints, classProblem, Own, _state.Hierarchy);
            foreach (DeclarationIssue issue in reading.Problems) Report(issue, null, hints, _type.Locations[0], declaration);
            foreach (ClassHistoryReading history in reading.Histories)
            {
                // Read only against a usable, guest-visible inherited option without problems of its placement.
                if (history.Reading.Hints.IsEmpty) continue;
                var own = ImmutableArray.CreateBuilder<AttributeData>(history.Indexes.Length);
                foreach (int index in history.Indexes) own.Add(hints[index]);
                CheckHistory(history.Option, history.Inherited!.Kind!.Value, own.MoveToImmutable(), history.Reading.Hints, defaultValue: null);
            }
        }

        private void CheckDeclaration()
        {
            if (_device is null) return;
            ClassDeclarationSyntax? declaration = _device.ApplicationSyntaxReference?.GetSyntax(_context.CancellationToken).FirstAncestorOrSelf<ClassDeclarationSyntax>();
            // Concrete classes and groups are the generator's to report: their build fails (CS0534, or CS0122 in a device
            // that includes the group), which stops the analyzers.
            if (!_isGroup && !DeviceDeclaration.ReportedByGenerator(_type) && DeviceDeclaration.Problems(_type, declaration, out bool notPartial) is { } problems)
            {
                Location location = declaration?.Identifier.GetLocation() ?? _type.Locations[0];
                ImmutableDictionary<string, string?> properties = notPartial
                    ? ImmutableDictionary<string, string?>.Empty.Add(Descriptors.NotPartialProperty, "true")
                    : ImmutableDictionary<string, string?>.Empty;
                _context.ReportDiagnostic(Diagnostic.Create(_state.HelpLinks.For(Descriptors.DeviceNotPartial), location, properties, _type.Name, problems));
            }
            if (_deviceName is not null && !ValueSyntax.IsValidOptionName(_deviceName))
            {
                Report(Descriptors.InvalidName, CatalogChecks.ArgumentLocation(_device, 0, "name", _context.CancellationToken) ?? _type.Locations[0], _deviceName, _isGroup ? "option group" : "device");
            }
            if (!_isGroup && AttributeNames.Find(_type, AttributeNames.OptionGroup) is { } group
                && OptionRules.ReadClassKind(_type.Name, isDevice: true, isGroup: true) is { } kind)
            {
                Report(kind.Descriptor, Location(group) ?? _type.Locations[0], kind.Arguments.Cast<object?>().ToArray());
            }
        }

        // ---- one option ----

        private void CheckOption(OptionDeclaration option, bool keyed)
        {
            IPropertySymbol property = option.Property;
            // What the rules drop (DM0004, DM0005, DM0008, DM0010, DM0015, DM0020), where this property declares it.
            foreach (DeclarationIssue issue in option.Problems) Report(issue, option.Attribute, option.History, property.Locations[0]);

            bool guestVisible = !option.HostOnly;
            if (keyed && guestVisible && option.HasValidName) _state.Declared.TryAdd(CompatDefaultsFormat.Key(_deviceName!, option.Name!), 0);
            if (!option.IsUsable) return;

            CanonicalValue? defaultValue = ReadDefault(option, out Location defaultLocation);
            if (option.OwnsHistory && guestVisible) CheckHistory(option.Name!, option.Kind!.Value, option.History, option.Hints, defaultValue);
            if (keyed && guestVisible && defaultValue is { } value && _state.Baseline is { } baseline)
            {
                CheckBaseline(option, value, defaultLocation, baseline);
            }
        }

        /// <summary>
        /// Reports a problem of the rules at the part of the declaration it is about: <paramref name="attribute"/> is the
        /// <c>[ConfigOption]</c>, <paramref name="hints"/> the hints its indexes count, <paramref name="fallback"/> the
        /// property's (or the class's) location.
        /// </summary>
        private void Report(DeclarationIssue issue, AttributeData? attribute, ImmutableArray<AttributeData> hints, Location fallback, ClassDeclarationSyntax? declaration = null)
        {
            AttributeData? hint = issue.Part is DeclarationPart.Hint or DeclarationPart.HintSince or DeclarationPart.HintValue or DeclarationPart.HintOption
                && issue.Index < hints.Length ? hints[issue.Index] : null;
            object?[] arguments = issue.Arguments.Cast<object?>().ToArray();
            Location? location;
            switch (issue.Part)
            {
                case DeclarationPart.Type:
                    location = declaration?.Identifier.GetLocation() ?? _type.Locations[0];
                    break;
                case DeclarationPart.OptionName:
                    location = attribute is null ? null : CatalogChecks.ArgumentLocation(attribute, 0, "name", _context.CancellationToken);
                    break;
                case DeclarationPart.Hint:
                    location = hint is null ? null : Location(hint);
                    break;
                case DeclarationPart.HintSince:
                    location = hint is null ? null : CatalogChecks.ArgumentLocation(hint, 0, "since", _context.CancellationToken) ?? Location(hint) ?? _type.Locations[0];
                    break;
                case DeclarationPart.HintValue:
                    location = hint is null ? null : CatalogChecks.ArgumentLocation(hint, 1, "value", _context.CancellationToken);
                    // The value as written, when the source is at hand.
                    if (hint is not null)
                    {
                        arguments[0] = location?.SourceTree is { } tree ? tree.GetText(_context.CancellationToken).ToString(location.SourceSpan)
                            : hint.ConstructorArguments.Length == 2 ? hint.ConstructorArguments[1].ToCSharpString() : arguments[0];
                    }
                    break;
                case DeclarationPart.HintOption:
                    location = hint is null ? null : NamedArgumentLocation(hint, "Option") ?? Location(hint);
                    break;
                default:
                    // DM0010's reasons (the type, accessors, limits, rules) are reported on the property.
                    location = null;
                    break;
            }
            Report(issue.Descriptor, location ?? fallback, arguments);
        }

        /// <summary>The option's default (null when unknown: abstract, not an auto-property, or not a constant).</summary>
        private CanonicalValue? ReadDefault(OptionDeclaration option, out Location location)
        {
            IPropertySymbol property = option.Property;
            location = property.Locations[0];
            if (property.IsAbstract) return null;
            var syntax = property.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(_context.CancellationToken) as PropertyDeclarationSyntax;
            if (syntax is null) return null;
            if (!IsAutoProperty(syntax))
            {
                if (!option.HostOnly)
                {
                    Report(Descriptors.NonConstantDefault, location, option.Name!, "the property is not an auto-property, so its default is whatever its accessors do; declare it { get; set; } with a constant initializer");
                }
                return null;
            }
            if (syntax.Initializer is null) return Default(option, false, null, location);
            Initializer? initializer = _initializers.Find(property);
            if (initializer is null) return null; // not bound (a compile error elsewhere)
            location = initializer.Location;
            if (!initializer.IsConstant)
            {
                Report(Descriptors.NonConstantDefault, location, option.Name!, "'" + syntax.Initializer.Value + "' is computed at run time");
                return null;
            }
            return Default(option, initializer.HasConstant, initializer.Constant, location);
        }

        private CanonicalValue? Default(OptionDeclaration option, bool hasConstant, object? constant, Location location)
        {
            if (OptionValues.TryDefault(hasConstant, constant, option, out CanonicalValue value, out string? problem)) return value;
            Report(Descriptors.NonConstantDefault, location, option.Name!, problem ?? "it is not a value of the option");
            return null;
        }

        private static bool IsAutoProperty(PropertyDeclarationSyntax syntax) =>
            syntax.ExpressionBody is null && syntax.AccessorList is { } accessors
            && accessors.Accessors.All(a => a.Body is null && a.ExpressionBody is null);

        // ---- history ----

        private readonly struct Entry
        {
            public Entry(AttributeData hint, MachineVersion? since, CanonicalValue? value, string? family)
            {
                Hint = hint;
                Since = since;
                Value = value;
                Family = family;
            }

            public AttributeData Hint { get; }
            public MachineVersion? Since { get; }
            public CanonicalValue? Value { get; }
            /// <summary>The machine family the entry is scoped to; null for every family.</summary>
            public string? Family { get; }

            /// <summary>Whether the entry is part of the history a machine of <paramref name="view"/> sees (null: family-less).</summary>
            public bool In(string? view) => Family is null || Family == view;
        }

        /// <summary>
        /// The checks of a history that drop nothing: versions against the product's (DM0004), families (DM0017), order and
        /// no-ops (DM0006). <paramref name="readings"/> are the rules' readings of <paramref name="hints"/>, one each.
        /// </summary>
        private void CheckHistory(string option, OptionKind kind, ImmutableArray<AttributeData> hints, ImmutableArray<HintReading> readings, CanonicalValue? defaultValue)
        {
            var entries = new List<Entry>();
            for (int i = 0; i < hints.Length && i < readings.Length; i++)
            {
                AttributeData hint = hints[i];
                HintReading reading = readings[i];
                if (hint.ConstructorArguments.Length != 2) continue;
                string? family = reading.Facts.Family;
                if (reading.Since is { } since) CheckSince(hint, (string)reading.Facts.Since!.Value!, since, family);
                if (family is not null) CheckFamily(hint, family);
                CanonicalValue? value = reading.Converts ? OptionValues.Format(kind, reading.Bits, reading.Text, reading.State) : null;
                entries.Add(new Entry(hint, reading.Since, value, family));
            }

            // The histories machines see: the family-less one, and one per family the entries name (its entries and the
            // family-less ones). Each is checked like a whole history; a hint is reported once.
            var views = new List<string?> { null };
            foreach (Entry entry in entries)
            {
                if (entry.Family is not null && !views.Contains(entry.Family)) views.Add(entry.Family);
            }
            var reported = new HashSet<AttributeData>();

            // Attribute order: oldest first, one per version.
            foreach (string? view in views)
            {
                Entry? previous = null;
                foreach (Entry entry in entries)
                {
                    if (!entry.In(view) || entry.Since is not { } since) continue;
                    if (previous is { Since: { } before } && (since <= before) && reported.Add(entry.Hint))
                    {
                        string scope = view is not null && (entry.Family is not null || previous.Value.Family is not null) ? " for machine family '" + view + "'" : "";
                        if (since == before) Report(Descriptors.InvalidHistory, Location(entry.Hint), option, "since '" + since + "' appears twice" + scope);
                        else Report(Descriptors.InvalidHistory, Location(entry.Hint), option, "since '" + since + "' is listed after '" + before + "'" + scope + ": list [CompatHint]s oldest first");
                    }
                    previous = entry;
                }
            }

            // No-ops: a hint recording the value the next newer entry (or the default) already gives, in every history it is part of.
            var useful = new HashSet<AttributeData>();
            var noOps = new List<(Entry Entry, string Message)>();
            foreach (string? view in views)
            {
                List<Entry> sorted = entries.Where(e => e.In(view) && e.Since is not null).OrderBy(e => e.Since!.Value).ToList();
                for (int i = 0; i < sorted.Count; i++)
                {
                    if (sorted[i].Value is not { } value) continue;
                    CanonicalValue? next = i + 1 < sorted.Count ? sorted[i + 1].Value : defaultValue;
                    if (next is { } newer && newer == value && (i + 1 >= sorted.Count || sorted[i + 1].Since != sorted[i].Since))
                    {
                        string machines = view is null ? "machines" : view + " machines";
                        string from = i + 1 < sorted.Count ? machines + " from " + sorted[i].Since + " to " + sorted[i + 1].Since + " get" : "the default is";
                        string scope = sorted[i].Family is null ? "" : " for machine family '" + sorted[i].Family + "'";
                        noOps.Add((sorted[i], "the hint since '" + sorted[i].Since + "'" + scope + " records " + value.Display + ", which " + from + " too: it changes nothing"));
                    }
                    else
                    {
                        useful.Add(sorted[i].Hint);
                    }
                }
            }
            foreach ((Entry entry, string message) in noOps)
            {
                if (!useful.Contains(entry.Hint) && reported.Add(entry.Hint)) Report(Descriptors.InvalidHistory, Location(entry.Hint), option, message);
            }
        }

        /// <summary>DM0004 for a version that parses (the rules report one that does not) but is not one of the product's machines.</summary>
        private void CheckSince(AttributeData hint, string text, MachineVersion since, string? family)
        {
            Location location = CatalogChecks.ArgumentLocation(hint, 0, "since", _context.CancellationToken) ?? Location(hint) ?? _type.Locations[0];
            if (family is not null && Product.FamilyVersions.TryGetValue(family, out HashSet<MachineVersion>? own))
            {
                if (!own.Contains(since))
                {
                    Report(Descriptors.InvalidVersion, location, text, "is not a machine version of family '" + family + "' ([MachineFamily] declares " + Product.DescribeMachineVersions(family) + ")");
                }
            }
            else if (Product.MachineVersions.Count > 0 && !Product.MachineVersions.Contains(since))
            {
                Report(Descriptors.InvalidVersion, location, text, "is not a machine version of this product ([MachineFamily] declares " + Product.DescribeMachineVersions() + ")");
            }
            if (Product.Version is { } product && since > product)
            {
                Report(Descriptors.InvalidVersion, location, text, "is newer than the product version " + Product.VersionText);
            }
        }

        /// <summary>DM0017: a hint's <c>Family</c> must name a declared <c>[MachineFamily]</c> (checked when the compilation declares any).</summary>
        private void CheckFamily(AttributeData hint, string family)
        {
            if (family.Length == 0 || family.Trim().Length != family.Length)
            {
                Report(Descriptors.UnknownHintFamily, NamedArgumentLocation(hint, "Family") ?? Location(hint) ?? _type.Locations[0], family, "is not a machine family name");
            }
            else if (Product.FamilyVersions.Count > 0 && !Product.FamilyVersions.ContainsKey(family))
            {
                Report(Descriptors.UnknownHintFamily, NamedArgumentLocation(hint, "Family") ?? Location(hint) ?? _type.Locations[0], family,
                    "is not a machine family of this product ([MachineFamily] declares " + Product.DescribeFamilies() + ")");
            }
        }

        private Location? NamedArgumentLocation(AttributeData attribute, string name)
        {
            if (attribute.ApplicationSyntaxReference?.GetSyntax(_context.CancellationToken) is not AttributeSyntax { ArgumentList: { } arguments }) return null;
            foreach (AttributeArgumentSyntax argument in arguments.Arguments)
            {
                if (argument.NameEquals?.Name.Identifier.ValueText == name) return argument.GetLocation();
            }
            return null;
        }

        /// <summary>
        /// The newest valid family-less entry of the effective history (the generator's order: by version). Entries
        /// scoped to a machine family do not count: they keep older machines of that family only.
        /// </summary>
        private static (MachineVersion Since, CanonicalValue Value)? Newest(OptionDeclaration option)
        {
            (MachineVersion Since, CanonicalValue Value)? newest = null;
            foreach (HintReading hint in option.Hints)
            {
                if (hint.Facts.Family is not null || hint.Since is not { } since || !hint.Converts) continue;
                CanonicalValue value = OptionValues.Format(option.Kind!.Value, hint.Bits, hint.Text, hint.State);
                if (newest is null || since >= newest.Value.Since) newest = (since, value);
            }
            return newest;
        }

        // ---- baseline ----

        private void CheckBaseline(OptionDeclaration option, CanonicalValue current, Location location, CompatBaseline baseline)
        {
            string device = _deviceName!, name = option.Name!;
            if (!TryBaselineValue(option, baseline.ShippedText, baseline.Shipped?.Find(device, name), out CanonicalValue? shipped)) return;
            if (!TryBaselineValue(option, baseline.UnshippedText, baseline.Unshipped?.Find(device, name), out CanonicalValue? unshipped)) return;
            CanonicalValue? recorded = unshipped ?? shipped;
            if (recorded == current) return;

            var properties = ImmutableDictionary.CreateBuilder<string, string?>();
            properties.Add(Descriptors.DeviceProperty, device);
            properties.Add(Descriptors.OptionProperty, name);
            properties.Add(Descriptors.BaselineLineProperty, CompatDefaultsFormat.FormatLine(device, name, current));
            (MachineVersion Since, CanonicalValue Value)? newest = Newest(option);
            if (recorded is not { } old)
            {
                if (newest is null)
                {
                    _context.ReportDiagnostic(Diagnostic.Create(_state.HelpLinks.For(Descriptors.NewOptionWithoutHistory), option.Property.Locations[0], properties.ToImmutable(), device, name, current.Display));
                }
                else
                {
                    _context.ReportDiagnostic(Diagnostic.Create(_state.HelpLinks.For(Descriptors.BaselineOutOfDate), option.Property.Locations[0], properties.ToImmutable(), device, name, current.Display, "no line"));
                }
                return;
            }
            bool covered = newest is { } hint && (hint.Value == old || (shipped is { } s && hint.Value == s));
            if (covered)
            {
                _context.ReportDiagnostic(Diagnostic.Create(_state.HelpLinks.For(Descriptors.BaselineOutOfDate), location, properties.ToImmutable(), device, name, current.Display, old.Display));
                return;
            }
            // The code fix adds [CompatHint(product version, old value)]: only when that is the newest entry.
            if (Product.Version is { } product && (newest is null || newest.Value.Since < product) && OptionValues.ToCSharp(old, option) is { } literal)
            {
                properties.Add(Descriptors.HintSinceProperty, Product.VersionText);
                properties.Add(Descriptors.HintValueProperty, literal);
            }
            _context.ReportDiagnostic(Diagnostic.Create(_state.HelpLinks.For(Descriptors.UnversionedDefault), location, properties.ToImmutable(), device, name, old.Display, current.Display));
        }

        private bool TryBaselineValue(OptionDeclaration option, AdditionalText? file, CompatDefaultsLine? line, out CanonicalValue? value)
        {
            value = null;
            if (line is null || file is null) return true;
            if (OptionValues.TryText(line.Value, option, out CanonicalValue canonical))
            {
                value = canonical;
                return true;
            }
            if (_state.Reported.TryAdd(line, 0))
            {
                _context.ReportDiagnostic(Diagnostic.Create(_state.HelpLinks.For(Descriptors.MalformedBaselineLine), CompatBaseline.LocationOf(file, line), line.Text,
                    "'" + line.Value + "' is not " + ValueSyntax.Expected(option.Kind!.Value)));
            }
            return false;
        }

        // ---- option groups ----

        /// <summary>
        /// The type's <c>[IncludeOptions]</c> properties: the rules' problems (<see cref="OptionRules.ReadInclude"/>, DM0010:
        /// the generator leaves the include out), and for one it composes: a group option's name clashes with no other
        /// option of the device (DM0007), and the property's initializer sets no guest-visible group option (DM0011: its
        /// default is the group's, guarded once under the group's name).
        /// </summary>
        private void CheckIncludes()
        {
            foreach (ISymbol member in _type.GetMembers())
            {
                if (member is not IPropertySymbol property || property.IsImplicitlyDeclared || OptionReader.ReadInclude(property) is not { } include) continue;
                if (include.Model is null)
                {
                    ReportProblems(_context, _state.HelpLinks, property, include.Problems);
                    continue;
                }
                INamedTypeSymbol group = GroupOf(property)!;
                var others = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (OptionDeclaration option in Hierarchy())
                {
                    if (option.Name is { } name && !others.ContainsKey(name)) others.Add(name, Describe(option.Property));
                }
                foreach (IPropertySymbol other in Includes(_type))
                {
                    if (SymbolEqualityComparer.Default.Equals(other, property) || GroupOf(other) is not { } otherGroup) continue;
                    foreach (OptionDeclaration option in GroupOptions(otherGroup))
                    {
                        if (option.Name is { } name && !others.ContainsKey(name)) others.Add(name, Describe(option.Property));
                    }
                }
                var guestVisible = new Dictionary<string, OptionDeclaration>(StringComparer.Ordinal);
                foreach (OptionDeclaration option in GroupOptions(group))
                {
                    if (option.Name is not { } name) continue;
                    if (others.TryGetValue(name, out string? clash)) Report(Descriptors.DuplicateOptionName, property.Locations[0], _deviceName ?? _type.Name, name, Describe(option.Property), clash);
                    if (!option.HostOnly) guestVisible[option.Property.Name] = option;
                }
                CheckGroupInitializer(property, guestVisible);
            }
        }

        /// <summary>DM0011 for each guest-visible group option an include's initializer sets (<c>new() { BootIndex = 0 }</c>).</summary>
        private void CheckGroupInitializer(IPropertySymbol property, Dictionary<string, OptionDeclaration> guestVisible)
        {
            if (property.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(_context.CancellationToken) is not PropertyDeclarationSyntax
                { Initializer.Value: BaseObjectCreationExpressionSyntax { Initializer: { } initializer } }) return;
            foreach (ExpressionSyntax expression in initializer.Expressions)
            {
                if (expression is AssignmentExpressionSyntax { Left: IdentifierNameSyntax target } && guestVisible.TryGetValue(target.Identifier.ValueText, out OptionDeclaration? option))
                {
                    Report(Descriptors.NonConstantDefault, expression.GetLocation(), option.Name!,
                        "'" + property.Name + "' sets it in its initializer, but a group option's default is the group's, guarded once under the group's name in the compat baseline: declare the option in the device to give it another default (host-only options may be set here)");
                }
            }
        }

        /// <summary>The options of the type and its base types (the base types' read once per compilation).</summary>
        private IEnumerable<OptionDeclaration> Hierarchy()
        {
            foreach (ISymbol member in _type.GetMembers())
            {
                if (member is IPropertySymbol property && Own(property) is { } own) yield return own;
            }
            if (_type.BaseType is { } baseType)
            {
                foreach (OptionDeclaration option in _state.Hierarchy(baseType)) yield return option;
            }
        }

        /// <summary>The <c>[IncludeOptions]</c> properties of <paramref name="type"/> and its base types.</summary>
        private static IEnumerable<IPropertySymbol> Includes(INamedTypeSymbol type)
        {
            for (INamedTypeSymbol? current = type; current is not null; current = current.BaseType)
            {
                foreach (ISymbol member in current.GetMembers())
                {
                    if (member is IPropertySymbol { IsStatic: false } property && AttributeNames.Has(property, AttributeNames.IncludeOptions)) yield return property;
                }
            }
        }

        /// <summary>The <c>[OptionGroup]</c> class an include property names, or null.</summary>
        private static INamedTypeSymbol? GroupOf(IPropertySymbol property) =>
            property.Type is INamedTypeSymbol { TypeKind: TypeKind.Class } type && AttributeNames.Has(type, AttributeNames.OptionGroup) ? type : null;

        private IReadOnlyList<OptionDeclaration> GroupOptions(INamedTypeSymbol group) => _state.Hierarchy(group);

        // ---- duplicates ----

        private void CheckDuplicates()
        {
            var byName = new Dictionary<string, List<OptionDeclaration>>(System.StringComparer.Ordinal);
            foreach (OptionDeclaration option in Hierarchy())
            {
                if (option.Name is null) continue;
                if (!byName.TryGetValue(option.Name, out List<OptionDeclaration>? list)) byName.Add(option.Name, list = new List<OptionDeclaration>());
                list.Add(option);
            }
            foreach (KeyValuePair<string, List<OptionDeclaration>> pair in byName)
            {
                List<OptionDeclaration> options = pair.Value;
                for (int i = 0; i < options.Count; i++)
                {
                    IPropertySymbol property = options[i].Property;
                    if (!SymbolEqualityComparer.Default.Equals(property.ContainingType, _type)) break;
                    // The clash with a later (base or earlier-declared) property is reported on the declaration in this type.
                    for (int j = 0; j < options.Count; j++)
                    {
                        if (i == j || OverridePair(property, options[j].Property)) continue;
                        bool sameType = SymbolEqualityComparer.Default.Equals(options[j].Property.ContainingType, _type);
                        if (sameType && j > i) continue;
                        Location location = options[i].OwnsAttribute
                            ? CatalogChecks.ArgumentLocation(options[i].Attribute, 0, "name", _context.CancellationToken) ?? property.Locations[0]
                            : property.Locations[0];
                        Report(Descriptors.DuplicateOptionName, location, _deviceName ?? _type.Name, pair.Key, Describe(property), Describe(options[j].Property));
                        break;
                    }
                }
            }
        }

        private static bool OverridePair(IPropertySymbol a, IPropertySymbol b) => Overrides(a, b) || Overrides(b, a);

        private static bool Overrides(IPropertySymbol derived, IPropertySymbol @base)
        {
            for (IPropertySymbol? p = derived.OverriddenProperty; p is not null; p = p.OverriddenProperty)
            {
                if (SymbolEqualityComparer.Default.Equals(p, @base)) return true;
            }
            return false;
        }

        private static string Describe(IPropertySymbol property) => property.ContainingType.Name + "." + property.Name;

        // ---- helpers ----

        private static ImmutableArray<AttributeData> Hints(IPropertySymbol property)
        {
            ImmutableArray<AttributeData>.Builder? hints = null;
            foreach (AttributeData attribute in property.GetAttributes())
            {
                if (AttributeNames.Is(attribute, AttributeNames.CompatHint)) (hints ??= ImmutableArray.CreateBuilder<AttributeData>()).Add(attribute);
            }
            return hints?.ToImmutable() ?? ImmutableArray<AttributeData>.Empty;
        }

        private Location? Location(AttributeData attribute) => attribute.ApplicationSyntaxReference?.GetSyntax(_context.CancellationToken).GetLocation();

        private void Report(DiagnosticDescriptor descriptor, Location? location, params object?[] arguments) =>
            _context.ReportDiagnostic(Diagnostic.Create(_state.HelpLinks.For(descriptor), location ?? _type.Locations[0], arguments));
    }
}
