using System;
using System.Collections.Concurrent;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace DeviceModel.Analyzers
{
    /// <summary>
    /// The DeviceModel diagnostics. Each id has a page <c>docs/diagnostics/DMxxxx.md</c>; ids are never reused.
    /// </summary>
    internal static class Descriptors
    {
        private const string Category = "DeviceModel";
        /// <summary>
        /// Where the help pages are published by default: each id's page is <c>HelpRoot + id + ".md"</c>, the same file
        /// as <c>docs/diagnostics/DMxxxx.md</c> in the repository (and in the package, for reading offline). A project
        /// moves the base with the MSBuild property <c>DeviceModelHelpLinkBase</c> (see <see cref="HelpLinks"/>).
        /// </summary>
        public const string HelpRoot = "https://github.com/devicemodel/devicemodel/blob/main/docs/diagnostics/";

        // Diagnostic properties shared with the code fixes.
        public const string DeviceProperty = "Device";
        public const string OptionProperty = "Option";
        public const string BaselineLineProperty = "BaselineLine";
        public const string HintSinceProperty = "HintSince";
        public const string HintValueProperty = "HintValue";
        public const string NotPartialProperty = "NotPartial";

        public static readonly DiagnosticDescriptor UnversionedDefault = Create("DM0001",
            "Default changed without a compat hint",
            "The default of '{1}' on device '{0}' changed from the baseline value {2} to {3}, and no [CompatHint] records {2} for older machines",
            DiagnosticSeverity.Error,
            "Machines of older versions must keep the default they shipped with. Add [CompatHint(\"<product version>\", <old value>)] to the property, or accept the new default into CompatDefaults.Unshipped.txt if older machines may change.");

        public static readonly DiagnosticDescriptor NewOptionWithoutHistory = Create("DM0002",
            "Guest-visible option without baseline line or history",
            "Option '{1}' of device '{0}' is not in the compat defaults baseline and has no [CompatHint]: record what older machines had with a hint, or accept its default {2} into CompatDefaults.Unshipped.txt",
            DiagnosticSeverity.Error,
            "A new guest-visible option changes what older machine types expose unless a [CompatHint] says what they had before; accepting its default into the baseline states that older machines get it too.");

        public static readonly DiagnosticDescriptor StaleBaselineLine = Create("DM0003",
            "Baseline line of a removed or renamed option",
            "'{0}' names no guest-visible option declared in this assembly: '{1}' of device '{2}' was removed, renamed, made host-only or no longer overridden",
            DiagnosticSeverity.Error,
            "Hints files written by older versions hold every guest-visible option: removing or renaming one breaks them. Restore the option, or remove the line if the removal is intended.",
            WellKnownDiagnosticTags.CompilationEnd);

        public static readonly DiagnosticDescriptor InvalidVersion = Create("DM0004",
            "Invalid compat version",
            "Version '{0}' {1}",
            DiagnosticSeverity.Error,
            "A [CompatHint] since must be a version x.y or x.y.z, one of the machine versions the product declares with [MachineFamily], and no newer than the product version.");

        public static readonly DiagnosticDescriptor InvalidHintValue = Create("DM0005",
            "Compat hint value does not fit the option",
            "[CompatHint] value {0} of option '{1}' is not {2}",
            DiagnosticSeverity.Error,
            "A hint value is a constant of the option's type or its text in the option's value syntax; the generator drops the whole history of an option with an invalid value.");

        public static readonly DiagnosticDescriptor InvalidHistory = Create("DM0006",
            "Compat history out of order, duplicated or redundant",
            "History of option '{0}': {1}",
            DiagnosticSeverity.Error,
            "List an option's [CompatHint]s oldest first, one per version, each recording a value different from the next newer one (or from the default, for the newest).");

        public static readonly DiagnosticDescriptor DuplicateOptionName = Create("DM0007",
            "Duplicate option name",
            "Device '{0}' declares option '{1}' twice: on {2} and on {3}",
            DiagnosticSeverity.Error,
            "Each option name appears once in a device type's hierarchy; only an override of the option's property shares its name.");

        public static readonly DiagnosticDescriptor InvalidName = Create("DM0008",
            "Invalid option or device name",
            "'{0}' is not a valid {1} name: use lower-case letters, digits, '-', '_' and '.', starting with a letter",
            DiagnosticSeverity.Error,
            "Names are written in -device strings: they cannot hold ',', '=', whitespace or upper case.");

        public static readonly DiagnosticDescriptor DeviceNotPartial = Create("DM0009",
            "Device class must be a top-level, non-generic partial class",
            "Device class '{0}' {1}",
            DiagnosticSeverity.Error,
            "The generator completes the class with its option code: it must be partial, not nested and not generic.");

        public static readonly DiagnosticDescriptor UnsupportedOption = Create("DM0010",
            "Unsupported option declaration",
            "Option '{0}' {1}",
            DiagnosticSeverity.Error,
            "The generator skips option properties it cannot use; the option would be missing at run time.");

        public static readonly DiagnosticDescriptor NonConstantDefault = Create("DM0011",
            "Option default is not a compile-time constant",
            "The default of option '{0}' is not a compile-time constant: {1}",
            DiagnosticSeverity.Error,
            "The default must be a constant (or absent) so the compat baseline and the generated metadata can record it; use Auto for values decided at realize time.");

        public static readonly DiagnosticDescriptor CapabilityLayout = Create("DM0012",
            "Capability layout overlaps, overflows or is misaligned",
            "Capability '{0}' {1}",
            DiagnosticSeverity.Error,
            "Fixed capability offsets must be dword aligned and inside their area (0x40–0xff, extended 0x100–0xfff), fixed capabilities must not overlap, the unconditional capabilities must fit in the area, and a declared Length must be one the factory's capability type states with [CapabilityLength].");

        public static readonly DiagnosticDescriptor BaselineOutOfDate = Create("DM0013",
            "Compat defaults baseline out of date",
            "The default of '{1}' on device '{0}' is {2} but the baseline has {3}; the [CompatHint] history covers older machines: accept the new default into CompatDefaults.Unshipped.txt",
            DiagnosticSeverity.Warning,
            "Once a hint records the old value, the baseline should move to the new default, so that the next change is compared with it.");

        public static readonly DiagnosticDescriptor InvalidProductVersion = Create("DM0014",
            "Product version invalid or inconsistent",
            "Product version: {0}",
            DiagnosticSeverity.Warning,
            "The product version comes from [Product] on the [DeviceCatalog] class, else from the MSBuild property DeviceModelProductVersion; both must be versions x.y or x.y.z and agree.",
            WellKnownDiagnosticTags.CompilationEnd);

        public static readonly DiagnosticDescriptor MisplacedHint = Create("DM0015",
            "Compat hint on a host-only option or a non-option property",
            "[CompatHint] on '{0}' has no effect: {1}",
            DiagnosticSeverity.Warning,
            "Only guest-visible options are versioned: host-only options are never in hints files and never versioned.");

        public static readonly DiagnosticDescriptor MalformedBaselineLine = Create("DM0016",
            "Malformed compat defaults line",
            "'{0}' is not a valid compat defaults line: {1}",
            DiagnosticSeverity.Error,
            "Each line is 'DEVICE OPTION=VALUE' (or 'DEVICE OPTION' for no value) with the value in the option's value syntax, once per option and file.");

        public static readonly DiagnosticDescriptor UnknownHintFamily = Create("DM0017",
            "Compat hint scoped to an unknown machine family",
            "[CompatHint] Family '{0}' {1}",
            DiagnosticSeverity.Error,
            "A [CompatHint] Family names one of the machine families the product declares with [MachineFamily] (e.g. \"pc-q35\"); an entry scoped to a family no machine has never applies.");

        public static readonly DiagnosticDescriptor HintOutsideProduct = Create("DM0018",
            "Compat hint in an assembly without a product",
            "[CompatHint] on '{0}' is declared in an assembly without a [Product]: compat hints state what a product's older machine versions had, so declare them in the product (for an option the product inherits: [CompatHint(since, value, Option = \"name\")] on its own base type)",
            DiagnosticSeverity.Error,
            "A framework or library assembly has no machine versions: a hint there would apply the versions of one product to every product built on it. Only an assembly with a [DeviceCatalog] class carrying [Product] declares [CompatHint]s.");

        public static readonly DiagnosticDescriptor BaselineFilesMissing = Create("DM0019",
            "Compat defaults baseline files missing",
            "Product '{0}' has guest-visible options (e.g. on device '{1}') but no CompatDefaults.Shipped.txt or CompatDefaults.Unshipped.txt, so changed defaults are not checked: create both files, empty, next to the project file (the DeviceModel package passes them as AdditionalFiles; without it, add <AdditionalFiles Include=\"CompatDefaults.Shipped.txt;CompatDefaults.Unshipped.txt\" />), then accept today's defaults with the DM0002 code fix or 'dotnet format analyzers --diagnostics DM0002 --severity info'",
            DiagnosticSeverity.Warning,
            "The compat checks (DM0001–DM0003, DM0013) compare each guest-visible default with the baseline files; without them a changed default reaches older machine types unnoticed.",
            WellKnownDiagnosticTags.CompilationEnd);

        public static readonly DiagnosticDescriptor InvalidClassHint = Create("DM0020",
            "Class-level compat hint names no inherited option",
            "[CompatHint] on '{0}' {1}",
            DiagnosticSeverity.Error,
            "On a class, [CompatHint(since, value, Option = \"name\")] records the product's history of an option the class inherits from a base type (framework base types have no versions). Option must name an inherited option; an option the class declares itself, or a property's own hints, take no Option.");

        public static readonly DiagnosticDescriptor MachineRead = Create("DM0021",
            "Device code reads the machine type or version",
            "'{0}' {1}: device code must not depend on the machine type or its version; declare an option's history with [CompatHint] and machine types with [MachineFamily]",
            DiagnosticSeverity.Error,
            "A device derives its values from its options, the bus and the vCPU count. What older machine versions had is declared with [CompatHint] on the option (the generator, the docs and the hints files read it from there); machine types and versions are declared with [MachineFamily] on the catalog.");

        private static DiagnosticDescriptor Create(string id, string title, string message, DiagnosticSeverity severity, string description, params string[] tags) =>
            new(id, title, message, Category, severity, isEnabledByDefault: true, description: description, helpLinkUri: HelpRoot + id + ".md", customTags: tags);
    }

    /// <summary>
    /// The descriptors a compilation reports with. A descriptor's help link is fixed when it is created, so when the
    /// compiler-visible MSBuild property <c>DeviceModelHelpLinkBase</c> names another base (a mirror of the docs, a
    /// fork's pages), each descriptor is copied once per base with its link there; otherwise the static ones are used.
    /// </summary>
    internal sealed class HelpLinks
    {
        public const string BaseProperty = "build_property.DeviceModelHelpLinkBase";

        public static readonly HelpLinks Default = new(null);

        private static readonly ConcurrentDictionary<(string Base, string Id), DiagnosticDescriptor> Copies = new();

        private HelpLinks(string? linkBase) => Base = linkBase;

        /// <summary>The overriding base, ending in '/'; null for <see cref="Descriptors.HelpRoot"/>.</summary>
        public string? Base { get; }

        /// <summary>The property's value (trimmed), or null when it is unset or blank.</summary>
        public static string? ReadBase(AnalyzerConfigOptions globalOptions) =>
            globalOptions.TryGetValue(BaseProperty, out string? value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

        public static HelpLinks From(string? linkBase)
        {
            if (linkBase is null) return Default;
            string normalized = linkBase.EndsWith("/", StringComparison.Ordinal) ? linkBase : linkBase + "/";
            return normalized == Descriptors.HelpRoot ? Default : new HelpLinks(normalized);
        }

        public static HelpLinks Read(AnalyzerConfigOptions globalOptions) => From(ReadBase(globalOptions));

        public DiagnosticDescriptor For(DiagnosticDescriptor descriptor) =>
            Base is null ? descriptor : Copies.GetOrAdd((Base, descriptor.Id), key => Copy(descriptor, key.Base + descriptor.Id + ".md"));

#pragma warning disable RS1017 // A copy of a static descriptor above: its id is a tracked constant there.
        private static DiagnosticDescriptor Copy(DiagnosticDescriptor descriptor, string helpLink) =>
            new(descriptor.Id, descriptor.Title, descriptor.MessageFormat, descriptor.Category, descriptor.DefaultSeverity, descriptor.IsEnabledByDefault,
                descriptor.Description, helpLink, descriptor.CustomTags.ToArray());
#pragma warning restore RS1017
    }
}
