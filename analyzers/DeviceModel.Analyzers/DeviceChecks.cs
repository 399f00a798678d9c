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
    /// <summary>The checks of one <c>[Device]</c> class, run when the compiler has bound all of its members.</summary>
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
                    if (FirstHint(property) is { } hint) Report(Descriptors.MisplacedHint, Location(hint) ?? property.Locations[0], property.Name, "'" + property.Name + "' is not a [ConfigOption] property");
                    continue;
                }
                CheckOption(option, keyed);
            }
            CheckClassHints();
            CheckDuplicates();
            CheckIncludes();
            CapabilityChecks.Analyze(_context, _type, _deviceName ?? _type.Name, _state.HelpLinks);
        }

        /// <summary>Options declared in a class without <c>[Device]</c> have no device name to key their baseline lines.</summary>
        public static void AnalyzeNonDevice(SymbolAnalysisContext context, INamedTypeSymbol type, HelpLinks links)
        {
            foreach (ISymbol member in type.GetMembers())
            {
                if (member is not IPropertySymbol property || property.IsStatic || property.IsImplicitlyDeclared) continue;
                if (AttributeNames.Has(property, AttributeNames.IncludeOptions))
                {
                    context.ReportDiagnostic(Diagnostic.Create(links.For(Descriptors.UnsupportedOption), property.Locations[0], property.Name,
                        "includes an option group in '" + type.Name + "', which has no [Device] attribute: only a device type includes option groups"));
                }
                if (AttributeNames.Find(property, AttributeNames.ConfigOption) is not { } attribute) continue;
                string name = attribute.ConstructorArguments.Length == 1 ? attribute.ConstructorArguments[0].Value as string ?? property.Name : property.Name;
                context.ReportDiagnostic(Diagnostic.Create(links.For(Descriptors.UnsupportedOption), property.Locations[0], name,
                    "is declared in '" + type.Name + "', which has no [Device] attribute: mark it [Device(\"name\")] (abstract for a family) so that its options are checked and keyed in the compat baseline"));
            }
        }

        // ---- the class ----

        /// <summary>
        /// DM0020 and the history checks for <c>[CompatHint(…, Option = name)]</c> on the class: each names an option the
        /// class inherits (not one it declares, nor one whose overriding property here has hints of its own), and each
        /// option's entries form a valid history (DM0004–DM0006, DM0015, DM0017). The inherited default may live in another
        /// assembly, so the no-op check compares entries only with each other.
        /// </summary>
        public void CheckClassHints()
        {
            var groups = new Dictionary<string, List<AttributeData>>(StringComparer.Ordinal);
            var order = new List<string>();
            foreach (AttributeData hint in _type.GetAttributes())
            {
                if (!AttributeNames.Is(hint, AttributeNames.CompatHint)) continue;
                if (AttributeNames.NamedString(hint, "Option") is not string name)
                {
                    Report(Descriptors.InvalidClassHint, Location(hint) ?? _type.Locations[0], _type.Name,
                        "needs Option = \"<option>\": on a class, an entry records the history of an option the class inherits");
                    continue;
                }
                if (!groups.TryGetValue(name, out List<AttributeData>? hints))
                {
                    groups.Add(name, hints = new List<AttributeData>());
                    order.Add(name);
                }
                hints.Add(hint);
            }
            if (order.Count == 0) return;

            // The history goes into the class's own generated table, which needs a partial, top-level, non-generic class.
            // A [Device] class is DM0009's; for any other, the entries would silently not apply.
            if (_device is null)
            {
                ClassDeclarationSyntax? declaration = _type.DeclaringSyntaxReferences.Length == 0 ? null
                    : _type.DeclaringSyntaxReferences[0].GetSyntax(_context.CancellationToken) as ClassDeclarationSyntax;
                if (DeviceDeclaration.Problems(_type, declaration, out _) is { } problems)
                {
                    Report(Descriptors.InvalidClassHint, declaration?.Identifier.GetLocation() ?? _type.Locations[0], _type.Name,
                        "records option histories, which go into its generated table, but it " + problems.Replace(": the generator skips it", "") + ": declare it partial, top-level and non-generic");
                    return;
                }
            }

            var declaredHere = new HashSet<string>(StringComparer.Ordinal);
            var historyHere = new HashSet<string>(StringComparer.Ordinal);
            foreach (ISymbol member in _type.GetMembers())
            {
                if (member is not IPropertySymbol property || Own(property) is not { Name: { } name } option) continue;
                if (option.OwnsAttribute) declaredHere.Add(name);
                else if (option.OwnsHistory) historyHere.Add(name);
            }
            var inherited = new Dictionary<string, OptionDeclaration>(StringComparer.Ordinal);
            if (_type.BaseType is { } baseType)
            {
                foreach (OptionDeclaration option in _state.Hierarchy(baseType))
                {
                    if (option.Name is { } name && !inherited.ContainsKey(name)) inherited.Add(name, option);
                }
            }
            foreach (string name in order)
            {
                List<AttributeData> hints = groups[name];
                Location location = NamedArgumentLocation(hints[0], "Option") ?? Location(hints[0]) ?? _type.Locations[0];
                if (declaredHere.Contains(name))
                {
                    Report(Descriptors.InvalidClassHint, location, _type.Name, "names '" + name + "', which this class declares: put its [CompatHint]s on the property, without Option");
                }
                else if (historyHere.Contains(name))
                {
                    Report(Descriptors.InvalidClassHint, location, _type.Name, "names '" + name + "', whose overriding property here has [CompatHint]s of its own: keep one history, on the property or on the class");
                }
                else if (!inherited.TryGetValue(name, out OptionDeclaration? option))
                {
                    Report(Descriptors.InvalidClassHint, location, _type.Name, "names '" + name + "', which is not an option '" + _type.Name + "' inherits");
                }
                else if (option.HostOnly)
                {
                    Report(Descriptors.MisplacedHint, location, name, "host-only options are never versioned");
                }
                else if (option.IsUsable)
                {
                    CheckHistory(OptionReader.WithClassHistory(option, hints.ToImmutableArray()), defaultValue: null);
                }
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
            if (!_isGroup && AttributeNames.Find(_type, AttributeNames.OptionGroup) is { } group)
            {
                Report(Descriptors.UnsupportedOption, Location(group) ?? _type.Locations[0], _type.Name, "is both a [Device] and an [OptionGroup]: a device includes a group through an [IncludeOptions] property");
            }
        }

        // ---- one option ----

        private void CheckOption(OptionDeclaration option, bool keyed)
        {
            IPropertySymbol property = option.Property;
            string display = option.Name ?? property.Name;
            if (option.OwnsAttribute)
            {
                if (option.Name is not null && !ValueSyntax.IsValidOptionName(option.Name))
                {
                    Report(Descriptors.InvalidName, CatalogChecks.ArgumentLocation(option.Attribute, 0, "name", _context.CancellationToken) ?? property.Locations[0], option.Name, "option");
                }
                if (option.TypeProblem is not null) Report(Descriptors.UnsupportedOption, property.Locations[0], display, option.TypeProblem);
            }
            if (option.AccessorProblem is not null) Report(Descriptors.UnsupportedOption, property.Locations[0], display, option.AccessorProblem);

            bool guestVisible = !option.HostOnly;
            if (keyed && guestVisible && option.HasValidName) _state.Declared.TryAdd(CompatDefaultsFormat.Key(_deviceName!, option.Name!), 0);
            if (option.OwnsHistory && option.HostOnly)
            {
                Report(Descriptors.MisplacedHint, Location(option.History[0]) ?? property.Locations[0], display, "host-only options are never versioned");
            }
            if (option.OwnsHistory)
            {
                foreach (AttributeData hint in option.History)
                {
                    if (AttributeNames.NamedString(hint, "Option") is string named && named != option.Name)
                    {
                        Report(Descriptors.InvalidClassHint, NamedArgumentLocation(hint, "Option") ?? Location(hint) ?? property.Locations[0], property.Name,
                            "names option '" + named + "', but a property's entries belong to its own option '" + display + "': remove Option");
                    }
                }
            }
            if (!option.IsUsable) return;

            CanonicalValue? defaultValue = ReadDefault(option, out Location defaultLocation);
            if (option.OwnsHistory && guestVisible) CheckHistory(option, defaultValue);
            if (keyed && guestVisible && defaultValue is { } value && _state.Baseline is { } baseline)
            {
                CheckBaseline(option, value, defaultLocation, baseline);
            }
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

        private void CheckHistory(OptionDeclaration option, CanonicalValue? defaultValue)
        {
            var entries = new List<Entry>();
            foreach (AttributeData hint in option.History)
            {
                if (hint.ConstructorArguments.Length != 2) continue;
                string? family = FamilyOf(hint);
                MachineVersion? since = CheckSince(hint, family);
                if (family is not null) CheckFamily(hint, family);
                CanonicalValue? value = null;
                if (OptionValues.TryHint(hint.ConstructorArguments[1], option, out CanonicalValue canonical))
                {
                    value = canonical;
                }
                else
                {
                    Location location = CatalogChecks.ArgumentLocation(hint, 1, "value", _context.CancellationToken) ?? option.Property.Locations[0];
                    string written = location.SourceTree is { } tree ? tree.GetText(_context.CancellationToken).ToString(location.SourceSpan) : hint.ConstructorArguments[1].ToCSharpString();
                    Report(Descriptors.InvalidHintValue, location, written, option.Name!, Expected(option));
                }
                entries.Add(new Entry(hint, since, value, family));
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
                        if (since == before) Report(Descriptors.InvalidHistory, Location(entry.Hint), option.Name!, "since '" + since + "' appears twice" + scope);
                        else Report(Descriptors.InvalidHistory, Location(entry.Hint), option.Name!, "since '" + since + "' is listed after '" + before + "'" + scope + ": list [CompatHint]s oldest first");
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
                if (!useful.Contains(entry.Hint) && reported.Add(entry.Hint)) Report(Descriptors.InvalidHistory, Location(entry.Hint), option.Name!, message);
            }
        }

        private MachineVersion? CheckSince(AttributeData hint, string? family)
        {
            Location location = CatalogChecks.ArgumentLocation(hint, 0, "since", _context.CancellationToken) ?? Location(hint) ?? _type.Locations[0];
            if (hint.ConstructorArguments[0].Value is not string text || !MachineVersion.TryParse(text.AsSpan(), out MachineVersion since))
            {
                Report(Descriptors.InvalidVersion, location, hint.ConstructorArguments[0].Value as string ?? "null", "is not a version x.y or x.y.z");
                return null;
            }
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
            return since;
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

        /// <summary>The hint's <c>Family</c>, or null when it has none.</summary>
        internal static string? FamilyOf(AttributeData hint)
        {
            foreach (KeyValuePair<string, TypedConstant> pair in hint.NamedArguments)
            {
                if (pair.Key == "Family") return pair.Value.Value as string;
            }
            return null;
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

        private static string Expected(OptionDeclaration option)
        {
            string type = option.Property.Type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);
            string expected = option.Kind == OptionKind.Enum
                ? "one of " + string.Join(", ", option.EnumNames)
                : ValueSyntax.Expected(option.Kind!.Value);
            string auto = option.IsAuto && option.Kind != OptionKind.OnOffAuto ? " or \"auto\"" : "";
            string none = option.IsNullable && !option.IsAuto ? " or null" : "";
            return "a constant of type " + type + auto + none + ", nor text of " + expected;
        }

        /// <summary>
        /// The newest valid family-less entry of the effective history (the generator's order: by version). Entries
        /// scoped to a machine family do not count: they keep older machines of that family only.
        /// </summary>
        private static (MachineVersion Since, CanonicalValue Value)? Newest(OptionDeclaration option)
        {
            (MachineVersion Since, CanonicalValue Value)? newest = null;
            foreach (AttributeData hint in option.History)
            {
                if (hint.ConstructorArguments.Length != 2 || hint.ConstructorArguments[0].Value is not string text || FamilyOf(hint) is not null) continue;
                if (!MachineVersion.TryParse(text.AsSpan(), out MachineVersion since)) continue;
                if (!OptionValues.TryHint(hint.ConstructorArguments[1], option, out CanonicalValue value)) continue;
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
        /// The type's <c>[IncludeOptions]</c> properties: each includes an <c>[OptionGroup]</c> class through a readable
        /// instance property (DM0010 otherwise: the generator leaves it out), a group option's name clashes with no other
        /// option of the device (DM0007), and the property's initializer sets no guest-visible group option (DM0011: its
        /// default is the group's, guarded once under the group's name).
        /// </summary>
        private void CheckIncludes()
        {
            foreach (ISymbol member in _type.GetMembers())
            {
                if (member is not IPropertySymbol property || property.IsImplicitlyDeclared || !AttributeNames.Has(property, AttributeNames.IncludeOptions)) continue;
                string? problem = _device is null || _isGroup ? "includes an option group in '" + _type.Name + "', which is not a [Device] type: only a device type includes option groups"
                    : AttributeNames.Has(property, AttributeNames.ConfigOption) ? "is both an option and an [IncludeOptions] property"
                    : property.IsStatic ? "includes an option group through a static property: each device needs its own group instance"
                    : property.GetMethod is null ? "includes an option group through a property without a get accessor"
                    : GroupOf(property) is null ? "has type '" + property.Type.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat) + "', which is not an [OptionGroup] class"
                    : null;
                if (problem is not null)
                {
                    Report(Descriptors.UnsupportedOption, property.Locations[0], property.Name, problem);
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
            var hierarchy = new List<OptionDeclaration>();
            foreach (ISymbol member in _type.GetMembers())
            {
                if (member is IPropertySymbol property && Own(property) is { } own) hierarchy.Add(own);
            }
            if (_type.BaseType is { } baseType) hierarchy.AddRange(_state.Hierarchy(baseType));
            foreach (OptionDeclaration option in hierarchy)
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

        private static AttributeData? FirstHint(IPropertySymbol property) => AttributeNames.Find(property, AttributeNames.CompatHint);

        private Location? Location(AttributeData attribute) => attribute.ApplicationSyntaxReference?.GetSyntax(_context.CancellationToken).GetLocation();

        private void Report(DiagnosticDescriptor descriptor, Location? location, params object?[] arguments) =>
            _context.ReportDiagnostic(Diagnostic.Create(_state.HelpLinks.For(descriptor), location ?? _type.Locations[0], arguments));
    }
}
