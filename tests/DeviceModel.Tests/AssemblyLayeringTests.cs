using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using DeviceModel.Tooling.Docs;

namespace DeviceModel.Tests;

/// <summary>
/// Assemblies by role and namespaces by layer: the runtime a VMM ships references neither the tooling nor the CLI,
/// grants its internals to its tests only, and each runtime namespace depends only on the layers below it.
/// </summary>
public sealed class AssemblyLayeringTests
{
    /// <summary>The runtime's layers, lowest first: a namespace may use its own layer and those before it.</summary>
    private static readonly string[] Layers =
    {
        "DeviceModel.Pci", "DeviceModel.Virtio", "DeviceModel", "DeviceModel.Catalog", "DeviceModel.Config", "DeviceModel.Hints", "DeviceModel.Compat",
    };

    private static readonly Assembly Runtime = typeof(Device).Assembly;

    [Fact]
    public void The_runtime_references_neither_the_tooling_nor_the_cli()
    {
        string[] referenced = Runtime.GetReferencedAssemblies().Select(a => a.Name!).ToArray();
        Assert.DoesNotContain("DeviceModel.Tooling", referenced);
        Assert.DoesNotContain("devmodel", referenced);
        Assert.Equal("DeviceModel.Tooling", typeof(ReferenceDocs).Assembly.GetName().Name);
    }

    [Fact]
    public void The_runtime_grants_its_internals_to_its_tests_only()
    {
        string[] friends = Runtime.GetCustomAttributes<InternalsVisibleToAttribute>().Select(a => a.AssemblyName).ToArray();
        Assert.Equal(new[] { "DeviceModel.Tests" }, friends);
    }

    [Fact]
    public void Every_public_runtime_type_sits_in_a_layer_namespace()
    {
        string[] outside = Runtime.GetExportedTypes().Where(t => Rank(t.Namespace) < 0).Select(t => t.FullName!).ToArray();
        Assert.Empty(outside);
    }

    [Fact]
    public void Public_signatures_use_only_types_of_their_own_or_a_lower_layer()
    {
        var violations = new List<string>();
        foreach (Type type in Runtime.GetExportedTypes())
        {
            int rank = Rank(type.Namespace);
            foreach ((string member, Type used) in SignatureTypes(type))
            {
                if (used.Assembly == Runtime && Rank(used.Namespace) > rank) violations.Add(type.FullName + "." + member + " uses " + used.FullName);
            }
        }
        Assert.Empty(violations);
    }

    [Fact]
    public void Runtime_sources_import_only_lower_layers()
    {
        string root = Path.Combine(RepositoryRoot(), "src", "DeviceModel");
        var violations = new List<string>();
        foreach (string file in Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories))
        {
            if (file.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal)) continue;
            string text = File.ReadAllText(file);
            Match declared = Regex.Match(text, @"^namespace ([\w.]+)", RegexOptions.Multiline);
            Assert.True(declared.Success, file + " declares no namespace");
            int rank = Rank(declared.Groups[1].Value);
            Assert.True(rank >= 0, file + " is in namespace " + declared.Groups[1].Value + ", not a runtime layer");
            foreach (Match used in Regex.Matches(text, @"^using (DeviceModel[\w.]*);", RegexOptions.Multiline))
            {
                if (Rank(used.Groups[1].Value) > rank) violations.Add(Path.GetRelativePath(root, file) + " (" + declared.Groups[1].Value + ") imports " + used.Groups[1].Value);
            }
        }
        Assert.Empty(violations);
    }

    private static int Rank(string? ns) => Array.IndexOf(Layers, ns);

    private static IEnumerable<(string Member, Type Used)> SignatureTypes(Type type)
    {
        const BindingFlags Visible = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        if (type.BaseType is { } baseType) foreach (Type t in Expand(baseType)) yield return ("(base)", t);
        foreach (Type iface in type.GetInterfaces()) foreach (Type t in Expand(iface)) yield return ("(interface)", t);
        foreach (MemberInfo member in type.GetMembers(Visible))
        {
            IEnumerable<Type> used = member switch
            {
                MethodBase m when m.IsPublic || m.IsFamily || m.IsFamilyOrAssembly =>
                    m.GetParameters().Select(p => p.ParameterType).Concat(m is MethodInfo mi ? new[] { mi.ReturnType } : Array.Empty<Type>()),
                PropertyInfo p when p.GetMethod is { } g && (g.IsPublic || g.IsFamily) => new[] { p.PropertyType },
                FieldInfo f when f.IsPublic || f.IsFamily => new[] { f.FieldType },
                _ => Array.Empty<Type>(),
            };
            foreach (Type t in used.SelectMany(Expand)) yield return (member.Name, t);
        }
    }

    private static IEnumerable<Type> Expand(Type type)
    {
        if (type.HasElementType) return Expand(type.GetElementType()!);
        if (type.IsGenericParameter) return Array.Empty<Type>();
        IEnumerable<Type> self = new[] { type.IsGenericType ? type.GetGenericTypeDefinition() : type };
        return type.IsGenericType ? self.Concat(type.GetGenericArguments().SelectMany(Expand)) : self;
    }

    private static string RepositoryRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "DeviceModel.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("DeviceModel.sln not found above " + AppContext.BaseDirectory);
    }
}
