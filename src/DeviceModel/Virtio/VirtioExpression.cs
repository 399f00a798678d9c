using System;
using System.Collections.Generic;
using System.Globalization;

namespace DeviceModel.Virtio
{
    /// <summary>
    /// An integer expression of the virtio declarations (a queue's size or count, a device config field's value), parsed
    /// once per attribute instance. Operands are integer literals (decimal or <c>0x</c> hex), option names and backend
    /// input names; operators <c>+ - * / %</c>, comparisons <c>== != &lt; &lt;= &gt; &gt;=</c> and <c>&amp;&amp; ||</c> (1 or 0), <c>!</c> (not),
    /// <c>c ? a : b</c> (non-zero c), parentheses and the functions <c>log2(x)</c>, <c>min(a, b)</c>, <c>max(a, b)</c>.
    /// Option names may contain <c>-</c> (<c>queue-size</c>), so a binary minus needs a space before it
    /// (<c>queue-size - 2</c>). <c>OPTION.length</c> is a string option's length in UTF-8 bytes (0 unset). An option's value: a bool or on/off is 1 or 0, a string 1 when non-empty, a MAC address its
    /// 48 bits, an on/off/auto option 1, 0 or -1 (auto), any other unset or auto option 0.
    /// </summary>
    internal sealed class VirtioExpression
    {
        private readonly Node _root;

        private VirtioExpression(string text, Node root, string[] names)
        {
            Text = text;
            _root = root;
            Names = names;
        }

        /// <summary>The expression as declared.</summary>
        public string Text { get; }

        /// <summary>Every name the expression reads (options or backend inputs), in order of appearance.</summary>
        public string[] Names { get; }

        /// <summary>The value, with <paramref name="resolve"/> giving each name's.</summary>
        public long Evaluate(Func<string, long> resolve) => _root.Evaluate(resolve);

        /// <exception cref="ArgumentException">The text is not an expression (the message gives the column).</exception>
        public static VirtioExpression Parse(string text)
        {
            ArgumentNullException.ThrowIfNull(text);
            var parser = new Parser(text);
            Node root = parser.Expression();
            parser.SkipSpace();
            if (parser.Position < text.Length) throw parser.Error("unexpected '" + text[parser.Position] + "'");
            return new VirtioExpression(text, root, parser.Names.ToArray());
        }

        private abstract class Node
        {
            public abstract long Evaluate(Func<string, long> resolve);
        }

        private sealed class Constant(long value) : Node
        {
            public override long Evaluate(Func<string, long> resolve) => value;
        }

        private sealed class Name(string name) : Node
        {
            public override long Evaluate(Func<string, long> resolve) => resolve(name);
        }

        private sealed class Unary(char op, Node operand) : Node
        {
            public override long Evaluate(Func<string, long> resolve)
            {
                long v = operand.Evaluate(resolve);
                return op == '-' ? unchecked(-v) : v == 0 ? 1 : 0;
            }
        }

        private sealed class Binary(string op, Node left, Node right) : Node
        {
            public override long Evaluate(Func<string, long> resolve)
            {
                long a = left.Evaluate(resolve), b = right.Evaluate(resolve);
                return op switch
                {
                    "+" => unchecked(a + b),
                    "-" => unchecked(a - b),
                    "*" => unchecked(a * b),
                    "/" => b == 0 ? 0 : a / b,
                    "%" => b == 0 ? 0 : a % b,
                    "==" => a == b ? 1 : 0,
                    "!=" => a != b ? 1 : 0,
                    "<" => a < b ? 1 : 0,
                    "<=" => a <= b ? 1 : 0,
                    ">" => a > b ? 1 : 0,
                    "&&" => a != 0 && b != 0 ? 1 : 0,
                    "||" => a != 0 || b != 0 ? 1 : 0,
                    _ => a >= b ? 1 : 0,
                };
            }
        }

        private sealed class Conditional(Node condition, Node then, Node otherwise) : Node
        {
            public override long Evaluate(Func<string, long> resolve) => condition.Evaluate(resolve) != 0 ? then.Evaluate(resolve) : otherwise.Evaluate(resolve);
        }

        private sealed class Call(string function, Node[] arguments) : Node
        {
            public override long Evaluate(Func<string, long> resolve)
            {
                long a = arguments[0].Evaluate(resolve);
                return function switch
                {
                    "log2" => a <= 0 ? 0 : 63 - System.Numerics.BitOperations.LeadingZeroCount((ulong)a),
                    "min" => Math.Min(a, arguments[1].Evaluate(resolve)),
                    _ => Math.Max(a, arguments[1].Evaluate(resolve)),
                };
            }
        }

