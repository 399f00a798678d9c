using System;
using System.Globalization;

namespace DeviceModel
{
    /// <summary>
    /// A rule's <c>When</c> condition, parsed once per attribute instance: a disjunction (<c>|</c>) of conjunctions
    /// (<c>&amp;</c>) of option names, each optionally negated (<c>!</c>).
    /// </summary>
    internal sealed class OptionCondition
    {
        private readonly (string Name, bool Negated)[][] _anyOf;

        private OptionCondition((string Name, bool Negated)[][] anyOf) => _anyOf = anyOf;

        /// <exception cref="ArgumentException">The text is not a condition.</exception>
        public static OptionCondition Parse(string text)
        {
            string[] terms = text.Split('|');
            var anyOf = new (string, bool)[terms.Length][];
            for (int t = 0; t < terms.Length; t++)
            {
                string[] factors = terms[t].Split('&');
                anyOf[t] = new (string, bool)[factors.Length];
                for (int f = 0; f < factors.Length; f++)
                {
                    string factor = factors[f].Trim();
                    bool negated = factor.StartsWith('!');
                    string name = negated ? factor.Substring(1).Trim() : factor;
                    if (name.Length == 0) throw new ArgumentException("rule condition '" + text + "': an option name is missing", nameof(text));
                    anyOf[t][f] = (name, negated);
                }
            }
            return new OptionCondition(anyOf);
        }

        /// <summary>The option names the condition reads.</summary>
        public System.Collections.Generic.IEnumerable<string> Names
        {
            get
            {
                foreach ((string Name, bool Negated)[] all in _anyOf)
                {
                    foreach ((string name, _) in all) yield return name;
                }
            }
        }

        public bool Holds(Device device)
        {
            foreach ((string Name, bool Negated)[] all in _anyOf)
            {
                bool holds = true;
                foreach ((string name, bool negated) in all)
                {
                    if (RuleValues.IsSet(device, RuleValues.IndexOf(device, name)) == negated)
                    {
                        holds = false;
                        break;
                    }
                }
                if (holds) return true;
            }
            return false;
        }
    }

    /// <summary>What the declarative rules share: option lookup, "set", integer comparison and messages.</summary>
    internal static class RuleValues
    {
        /// <exception cref="InvalidOperationException">The device type has no such option (a rule names a wrong one).</exception>
        public static int IndexOf(Device device, string name)
        {
            int index = device.Info.IndexOf(name);
            return index >= 0 ? index : throw new InvalidOperationException(device.Info.Name + " has no option '" + name + "', which a declared rule names");
        }

        /// <summary>Unset: a nullable option without a value, or an option still auto.</summary>
        public static bool IsUnset(in OptionValue value) => value.IsNull || value.IsAuto;

        /// <summary>Set: true, on, a non-empty string, or any other value that differs from the current default.</summary>
        public static bool IsSet(Device device, int index)
        {
            OptionValue value = device.GetOption(index);
            if (IsUnset(value)) return false;
            OptionInfo option = device.Info.Options[index];
            return option.Kind switch
            {
                OptionKind.Bool => value.Bool,
                OptionKind.OnOffAuto => value.Bits == (ulong)OnOffAuto.On,
                OptionKind.String => !string.IsNullOrEmpty(value.Text),
                _ => value != option.Default,
            };
        }

        /// <summary>Compares an integer value of <paramref name="kind"/> with a signed bound.</summary>
        public static int Compare(OptionKind kind, ulong bits, long bound)
        {
            if (ValueSyntax.IsSigned(kind)) return unchecked((long)bits).CompareTo(bound);
            return bound < 0 ? 1 : bits.CompareTo((ulong)bound);
        }

        /// <summary>An integer-like value of the option's kind (bool: non-zero is true).</summary>
        public static OptionValue Integer(OptionInfo option, long value) => option.Kind switch
        {
            OptionKind.Bool => OptionValue.FromBool(value != 0),
            OptionKind.OnOffAuto => OptionValue.FromOnOffAuto((OnOffAuto)value),
            _ => OptionValue.FromInteger(option.Kind, unchecked((ulong)value)),
        };

        /// <summary>A rule type's name without "Attribute", for docs.</summary>
        public static string TypeName(object rule)
        {
            string name = rule.GetType().Name;
            return name.EndsWith("Attribute", StringComparison.Ordinal) ? name[..^"Attribute".Length] : name;
        }

        /// <summary>An integer constant in the option's syntax (a size as 4G, a bool as on/off), for docs.</summary>
        public static string Text(OptionInfo option, long value) => IsNumeric(option.Kind) || option.Kind is OptionKind.Bool or OptionKind.OnOffAuto
            ? Integer(option, value).ToString()
            : value.ToString(CultureInfo.InvariantCulture);

        /// <summary>Whether the option holds an integer value rules can compute with.</summary>
        public static bool IsNumeric(OptionKind kind) => ValueSyntax.IsInteger(kind);

        /// <summary>Fills a message template: <c>{option}</c>, <c>{value}</c> (sizes in bytes, as QEMU prints them), <c>{other}</c>, <c>{bound}</c>.</summary>
        public static string Format(string template, OptionInfo option, in OptionValue value, string? other = null, long bound = 0) =>
            template.Replace("{option}", option.Name, StringComparison.Ordinal)
                .Replace("{value}", value.Kind == OptionKind.Size ? value.Bits.ToString(CultureInfo.InvariantCulture) : value.ToString(), StringComparison.Ordinal)
                .Replace("{other}", other, StringComparison.Ordinal)
                .Replace("{bound}", bound.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }
}
