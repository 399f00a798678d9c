using System;
using System.Collections.Generic;
using System.Text;

namespace DeviceModel.Fuzz.Campaigns
{
    /// <summary>Text and byte mutations: edits, dictionary tokens, splices, long runs, truncations and bit flips.</summary>
    public static class Mutator
    {
        private const string Interesting = ",=.:-_x019afkMGTE\"{}[]\\ \n\t\r\u00e9\u20ac\ud83d\ude00\ud800\udc00\0\u001b\u007f\ufeff";

        /// <summary>One to <paramref name="maxEdits"/> edits of <paramref name="text"/>.</summary>
        public static string Mutate(Random random, string text, IReadOnlyList<string> dictionary, IReadOnlyList<string> seeds, int maxEdits = 4)
        {
            var sb = new StringBuilder(text);
            int edits = 1 + random.Next(maxEdits);
            for (int n = 0; n < edits; n++)
            {
                int at = random.Next(sb.Length + 1);
                switch (random.Next(10))
                {
                    case 0: if (sb.Length > 0) sb.Remove(Math.Min(at, sb.Length - 1), Math.Min(1 + random.Next(8), sb.Length - Math.Min(at, sb.Length - 1))); break;
                    case 1: sb.Insert(at, Interesting[random.Next(Interesting.Length)]); break;
                    case 2: if (sb.Length > 0) sb[Math.Min(at, sb.Length - 1)] = Interesting[random.Next(Interesting.Length)]; break;
                    case 3: case 4: sb.Insert(at, dictionary[random.Next(dictionary.Count)]); break;
                    case 5: sb.Insert(at, Run(random)); break;
                    case 6:
                        {
                            // Duplicate a span (repeated options, doubled separators).
                            if (sb.Length == 0) break;
                            int start = random.Next(sb.Length), length = 1 + random.Next(Math.Min(32, sb.Length - start));
                            string span = sb.ToString(start, length);
                            int times = 1 + random.Next(random.Next(8) == 0 ? 400 : 3);
                            for (int t = 0; t < times; t++) sb.Insert(at, span);
                            break;
                        }
                    case 7:
                        {
                            // Splice: this text's head with another seed's tail.
                            string other = seeds[random.Next(seeds.Count)];
                            sb.Length = Math.Min(at, sb.Length);
                            int from = random.Next(other.Length + 1);
                            sb.Append(other, from, other.Length - from);
                            break;
                        }
                    case 8: if (random.Next(4) == 0) sb.Length = Math.Min(at, sb.Length); break;
                    default: sb.Insert(at, Number(random)); break;
                }
            }
            return sb.ToString();
        }

        /// <summary>A run of one character, sometimes across a format limit (255, 256, 4096, 4097, 65536 …).</summary>
        public static string Run(Random random)
        {
            int[] lengths = { 1, 2, 63, 64, 255, 256, 257, 1023, 1024, 4095, 4096, 4097, 65535, 65536 };
            int length = random.Next(3) == 0 ? lengths[random.Next(lengths.Length)] : random.Next(40);
            char c = random.Next(3) == 0 ? Interesting[random.Next(Interesting.Length)] : (char)('a' + random.Next(26));
            return new string(c, length);
        }

        /// <summary>A number near a type boundary, in decimal or hex, sometimes with a size suffix.</summary>
        public static string Number(Random random)
        {
            string[] numbers =
            {
                "0", "-0", "1", "-1", "127", "128", "255", "256", "-128", "-129", "32767", "32768", "65535", "65536", "-32769",
                "2147483647", "2147483648", "-2147483648", "-2147483649", "4294967295", "4294967296",
                "9223372036854775807", "9223372036854775808", "-9223372036854775808", "-9223372036854775809",
                "18446744073709551615", "18446744073709551616", "0x", "0x0", "0xff", "0xffffffff", "0x100000000", "0xffffffffffffffff",
                "0x10000000000000000", "00", "1e3", "1.5", "1e309", "-1e309", "NaN", "0.0000001", "16E", "17E", "1T", "1.5k", "8G",
            };
            return numbers[random.Next(numbers.Length)];
        }

        /// <summary>One to <paramref name="maxEdits"/> byte edits: bit flips, interesting values, inserts, deletes, duplicates.</summary>
        public static byte[] MutateBytes(Random random, byte[] data, int maxEdits = 4)
        {
            var bytes = new List<byte>(data);
            int edits = 1 + random.Next(maxEdits);
            for (int n = 0; n < edits; n++)
            {
                int at = random.Next(bytes.Count + 1);
                int inside = bytes.Count == 0 ? -1 : Math.Min(at, bytes.Count - 1);
                switch (random.Next(7))
                {
                    case 0: case 1: if (inside >= 0) bytes[inside] ^= (byte)(1 << random.Next(8)); break;
                    case 2: if (inside >= 0) bytes[inside] = InterestingByte(random); break;
                    case 3: bytes.Insert(at, InterestingByte(random)); break;
                    case 4: if (inside >= 0) bytes.RemoveRange(inside, Math.Min(1 + random.Next(16), bytes.Count - inside)); break;
                    case 5:
                        {
                            if (inside < 0) break;
                            int length = 1 + random.Next(Math.Min(64, bytes.Count - inside));
                            bytes.InsertRange(at, bytes.GetRange(inside, length));
                            break;
                        }
                    default:
                        {
                            // A little-endian 16/32-bit boundary value (lengths and counts).
                            if (inside < 0) break;
                            uint value = random.Next(6) switch { 0 => 0, 1 => 0xff, 2 => 0x100, 3 => 0xffff, 4 => 0x10000, _ => uint.MaxValue };
                            for (int i = 0; i < 1 + random.Next(4) && inside + i < bytes.Count; i++) bytes[inside + i] = (byte)(value >> (8 * i));
                            break;
                        }
                }
            }
            return bytes.ToArray();
        }

        private static byte InterestingByte(Random random) =>
            random.Next(3) == 0 ? (byte)random.Next(256) : new byte[] { 0, 1, 0x7f, 0x80, 0xff, 0xfe, 0xc0, 0xe0, 0xf0, 0x1b, (byte)'"', (byte)',' }[random.Next(12)];
    }
}