        private sealed class Parser(string text)
        {
            public int Position;
            public readonly List<string> Names = [];

            public ArgumentException Error(string what) =>
                new("expression '" + text + "', column " + (Position + 1).ToString(CultureInfo.InvariantCulture) + ": " + what, nameof(text));

            public void SkipSpace()
            {
                while (Position < text.Length && text[Position] == ' ') Position++;
            }

            private bool Take(string token)
            {
                SkipSpace();
                if (string.CompareOrdinal(text, Position, token, 0, token.Length) != 0) return false;
                // "<" must not take the first half of "<=", "!" not that of "!=".
                if (token.Length == 1 && Position + 1 < text.Length && text[Position + 1] == '=' && token is "<" or ">" or "!" or "=") return false;
                Position += token.Length;
                return true;
            }

            public Node Expression()
            {
                Node condition = Disjunction();
                if (!Take("?")) return condition;
                Node then = Expression();
                if (!Take(":")) throw Error("':' of a conditional expected");
                return new Conditional(condition, then, Expression());
            }

            private Node Disjunction()
            {
                Node left = Conjunction();
                while (Take("||")) left = new Binary("||", left, Conjunction());
                return left;
            }

            private Node Conjunction()
            {
                Node left = Comparison();
                while (Take("&&")) left = new Binary("&&", left, Comparison());
                return left;
            }

            private Node Comparison()
            {
                Node left = Sum();
                foreach (string op in (ReadOnlySpan<string>)["==", "!=", "<=", ">=", "<", ">"])
                {
                    if (Take(op)) return new Binary(op, left, Sum());
                }
                return left;
            }

            private Node Sum()
            {
                Node left = Product();
                while (true)
                {
                    if (Take("+")) left = new Binary("+", left, Product());
                    else if (Take("-")) left = new Binary("-", left, Product());
                    else return left;
                }
            }

            private Node Product()
            {
                Node left = Prefix();
                while (true)
                {
                    if (Take("*")) left = new Binary("*", left, Prefix());
                    else if (Take("/")) left = new Binary("/", left, Prefix());
                    else if (Take("%")) left = new Binary("%", left, Prefix());
                    else return left;
                }
            }

            private Node Prefix()
            {
                if (Take("-")) return new Unary('-', Prefix());
                if (Take("!")) return new Unary('!', Prefix());
                return Primary();
            }

            private Node Primary()
            {
                SkipSpace();
                if (Position >= text.Length) throw Error("operand expected at the end");
                if (Take("("))
                {
                    Node inner = Expression();
                    if (!Take(")")) throw Error("')' expected");
                    return inner;
                }
                char c = text[Position];
                if (char.IsAsciiDigit(c)) return Number();
                if (!char.IsAsciiLetter(c) && c != '_') throw Error("operand expected, not '" + c + "'");
                int start = Position;
                // A name: letters, digits, '_', '.', and '-' between two name characters ("queue-size", not "a - 2").
                while (Position < text.Length && (char.IsAsciiLetterOrDigit(text[Position]) || text[Position] is '_' or '.'
                    || (text[Position] == '-' && Position + 1 < text.Length && (char.IsAsciiLetterOrDigit(text[Position + 1]) || text[Position + 1] == '_'))))
                {
                    Position++;
                }
                string name = text[start..Position];
                if (!Take("(")) {
                    Names.Add(name);
                    return new Name(name);
                }
                int arity = name switch { "log2" => 1, "min" or "max" => 2, _ => throw Error("unknown function '" + name + "' (log2, min, max)") };
                var arguments = new Node[arity];
                for (int i = 0; i < arity; i++)
                {
                    if (i > 0 && !Take(",")) throw Error(name + " takes " + arity.ToString(CultureInfo.InvariantCulture) + " arguments");
                    arguments[i] = Expression();
                }
                if (!Take(")")) throw Error("')' expected after the arguments of " + name);
                return new Call(name, arguments);
            }

            private Node Number()
            {
                int start = Position;
                bool hex = Position + 1 < text.Length && text[Position] == '0' && text[Position + 1] is 'x' or 'X';
                if (hex) Position += 2;
                while (Position < text.Length && (hex ? char.IsAsciiHexDigit(text[Position]) : char.IsAsciiDigit(text[Position]))) Position++;
                ReadOnlySpan<char> digits = text.AsSpan(hex ? start + 2 : start, Position - (hex ? start + 2 : start));
                if (!long.TryParse(digits, hex ? NumberStyles.AllowHexSpecifier : NumberStyles.None, CultureInfo.InvariantCulture, out long value))
                {
                    Position = start;
                    throw Error("integer out of range or malformed");
                }
                return new Constant(value);
            }
        }
    }
}
