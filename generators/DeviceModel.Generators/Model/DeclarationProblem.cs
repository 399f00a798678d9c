using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace DeviceModel.Generators.Model
{
    /// <summary>A <c>[Device]</c> class the generator skips and reports (DM0009): strings and a location as plain values, so the step caches.</summary>
    internal sealed record DeclarationProblem(string ClassName, string Problems, bool NotPartial, LocationInfo Location);

    /// <summary>A source location without its syntax tree (a model holds no Roslyn objects).</summary>
    internal sealed record LocationInfo(string FilePath, TextSpan Span, LinePositionSpan LineSpan)
    {
        public Location ToLocation() => Microsoft.CodeAnalysis.Location.Create(FilePath, Span, LineSpan);
    }
}
