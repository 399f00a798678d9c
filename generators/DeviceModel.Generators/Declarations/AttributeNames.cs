using Microsoft.CodeAnalysis;

namespace DeviceModel.Declarations
{
    /// <summary>
    /// Recognises the DeviceModel attributes by namespace and name, as the generator's parser does (it compares display
    /// names): a test or a product that compiles its own copy of the attributes is analysed like one using the runtime's.
    /// </summary>
    internal static class AttributeNames
    {
        public const string Device = "DeviceAttribute";
        public const string ConfigOption = "ConfigOptionAttribute";
        public const string CompatHint = "CompatHintAttribute";
        public const string DeviceCatalog = "DeviceCatalogAttribute";
        public const string Product = "ProductAttribute";
        public const string MachineFamily = "MachineFamilyAttribute";
        public const string RomImage = "RomImageAttribute";
        public const string PciCapability = "PciCapabilityAttribute";
        public const string PciExtendedCapability = "PciExtendedCapabilityAttribute";
        public const string OptionValueName = "OptionValueNameAttribute";
        public const string OptionGroup = "OptionGroupAttribute";
        public const string IncludeOptions = "IncludeOptionsAttribute";

        public static bool Is(AttributeData attribute, string name) => IsDeviceModelType(attribute.AttributeClass, name);

        public static bool IsDeviceModelType(ITypeSymbol? type, string name) =>
            type is not null && type.Name == name
            && type.ContainingType is null
            && type.ContainingNamespace is { Name: "DeviceModel", ContainingNamespace.IsGlobalNamespace: true };

        public static AttributeData? Find(ISymbol symbol, string name)
        {
            foreach (AttributeData attribute in symbol.GetAttributes())
            {
                if (Is(attribute, name)) return attribute;
            }
            return null;
        }

        public static bool Has(ISymbol symbol, string name) => Find(symbol, name) is not null;

        public static string? NamedString(AttributeData attribute, string name)
        {
            foreach (var pair in attribute.NamedArguments)
            {
                if (pair.Key == name) return pair.Value.Value as string;
            }
            return null;
        }

        public static int NamedInt(AttributeData attribute, string name)
        {
            foreach (var pair in attribute.NamedArguments)
            {
                if (pair.Key == name && pair.Value.Value is int value) return value;
            }
            return 0;
        }

        public static bool NamedBool(AttributeData attribute, string name)
        {
            foreach (var pair in attribute.NamedArguments)
            {
                if (pair.Key == name) return pair.Value.Value is true;
            }
            return false;
        }
    }
}
