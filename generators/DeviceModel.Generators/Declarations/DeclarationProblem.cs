using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace DeviceModel.Declarations
{
    /// <summary>A <c>[Device]</c> class the generator skips and reports (DM0009): strings and a location as plain values, so the step caches.</summary>
    internal sealed record DeclarationProblem(string ClassName, string Problems, bool NotPartial, LocationInfo Location);

    /// <summary>A source location without its syntax tree (a model holds no Roslyn objects).</summary>
    internal sealed record LocationInfo(string FilePath, TextSpan Span, LinePositionSpan LineSpan)
    {
        /// <summary>The location in <paramref name="compilation"/>'s syntax tree of that path, else a location by path and lines.</summary>
        public Location ToLocation(Compilation compilation)
        {
            foreach (SyntaxTree tree in compilation.SyntaxTrees)
            {
                if (tree.FilePath == FilePath && Span.End <= tree.Length) return Microsoft.CodeAnalysis.Location.Create(tree, Span);
            }
            return Microsoft.CodeAnalysis.Location.Create(FilePath, Span, LineSpan);
        }
    }
}
