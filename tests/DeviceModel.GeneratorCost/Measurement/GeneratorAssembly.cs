using System;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;

namespace DeviceModel.GeneratorCost.Measurement;

/// <summary>
/// The generators of <c>DeviceModel.Generators</c> (the assembly sits beside this one), found by their
/// <c>[Generator]</c> attribute so that the measurement survives a redesign that renames or splits them.
/// </summary>
public static class GeneratorAssembly
{
    public const string Name = "DeviceModel.Generators";

    public static ImmutableArray<ISourceGenerator> LoadGenerators()
    {
        Assembly assembly = Assembly.Load(new AssemblyName(Name));
        ImmutableArray<ISourceGenerator> generators = assembly.GetTypes()
            .Where(t => !t.IsAbstract && t.GetCustomAttributes<GeneratorAttribute>().Any())
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .Select(t => Activator.CreateInstance(t) switch
            {
                IIncrementalGenerator incremental => incremental.AsSourceGenerator(),
                ISourceGenerator source => source,
                _ => throw new InvalidOperationException(t.FullName + " has [Generator] but is not a generator"),
            })
            .ToImmutableArray();
        if (generators.IsEmpty) throw new InvalidOperationException(Name + " has no [Generator] type");
        return generators;
    }
}
