using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Threading;
using DeviceModel.Declarations;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace DeviceModel.Generators.Reading
{
    /// <summary>
    /// The generator's semantic step, once per compilation: it asks the compiler only what syntax cannot say — what a
    /// type or attribute name denotes, the value of an argument that is not a literal, an inherited option, a
    /// capability's declared length — each distinct question once (<see cref="Ask"/>), so its cost follows the number
    /// of distinct names and scopes, not the number of devices. Names resolve exactly as the compiler resolves them
    /// (speculative binding at the declaration), so aliases, global usings and nested types work.
    /// </summary>
    internal static class Resolver
    {
        /// <summary>The parts of each class, in compilation order.</summary>
        public static EquatableArray<TypeGroup> Group(ImmutableArray<ClassPart> parts, CancellationToken cancellationToken)
        {
            var groups = new Dictionary<string, List<ClassPart>>();
            var order = new List<string>();
            foreach (ClassPart part in parts)
            {
                if (!groups.TryGetValue(part.MetadataName, out List<ClassPart>? list))
                {
                    groups.Add(part.MetadataName, list = new List<ClassPart>());
                    order.Add(part.MetadataName);
                }
                list.Add(part);
            }
            var result = new TypeGroup[order.Count];
            for (int i = 0; i < order.Count; i++) result[i] = new TypeGroup(order[i], new EquatableArray<ClassPart>(groups[order[i]]));
            return new EquatableArray<TypeGroup>(result);
        }

        /// <summary>Where a class's header (its attributes, its base list) resolves names: its namespace scope.</summary>
        private static string HeaderKey(ClassPart part) => part.Scope;

        /// <summary>The key of a class attribute's name (names of different roles never share an answer).</summary>
        public static string ClassAttributeKey(ClassPart part) => "attribute|" + HeaderKey(part);

        /// <summary>The key of a base type's name.</summary>
        public static string BaseKey(ClassPart part) => "base|" + HeaderKey(part);

        /// <summary>The key of a type named in a class attribute's argument (<c>Type.Member</c>).</summary>
        public static string HeaderTypeKey(ClassPart part) => "type|" + HeaderKey(part);

        /// <summary>The key of a property type's name.</summary>
        public static string TypeKey(TypeGroup group, ClassPart part) => "type|" + BodyKey(group, part);

        /// <summary>The key of a property attribute's name.</summary>
        public static string PropertyAttributeKey(TypeGroup group, ClassPart part) => "property attribute|" + BodyKey(group, part);

        /// <summary>
        /// Where a class body resolves names: its namespace scope plus the types visible as members — its own nested
        /// types (the class itself then), else those it inherits (its base type as written in its scope).
        /// </summary>
        private static string BodyKey(TypeGroup group, ClassPart part)
        {
            ClassPart? withBase = null;
            bool nested = false;
            foreach (ClassPart p in group.Parts)
            {
                if (p.NestedTypes.Length > 0) nested = true;
                if (withBase is null && p.BaseTypeText is not null) withBase = p;
            }
            return part.Scope + "|" + (nested ? "class " + group.MetadataName : "base " + (withBase is null ? "" : withBase.Scope + ":" + withBase.BaseTypeText));
        }

        /// <summary>Every question the declarations ask, each once (cached until a declaration changes).</summary>
        public static Queries Ask(EquatableArray<TypeGroup> groups, CancellationToken cancellationToken)
        {
            var names = new Dictionary<(string, string), NameQuery>();
            var constants = new List<ConstantQuery>();
            var inherited = new List<InheritedQuery>();
            var lengths = new List<LengthQuery>();
            var catalogs = new List<CatalogQuery>();
            foreach (TypeGroup group in groups)
            {
                cancellationToken.ThrowIfCancellationRequested();
                foreach (ClassPart part in group.Parts)
                {
                    string classAttributeKey = ClassAttributeKey(part), typeKey = TypeKey(group, part), propertyAttributeKey = PropertyAttributeKey(group, part);
                    string headerTypeKey = HeaderTypeKey(part);
                    if (part.BaseTypeText is { } baseText) Name(names, BaseKey(part), baseText, NameRole.Base, part, part.Identifier.Span.Start);
                    foreach (AttributePart attribute in part.Attributes)
                    {
                        Name(names, classAttributeKey, attribute.Name, NameRole.ClassAttribute, part, part.Identifier.Span.Start);
                        if (part.IsStatic && attribute.Arguments.Length == 0) catalogs.Add(new CatalogQuery(group.MetadataName, part.IsPartial, classAttributeKey, attribute.Name));
                        Constants(constants, names, part, attribute, headerTypeKey, part.Identifier.Span.Start);
                        string? factory = null;
                        bool hasLength = false;
                        foreach (ArgumentPart argument in attribute.Arguments)
                        {
                            if (argument.Name == "Option" && argument.IsProperty && argument.Literal?.Value is string option) inherited.Add(new InheritedQuery(group.MetadataName, option, ByProperty: false));
                            if (argument.Name == "Length" && argument.IsProperty) hasLength = true;
                            if (argument.Name is null && factory is null) factory = argument.Literal?.Value as string ?? "";
                        }
                        if (!hasLength && !string.IsNullOrEmpty(factory)) lengths.Add(new LengthQuery(group.MetadataName, factory!, classAttributeKey, attribute.Name));
                    }
                    foreach (PropertyPart property in part.Properties)
                    {
                        if (property.IsStatic) continue;
                        Name(names, typeKey, property.TypeText, NameRole.Type, part, part.BodyPosition);
                        if (property.IsOverride) inherited.Add(new InheritedQuery(group.MetadataName, property.Name, ByProperty: true));
                        foreach (AttributePart attribute in property.Attributes)
                        {
                            Name(names, propertyAttributeKey, attribute.Name, NameRole.PropertyAttribute, part, part.BodyPosition);
                            Constants(constants, names, part, attribute, typeKey, part.BodyPosition);
                        }
                    }
                }
            }
            var nameQueries = new List<NameQuery>(names.Values);
            nameQueries.Sort((a, b) => a.Key == b.Key ? string.CompareOrdinal(a.Text, b.Text) : string.CompareOrdinal(a.Key, b.Key));
            return new Queries(new EquatableArray<NameQuery>(nameQueries), new EquatableArray<ConstantQuery>(constants),
                new EquatableArray<InheritedQuery>(inherited), new EquatableArray<LengthQuery>(lengths), new EquatableArray<CatalogQuery>(catalogs));
        }

        private static void Name(Dictionary<(string, string), NameQuery> names, string key, string text, NameRole role, ClassPart part, int position)
        {
            if (!names.ContainsKey((key, text))) names.Add((key, text), new NameQuery(key, text, role, part.MetadataName, part.FilePath, position));
        }

        private static void Constants(List<ConstantQuery> constants, Dictionary<(string, string), NameQuery> names, ClassPart part, AttributePart attribute, string typeKey, int position)
        {
            foreach (ArgumentPart argument in attribute.Arguments)
            {
                if (argument.Literal is not null) continue;
                constants.Add(Constant(part, argument, typeKey));
                if (argument.MemberOf is { } type) Name(names, typeKey, type, NameRole.Type, part, position);
            }
        }

        /// <summary>The question for a non-literal argument.</summary>
        private static ConstantQuery Constant(ClassPart part, ArgumentPart argument, string typeKey) =>
            new(part.MetadataName, part.FilePath, argument.SpanStart, argument.Expression,
                argument.MemberOf is null ? null : typeKey, argument.MemberOf, argument.Member);

        /// <summary>Answers <paramref name="queries"/> in <paramref name="compilation"/> (runs after every edit: its work is per distinct question).</summary>
        public static Resolution Resolve(Queries queries, Compilation compilation, CancellationToken cancellationToken)
        {
            var context = new Context(compilation);
            var names = new NameAnswer[queries.Names.Length];
            for (int i = 0; i < names.Length; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                names[i] = ResolveName(context, queries.Names[i], cancellationToken);
            }

            var byName = new Dictionary<(string, string), NameAnswer>();
            foreach (NameAnswer answer in names) byName[(answer.Key, answer.Text)] = answer;
            var constants = new ConstantAnswer[queries.Constants.Length];
            for (int i = 0; i < constants.Length; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                ConstantQuery query = queries.Constants[i];
                constants[i] = new ConstantAnswer(query, EnumMember(byName, query) ?? EvaluateConstant(context, query, cancellationToken));
            }
            var inherited = new InheritedAnswer[queries.Inherited.Length];
            for (int i = 0; i < inherited.Length; i++) inherited[i] = ResolveInherited(context, queries.Inherited[i]);
            var lengths = new LengthAnswer[queries.Lengths.Length];
            for (int i = 0; i < lengths.Length; i++)
            {
                LengthQuery query = queries.Lengths[i];
                bool capability = byName.TryGetValue((query.AttributeKey, query.AttributeName), out NameAnswer? attribute)
                    && attribute.Attribute is AttributeRole.PciCapability or AttributeRole.PciExtendedCapability;
                lengths[i] = new LengthAnswer(query, capability && context.Type(query.Class) is { } type ? SingleLength(type, query.Factory) : 0);
            }
            var catalogs = new List<CatalogSpec>();
            foreach (CatalogQuery query in queries.Catalogs)
            {
                if (byName.TryGetValue((query.AttributeKey, query.AttributeName), out NameAnswer? attribute) && attribute.Attribute == AttributeRole.DeviceCatalog
                    && context.Type(query.Class) is { } type && CatalogReader.Read(type, query.IsPartial, cancellationToken) is { } catalog)
                {
                    catalogs.Add(catalog);
                }
            }
            return new Resolution(new EquatableArray<NameAnswer>(names), new EquatableArray<ConstantAnswer>(constants),
                new EquatableArray<InheritedAnswer>(inherited), new EquatableArray<LengthAnswer>(lengths), new EquatableArray<CatalogSpec>(catalogs));
        }

        /// <summary>Per-run caches: the compilation's types and semantic models.</summary>
        private sealed class Context
        {
            private readonly Dictionary<string, INamedTypeSymbol?> _types = new();
            private readonly Dictionary<SyntaxTree, SemanticModel> _models = new();

            public Context(Compilation compilation) => Compilation = compilation;

            public Compilation Compilation { get; }

            public INamedTypeSymbol? Type(string metadataName)
            {
                if (!_types.TryGetValue(metadataName, out INamedTypeSymbol? type)) _types.Add(metadataName, type = Compilation.GetTypeByMetadataName(metadataName));
                return type;
            }

            public SemanticModel Model(SyntaxTree tree)
            {
                if (!_models.TryGetValue(tree, out SemanticModel? model)) _models.Add(tree, model = Compilation.GetSemanticModel(tree));
                return model;
            }

            /// <summary>The syntax tree of the class's declaration in <paramref name="filePath"/> that contains <paramref name="position"/>.</summary>
            public SyntaxTree? Tree(string className, string filePath, int position, CancellationToken cancellationToken)
            {
                if (Type(className) is { } type)
                {
                    foreach (SyntaxReference reference in type.DeclaringSyntaxReferences)
                    {
                        if (reference.SyntaxTree.FilePath == filePath && reference.Span.Start <= position && position <= reference.Span.End) return reference.SyntaxTree;
                    }
                }
                foreach (SyntaxTree tree in Compilation.SyntaxTrees)
                {
                    if (tree.FilePath == filePath && position <= tree.Length) return tree;
                }
                return null;
            }
        }

        private static NameAnswer ResolveName(Context context, NameQuery query, CancellationToken cancellationToken)
        {
            var none = new NameAnswer(query.Key, query.Text, null, AttributeRole.Other, null, false);
            if (context.Tree(query.Class, query.FilePath, query.Position, cancellationToken) is not { } tree) return none;
            SemanticModel model = context.Model(tree);
            switch (query.Role)
            {
                case NameRole.Type:
                    return BindType(model, query.Position, query.Text) is { } type ? none with { Type = TypeFacts.Of(type) } : none;
                case NameRole.Base:
                    if (BindType(model, query.Position, query.Text) is not INamedTypeSymbol baseType) return none;
                    if (baseType.TypeKind == TypeKind.Interface) baseType = context.Compilation.GetSpecialType(SpecialType.System_Object);
                    return none with { FullyQualified = baseType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat), HidesDescriptor = HidesDescriptor(baseType) };
                default:
                    if (BindAttribute(model, query.Position, query.Text) is not { } attribute) return none;
                    return none with { Attribute = RoleOf(attribute), FullyQualified = attribute.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) };
            }
        }

        private static ITypeSymbol? BindType(SemanticModel model, int position, string text)
        {
            TypeSyntax syntax = SyntaxFactory.ParseTypeName(text);
            ITypeSymbol? type = model.GetSpeculativeTypeInfo(position, syntax, SpeculativeBindingOption.BindAsTypeOrNamespace).Type;
            return type is null || type.TypeKind == TypeKind.Error ? null : type;
        }

        /// <summary>An attribute name as C# resolves it: <c>X</c> is <c>XAttribute</c> or <c>X</c>, whichever is an attribute class.</summary>
        private static INamedTypeSymbol? BindAttribute(SemanticModel model, int position, string text)
        {
            foreach (string candidate in new[] { text + "Attribute", text })
            {
                if (BindType(model, position, candidate) is INamedTypeSymbol type && IsAttribute(type)) return type;
            }
            return null;
        }

        private static bool IsAttribute(INamedTypeSymbol type)
        {
            for (INamedTypeSymbol? current = type; current is not null; current = current.BaseType)
            {
                if (current is { Name: "Attribute", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } }) return true;
            }
            return false;
        }

        private static AttributeRole RoleOf(INamedTypeSymbol attribute)
        {
            if (AttributeNames.IsDeviceModelType(attribute, AttributeNames.Device)) return AttributeRole.Device;
            if (AttributeNames.IsDeviceModelType(attribute, AttributeNames.ConfigOption)) return AttributeRole.ConfigOption;
            if (AttributeNames.IsDeviceModelType(attribute, AttributeNames.CompatHint)) return AttributeRole.CompatHint;
            if (AttributeNames.IsDeviceModelType(attribute, AttributeNames.PciCapability)) return AttributeRole.PciCapability;
            if (AttributeNames.IsDeviceModelType(attribute, AttributeNames.PciExtendedCapability)) return AttributeRole.PciExtendedCapability;
            if (AttributeNames.IsDeviceModelType(attribute, AttributeNames.DeviceCatalog)) return AttributeRole.DeviceCatalog;
            if (AttributeNames.IsDeviceModelType(attribute, AttributeNames.OptionGroup)) return AttributeRole.OptionGroup;
            if (AttributeNames.IsDeviceModelType(attribute, AttributeNames.IncludeOptions)) return AttributeRole.IncludeOptions;
            for (INamedTypeSymbol? current = attribute.BaseType; current is not null; current = current.BaseType)
            {
                if (AttributeNames.IsDeviceModelType(current, "OptionRuleAttribute")) return AttributeRole.OptionRule;
                if (AttributeNames.IsDeviceModelType(current, "DeviceRuleAttribute")) return AttributeRole.DeviceRule;
            }
            return AttributeRole.Other;
        }

        /// <summary>A concrete base has a <c>Descriptor</c>: declared (metadata), or generated for its <c>[Device]</c> in this compilation.</summary>
        private static bool HidesDescriptor(INamedTypeSymbol baseType)
        {
            for (INamedTypeSymbol? b = baseType; b is not null; b = b.BaseType)
            {
                if (!b.IsAbstract && (!b.GetMembers("Descriptor").IsEmpty || AttributeNames.Has(b, AttributeNames.Device))) return true;
            }
            return false;
        }

        /// <summary>An enum member's value from the enum's facts, without binding; null when the argument is not one.</summary>
        private static ConstantValue? EnumMember(Dictionary<(string, string), NameAnswer> names, ConstantQuery query)
        {
            if (query.TypeKey is null || query.TypeText is null || !names.TryGetValue((query.TypeKey, query.TypeText), out NameAnswer? answer)) return null;
            if (answer.Type is not { IsEnum: true } type) return null;
            foreach (EnumField field in type.EnumFields)
            {
                if (field.Name == query.Member) return new ConstantValue(type.EnumValues[field.ValueIndex].Value, type.FullyQualified);
            }
            return null;
        }

        private static ConstantValue? EvaluateConstant(Context context, ConstantQuery query, CancellationToken cancellationToken)
        {
            if (context.Tree(query.Class, query.FilePath, query.SpanStart, cancellationToken) is not { } tree) return null;
            SyntaxNode root = tree.GetRoot(cancellationToken);
            if (query.SpanStart >= root.FullSpan.End) return null;
            for (SyntaxNode? node = root.FindToken(query.SpanStart).Parent; node is not null && node.SpanStart == query.SpanStart; node = node.Parent)
            {
                if (node is not ExpressionSyntax expression || node.Parent is not AttributeArgumentSyntax) continue;
                SemanticModel model = context.Model(tree);
                Optional<object?> constant = model.GetConstantValue(expression, cancellationToken);
                if (!constant.HasValue) return Array(model.GetOperation(expression, cancellationToken));
                ITypeSymbol? type = model.GetTypeInfo(expression, cancellationToken).Type;
                return new ConstantValue(constant.Value, type?.TypeKind == TypeKind.Enum ? type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) : null);
            }
            return null;
        }

        /// <summary>
        /// An argument without a constant value that an attribute may still take — an array of constants and
        /// <c>typeof</c>s (<c>new[] { 1, 2 }</c>, <c>new object[] { 1, "a" }</c>) or a <c>typeof</c> — as the C# expression that
        /// creates it; null for anything else (an array nested in an array). The symbol front end's test on the
        /// argument's value (<c>OptionReader</c>) accepts the same arguments.
        /// </summary>
        private static ConstantValue? Array(IOperation? operation)
        {
            while (operation is IConversionOperation conversion) operation = conversion.Operand;
            if (operation is ITypeOfOperation typeOf) return new ConstantValue(null, null, IsArray: true, Code: TypeOf(typeOf));
            if (operation is not IArrayCreationOperation { Type: IArrayTypeSymbol { Rank: 1 } type, Initializer: { } initializer }) return null;
            string elementType = type.ElementType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
            var elements = new List<string>();
            foreach (IOperation element in initializer.ElementValues)
            {
                // A boxing conversion (an object[] element) has no constant value: its operand has.
                IOperation value = element;
                while (value is IConversionOperation { ConstantValue.HasValue: false } boxing) value = boxing.Operand;
                if (value is ITypeOfOperation elementTypeOf)
                {
                    elements.Add(TypeOf(elementTypeOf));
                    continue;
                }
                if (!value.ConstantValue.HasValue) return null;
                object? constant = value.ConstantValue.Value;
                string text = constant is null ? "null" : SymbolDisplay.FormatPrimitive(constant, quoteStrings: true, useHexadecimalNumbers: false);
                elements.Add(constant is not null && value.Type is { TypeKind: TypeKind.Enum } enumType
                    ? "(" + enumType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) + ")(" + text + ")"
                    : text);
            }
            return new ConstantValue(null, null, IsArray: true, Code: "new " + elementType + "[] { " + string.Join(", ", elements) + " }");
        }

        private static string TypeOf(ITypeOfOperation typeOf) => "typeof(" + typeOf.TypeOperand.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) + ")";

        private static InheritedAnswer ResolveInherited(Context context, InheritedQuery query)
        {
            if (context.Type(query.Class) is not { } type) return new InheritedAnswer(query, null);
            OptionDeclaration? option = null;
            if (query.ByProperty)
            {
                foreach (ISymbol member in type.GetMembers(query.Name))
                {
                    if (member is IPropertySymbol { IsStatic: false, IsIndexer: false } property && OptionReader.Read(property) is { } read) { option = read; break; }
                }
            }
            else if (type.BaseType is { } baseType)
            {
                option = FindInherited(baseType, query.Name);
            }
            return new InheritedAnswer(query, option?.Target);
        }

        /// <summary>The nearest declaration of option <paramref name="name"/> in <paramref name="type"/>'s chain, or null.</summary>
        private static OptionDeclaration? FindInherited(INamedTypeSymbol type, string name)
        {
            for (INamedTypeSymbol? current = type; current is not null; current = current.BaseType)
            {
                foreach (ISymbol member in current.GetMembers())
                {
                    // The name first: only the declaration found is read.
                    if (member is IPropertySymbol { IsStatic: false, IsIndexer: false } property
                        && AttributeNames.Find(property, AttributeNames.ConfigOption) is { ConstructorArguments.Length: 1 } attribute
                        && attribute.ConstructorArguments[0].Value as string == name
                        && OptionReader.Read(property) is { OwnsAttribute: true } option)
                    {
                        return option;
                    }
                }
            }
            return null;
        }

        /// <summary>
        /// The length a capability factory's return type declares with <c>[CapabilityLength]</c> when it has exactly one
        /// (so the attribute need not repeat it); 0 when unknown (DM0012 checks a declared length against the list).
        /// </summary>
        private static int SingleLength(INamedTypeSymbol type, string factory)
        {
            for (INamedTypeSymbol? current = type; current is not null; current = current.BaseType)
            {
                foreach (ISymbol member in current.GetMembers(factory))
                {
                    if (member is not IMethodSymbol { Parameters.IsEmpty: true } method) continue;
                    foreach (AttributeData attribute in method.ReturnType.GetAttributes())
                    {
                        if (attribute.AttributeClass is { Name: "CapabilityLengthAttribute" } && attribute.ConstructorArguments.Length == 1
                            && attribute.ConstructorArguments[0].Values is { Length: 1 } lengths && lengths[0].Value is int length)
                        {
                            return length;
                        }
                    }
                    return 0;
                }
            }
            return 0;
        }

        internal static string Invariant(object value) => System.Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
    }
}
