using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;

namespace DeviceModel.Generators.Tests.Harness
{
    /// <summary>
    /// Walks the objects a generator step output (records, tuples, equatable arrays, their fields) to find what
    /// breaks caching: Roslyn objects that pin a compilation, and types compared by reference. The only place
    /// the tests use reflection on generator models.
    /// </summary>
    internal static class ModelGraph
    {
        private static readonly Type[] RoslynTypes = { typeof(ISymbol), typeof(SyntaxNode), typeof(SemanticModel), typeof(Compilation), typeof(SyntaxTree) };

        /// <summary>One problem per offending object, as <c>path: what</c>.</summary>
        public static IReadOnlyList<string> FindProblems(object? root, string rootPath)
        {
            var problems = new List<string>();
            Walk(root, rootPath, problems, new HashSet<object>(ReferenceEqualityComparer.Instance));
            return problems;
        }

        private static void Walk(object? value, string path, List<string> problems, HashSet<object> visited)
        {
            if (value is null) return;
            Type type = value.GetType();
            Type? roslyn = RoslynTypes.FirstOrDefault(t => t.IsAssignableFrom(type));
            if (roslyn is not null)
            {
                problems.Add(path + ": a " + roslyn.Name + " (" + type.Name + ") would keep a compilation alive and never compare equal across runs");
                return;
            }
            if (type.IsPrimitive || type.IsEnum || value is string || value is decimal) return;
            if (!type.IsValueType && !visited.Add(value)) return;

            if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ImmutableArray<>))
            {
                problems.Add(path + ": an ImmutableArray<T> compares by reference; use EquatableArray<T>");
            }
            else if (!IsEquatableToItself(type))
            {
                problems.Add(path + ": " + type.FullName + " does not implement IEquatable<itself>, so the step cannot tell an unchanged value");
            }

            if (value is IEnumerable items)
            {
                int i = 0;
                foreach (object? item in items) Walk(item, path + "[" + i++ + "]", problems, visited);
                return;
            }
            for (Type? t = type; t is not null && t != typeof(object) && t != typeof(ValueType); t = t.BaseType)
            {
                foreach (FieldInfo field in t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
                {
                    Walk(field.GetValue(value), path + "." + MemberName(field), problems, visited);
                }
            }
        }

        private static bool IsEquatableToItself(Type type) => typeof(IEquatable<>).MakeGenericType(type).IsAssignableFrom(type);

        // Records and auto-properties store values in "<Name>k__BackingField".
        private static string MemberName(FieldInfo field) =>
            field.Name.StartsWith('<') && field.Name.IndexOf('>') > 1 ? field.Name.Substring(1, field.Name.IndexOf('>') - 1) : field.Name;
    }
}
