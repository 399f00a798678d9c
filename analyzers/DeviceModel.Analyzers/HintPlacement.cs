using DeviceModel.Declarations;
using DeviceModel.Analyzers.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace DeviceModel.Analyzers
{
    /// <summary>
    /// DM0018: a <c>[CompatHint]</c> belongs to a product. An assembly without a <c>[Product]</c> (the framework, a
    /// library of devices) has no machine versions, so any hint it declares would impose one product's history on every
    /// product that derives from its types.
    /// </summary>
    internal static class HintPlacement
    {
        public static void CheckProduct(SymbolAnalysisContext context, ProductInfo product, HelpLinks links)
        {
            if (product.ProductAttribute is not null) return;
            foreach (AttributeData attribute in context.Symbol.GetAttributes())
            {
                if (!AttributeNames.Is(attribute, AttributeNames.CompatHint)) continue;
                Location location = attribute.ApplicationSyntaxReference?.GetSyntax(context.CancellationToken).GetLocation() ?? context.Symbol.Locations[0];
                string owner = context.Symbol is IPropertySymbol property ? property.ContainingType.Name + "." + property.Name : context.Symbol.Name;
                context.ReportDiagnostic(Diagnostic.Create(links.For(Descriptors.HintOutsideProduct), location, owner));
            }
        }
    }
}
