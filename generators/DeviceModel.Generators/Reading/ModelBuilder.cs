using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using DeviceModel.Declarations;

namespace DeviceModel.Generators.Reading
{
    /// <summary>Every model of the compilation: the types' specs split as the outputs need them, DM0009 problems, catalog entries.</summary>
    internal sealed record Models(
        EquatableArray<DeviceSpec> Devices,
        EquatableArray<DeviceSpec> HistoryClasses,
        EquatableArray<DeclarationProblem> Problems,
        EquatableArray<CatalogEntry> CatalogEntries);

    /// <summary>
    /// Builds every type's model (<see cref="SpecBuilder"/>) in one pipeline step. A type whose parts are the same
    /// objects as in the last run (the per-class read was cached) and whose answers are unchanged keeps its model: the
    /// memo is keyed weakly by the type's first part, holds only what the model is a pure function of, and so changes
    /// nothing but the time.
    /// </summary>
    internal static class ModelBuilder
    {
        private sealed class Entry
        {
            public Entry(TypeGroup group, Resolution resolution, DeviceSpec? spec, DeclarationProblem? problem)
            {
                Group = group;
                Resolution = resolution;
                Spec = spec;
                Problem = problem;
            }

            public TypeGroup Group { get; }
            public Resolution Resolution { get; }
            public DeviceSpec? Spec { get; }
            public DeclarationProblem? Problem { get; }
        }

        private static readonly ConditionalWeakTable<ClassPart, Entry> Memo = new();

        public static Models Build(EquatableArray<TypeGroup> groups, Resolution resolution, CancellationToken cancellationToken)
        {
            var devices = new List<DeviceSpec>();
            var historyClasses = new List<DeviceSpec>();
            var problems = new List<DeclarationProblem>();
            var entries = new List<CatalogEntry>();
            var equality = new ResolutionEquality(resolution);
            foreach (TypeGroup group in groups)
            {
                cancellationToken.ThrowIfCancellationRequested();
                Entry entry = Model(group, resolution, equality);
                if (entry.Spec is { } spec)
                {
                    if (spec.IsDevice)
                    {
                        devices.Add(spec);
                        entries.Add(new CatalogEntry(spec.FullyQualifiedName, spec.DeviceName!, spec.IsAbstract));
                    }
                    else
                    {
                        historyClasses.Add(spec);
                    }
                }
                if (entry.Problem is { } problem) problems.Add(problem);
            }
            return new Models(new EquatableArray<DeviceSpec>(devices), new EquatableArray<DeviceSpec>(historyClasses),
                new EquatableArray<DeclarationProblem>(problems), new EquatableArray<CatalogEntry>(entries));
        }

        private static Entry Model(TypeGroup group, Resolution resolution, ResolutionEquality equality)
        {
            ClassPart first = group.Parts[0];
            if (Memo.TryGetValue(first, out Entry? cached) && SameParts(cached.Group, group) && equality.Equal(cached.Resolution)) return cached;
            var entry = new Entry(group, resolution, SpecBuilder.Build(group, resolution), SpecBuilder.Problem(group, resolution));
            lock (Memo)
            {
                Memo.Remove(first);
                Memo.Add(first, entry);
            }
            return entry;
        }

        /// <summary>Whether an earlier resolution equals this run's, compared once per earlier resolution object (they are few).</summary>
        private sealed class ResolutionEquality
        {
            private readonly Resolution _current;
            private Resolution? _last;
            private bool _lastEqual;

            public ResolutionEquality(Resolution current) => _current = current;

            public bool Equal(Resolution earlier)
            {
                if (ReferenceEquals(earlier, _current)) return true;
                if (!ReferenceEquals(earlier, _last))
                {
                    _last = earlier;
                    _lastEqual = earlier.Equals(_current);
                }
                return _lastEqual;
            }
        }

        private static bool SameParts(TypeGroup a, TypeGroup b)
        {
            if (a.Parts.Length != b.Parts.Length) return false;
            for (int i = 0; i < a.Parts.Length; i++)
            {
                if (!ReferenceEquals(a.Parts[i], b.Parts[i])) return false;
            }
            return true;
        }
    }
}
