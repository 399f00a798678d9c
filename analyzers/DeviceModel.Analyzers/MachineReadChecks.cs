using System;
using System.Collections.Generic;
using DeviceModel.Analyzers.Model;
using DeviceModel.Declarations;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace DeviceModel.Analyzers
{
    /// <summary>
    /// DM0021: code in a type deriving from <c>DeviceModel.Device</c> that depends on the machine type or its version:
    /// it reads a member of <c>MachineType</c>, <c>MachineVersion</c>, <c>MachineCatalog</c> or <c>MachineFamily</c>,
    /// a member of another type that returns one of them (<c>RealizeContext.Machine</c>, <c>CompatEntry.Since</c>), creates
    /// or parses a version, or compares a string with a machine version or machine name literal. Histories belong in
    /// <c>[CompatHint]</c>, machine types in <c>[MachineFamily]</c>; device code derives values from options, the bus and
    /// the vCPU count only. Only device types' operations are visited, so other code pays nothing.
    /// </summary>
    internal sealed class MachineReadChecks
    {
        private static readonly OperationKind[] Kinds =
        {
            OperationKind.PropertyReference, OperationKind.FieldReference, OperationKind.MethodReference, OperationKind.Invocation,
            OperationKind.ObjectCreation, OperationKind.Binary, OperationKind.ConstantPattern,
        };

        private static readonly HashSet<string> StringComparisons = new(StringComparer.Ordinal)
        {
            "Equals", "Compare", "CompareOrdinal", "CompareTo", "StartsWith", "EndsWith", "Contains", "IndexOf",
        };

        private readonly INamedTypeSymbol _device;
        private readonly HashSet<INamedTypeSymbol> _machineTypes;
        private readonly CompilationState _state;
        private readonly Lazy<HashSet<string>> _machineNames;

        private MachineReadChecks(INamedTypeSymbol device, HashSet<INamedTypeSymbol> machineTypes, CompilationState state)
        {
            _device = device;
            _machineTypes = machineTypes;
            _state = state;
            // Read only when device code compares a string with a literal, at most once per compilation.
            _machineNames = new Lazy<HashSet<string>>(ReadMachineNames, System.Threading.LazyThreadSafetyMode.ExecutionAndPublication);
        }

        /// <param name="deviceModel">The assembly that declares DeviceModel's types.</param>
        public static void Register(CompilationStartAnalysisContext context, CompilationState state, IAssemblySymbol deviceModel)
        {
            if (deviceModel.GetTypeByMetadataName("DeviceModel.Device") is not { } device) return;
            var machineTypes = new HashSet<INamedTypeSymbol>(SymbolEqualityComparer.Default);
            foreach (string name in new[] { "DeviceModel.MachineType", "DeviceModel.MachineVersion", "DeviceModel.MachineCatalog", "DeviceModel.MachineFamily" })
            {
                if (deviceModel.GetTypeByMetadataName(name) is { } type) machineTypes.Add(type);
            }
            var checks = new MachineReadChecks(device, machineTypes, state);
            context.RegisterSymbolStartAction(start =>
            {
                if (start.Symbol is INamedTypeSymbol type && checks.IsDevice(type)) start.RegisterOperationAction(checks.Analyze, Kinds);
            }, SymbolKind.NamedType);
        }

        private bool IsDevice(INamedTypeSymbol type)
        {
            for (INamedTypeSymbol? current = type.BaseType; current is not null; current = current.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(current, _device)) return true;
            }
            return false;
        }

        private void Analyze(OperationAnalysisContext context)
        {
            IOperation operation = context.Operation;
            string? what = operation switch
            {
                IBinaryOperation binary => BinaryProblem(binary),
                IConstantPatternOperation pattern => Reads(PatternInput(pattern)) ? null : LiteralProblem(pattern.Value),
                IInvocationOperation invocation => Reads(invocation) && !Reads(invocation.Instance) ? Describe(invocation.TargetMethod) : StringComparisonProblem(invocation),
                _ => Reads(operation) && !Reads(Instance(operation)) ? Describe(operation) : null,
            };
            if (what is null || InAttributeOrNameof(operation)) return;
            string device = context.ContainingSymbol.ContainingType?.Name ?? context.ContainingSymbol.Name;
            context.ReportDiagnostic(Diagnostic.Create(_state.HelpLinks.For(Descriptors.MachineRead), operation.Syntax.GetLocation(), device, what));
        }

        /// <summary>Whether the operation itself reads, creates or compares a machine type, version or catalog (conversions looked through).</summary>
        private bool Reads(IOperation? operation)
        {
            while (operation is IConversionOperation conversion) operation = conversion.Operand;
            return operation switch
            {
                IPropertyReferenceOperation p => IsMachine(p.Property.ContainingType) || IsMachine(p.Property.Type),
                IFieldReferenceOperation f => IsMachine(f.Field.ContainingType) || IsMachine(f.Field.Type),
                IMethodReferenceOperation m => IsMachine(m.Method.ContainingType) || IsMachine(m.Method.ReturnType),
                IInvocationOperation i => IsMachine(i.TargetMethod.ContainingType) || IsMachine(i.TargetMethod.ReturnType),
                IObjectCreationOperation o => IsMachine(o.Type),
                IBinaryOperation b => b.OperatorMethod is { } method && IsMachine(method.ContainingType),
                _ => false,
            };
        }

        private bool IsMachine(ITypeSymbol? type)
        {
            if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable) type = nullable.TypeArguments[0];
            return type is INamedTypeSymbol named && _machineTypes.Contains(named.OriginalDefinition);
        }

        /// <summary>The value a pattern is matched against (<c>x is "…"</c>, <c>switch (x) { case "…": }</c>, <c>x switch { "…" => }</c>).</summary>
        private static IOperation? PatternInput(IOperation pattern)
        {
            for (IOperation? current = pattern.Parent; current is not null; current = current.Parent)
            {
                switch (current)
                {
                    case IIsPatternOperation isPattern: return isPattern.Value;
                    case ISwitchExpressionOperation expression: return expression.Value;
                    case ISwitchOperation statement: return statement.Value;
                }
            }
            return null;
        }

        private static IOperation? Instance(IOperation operation) => operation switch
        {
            IMemberReferenceOperation member => member.Instance,
            _ => null,
        };

        private string Describe(IOperation operation) => operation switch
        {
            IPropertyReferenceOperation p => "reads " + p.Property.ContainingType.Name + "." + p.Property.Name,
            IFieldReferenceOperation f => "reads " + f.Field.ContainingType.Name + "." + f.Field.Name,
            IMethodReferenceOperation m => "uses " + m.Method.ContainingType.Name + "." + m.Method.Name,
            IObjectCreationOperation o => "creates a " + o.Type?.Name,
            _ => "compares machine versions",
        };

        private static string Describe(IMethodSymbol method) => "calls " + method.ContainingType.Name + "." + method.Name;

        private string? BinaryProblem(IBinaryOperation binary)
        {
            if (Reads(binary)) return Reads(binary.LeftOperand) || Reads(binary.RightOperand) ? null : "compares machine versions";
            // A string read from the machine (context.Machine.Name == "…") is reported where it is read.
            if (binary.OperatorKind is not (BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals) || Reads(binary.LeftOperand) || Reads(binary.RightOperand)) return null;
            return LiteralProblem(binary.LeftOperand) ?? LiteralProblem(binary.RightOperand);
        }

        private string? StringComparisonProblem(IInvocationOperation invocation)
        {
            IMethodSymbol method = invocation.TargetMethod;
            if (method.ContainingType.SpecialType != SpecialType.System_String || !StringComparisons.Contains(method.Name)) return null;
            var operands = new List<IOperation>(invocation.Arguments.Length + 1);
            if (invocation.Instance is { } instance) operands.Add(instance);
            foreach (IArgumentOperation argument in invocation.Arguments) operands.Add(argument.Value);
            string? problem = null;
            foreach (IOperation operand in operands)
            {
                if (Reads(operand)) return null;
                problem ??= LiteralProblem(operand);
            }
            return problem;
        }

        /// <summary>What a string constant compared with is, when it is a machine version or a machine name.</summary>
        private string? LiteralProblem(IOperation operand)
        {
            if (operand.ConstantValue is not { HasValue: true, Value: string text }) return null;
            if (MachineVersion.TryParse(text.AsSpan(), out _)) return "compares with the machine version \"" + text + "\"";
            return IsMachineName(text) ? "compares with the machine name \"" + text + "\"" : null;
        }

        /// <summary>
        /// A declared <c>[MachineFamily]</c> name or alias, one of them followed by '-' and a version, or any name of that
        /// shape (<c>acme-board-2.1</c>): the machine names a product's <c>-machine</c> accepts.
        /// </summary>
        private bool IsMachineName(string text)
        {
            if (_machineNames.Value.Contains(text)) return true;
            int dash = text.LastIndexOf('-');
            return dash > 0 && MachineVersion.TryParse(text.AsSpan(dash + 1), out _);
        }

        private HashSet<string> ReadMachineNames()
        {
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (AttributeData family in _state.Product.Families)
            {
                if (family.ConstructorArguments.Length > 0 && family.ConstructorArguments[0].Value is string name) names.Add(name);
                if (AttributeNames.NamedString(family, "Alias") is { } alias) names.Add(alias);
            }
            return names;
        }

        private static bool InAttributeOrNameof(IOperation operation)
        {
            for (IOperation? current = operation.Parent; current is not null; current = current.Parent)
            {
                if (current is INameOfOperation) return true;
            }
            for (SyntaxNode? node = operation.Syntax; node is not null; node = node.Parent)
            {
                if (node is AttributeSyntax) return true;
                if (node is MemberDeclarationSyntax) return false;
            }
            return false;
        }
    }
}
