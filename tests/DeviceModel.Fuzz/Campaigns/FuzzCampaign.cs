using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Text;

namespace DeviceModel.Fuzz.Campaigns
{
    /// <summary>What one input gave: a clean result, or the documented error (a <c>ParseResult</c> with errors).</summary>
    public enum FuzzOutcome
    {
        /// <summary>The input was accepted (parsed, resolved, dumped and reloaded, or served).</summary>
        Accepted,
        /// <summary>The input was refused with the entry point's documented error.</summary>
        Rejected,
    }

    /// <summary>An input that broke the contract: an exception other than the documented error, or a broken invariant.</summary>
    /// <param name="Campaign">The campaign.</param>
    /// <param name="Seed">The campaign seed.</param>
    /// <param name="Index">The input's index: (seed, index) regenerates it.</param>
    /// <param name="Input">The input, escaped and shortened for printing.</param>
    /// <param name="Failure">The exception type and message, or the broken invariant.</param>
    public sealed record FuzzFailure(string Campaign, int Seed, long Index, string Input, string Failure)
    {
        /// <inheritdoc/>
        public override string ToString() =>
            Campaign + " seed " + Seed + " input " + Index + ": " + Failure + "\n    input: " + Input;
    }

    /// <summary>Counts of one campaign run.</summary>
    /// <param name="Campaign">The campaign.</param>
    /// <param name="Seed">The seed.</param>
    /// <param name="Inputs">Inputs run.</param>
    /// <param name="Accepted">Inputs with a clean result.</param>
    /// <param name="Rejected">Inputs refused with the documented error.</param>
    /// <param name="Failures">The first unexpected outcomes, with their inputs.</param>
    /// <param name="UnexpectedCount">All unexpected outcomes.</param>
    /// <param name="UnexpectedByKind">Unexpected outcomes counted by exception type and throwing method (or invariant).</param>
    /// <param name="Elapsed">Wall time.</param>
    public sealed record FuzzResult(string Campaign, int Seed, long Inputs, long Accepted, long Rejected, IReadOnlyList<FuzzFailure> Failures, long UnexpectedCount,
        IReadOnlyDictionary<string, long> UnexpectedByKind, TimeSpan Elapsed)
    {
        /// <summary>One line: name, inputs, accepted, rejected, unexpected, time.</summary>
        public string Summary =>
            Campaign.PadRight(14) + " seed " + Seed + "  inputs " + Inputs.ToString("N0", System.Globalization.CultureInfo.InvariantCulture).PadLeft(11)
            + "  accepted " + Accepted.ToString("N0", System.Globalization.CultureInfo.InvariantCulture).PadLeft(11)
            + "  rejected " + Rejected.ToString("N0", System.Globalization.CultureInfo.InvariantCulture).PadLeft(11)
            + "  unexpected " + UnexpectedCount + "  " + Elapsed.TotalSeconds.ToString("F1", System.Globalization.CultureInfo.InvariantCulture) + " s";
    }

    /// <summary>
    /// A seeded campaign: input <c>i</c> of seed <c>s</c> is generated from its own <see cref="Random"/> seeded with
    /// (s, i), so any failure is reproduced from the two numbers alone (<c>--seed s --only i</c>).
    /// </summary>
    public abstract class FuzzCampaign
    {
        /// <summary>Failures kept with their inputs; the rest are only counted.</summary>
        public const int MaxFailuresKept = 20;

        /// <summary>The campaign's name on the command line and in reports.</summary>
        public abstract string Name { get; }

        /// <summary>Generates input <paramref name="index"/> from <paramref name="random"/> and runs it; throws
        /// <see cref="FuzzInvariantException"/> when an invariant breaks. <paramref name="describe"/> receives the
        /// input for the report before it runs.</summary>
        protected abstract FuzzOutcome RunOne(Random random, long index, out string input);

        /// <summary>Runs inputs <paramref name="first"/> … until <paramref name="inputs"/> ran or <paramref name="budget"/> elapsed.</summary>
        public FuzzResult Run(int seed, long inputs, TimeSpan? budget = null, long first = 0)
        {
            var failures = new List<FuzzFailure>();
            var byKind = new SortedDictionary<string, long>(StringComparer.Ordinal);
            long accepted = 0, rejected = 0, unexpected = 0, ran = 0;
            Stopwatch clock = Stopwatch.StartNew();
            for (long index = first; index < first + inputs; index++)
            {
                if (budget is TimeSpan limit && (ran & 255) == 0 && clock.Elapsed > limit) break;
                string input = "";
                try
                {
                    if (RunOne(new Random(InputSeed(seed, index)), index, out input) == FuzzOutcome.Accepted) accepted++;
                    else rejected++;
                }
                catch (Exception e)
                {
                    unexpected++;
                    string kind = e is FuzzInvariantException ? "invariant: " + Shorten(e.Message, 80) : e.GetType().FullName + " " + TopFrame(e);
                    byKind[kind] = byKind.GetValueOrDefault(kind) + 1;
                    if (failures.Count < MaxFailuresKept)
                    {
                        string what = e is FuzzInvariantException ? e.Message : e.GetType().FullName + ": " + Shorten(e.Message, 300) + " " + TopFrame(e);
                        failures.Add(new FuzzFailure(Name, seed, index, Shorten(input, 400), what));
                    }
                }
                ran++;
            }
            return new FuzzResult(Name, seed, ran, accepted, rejected, failures, unexpected, byKind, clock.Elapsed);
        }

        // SplitMix64 of (seed, index): stable across processes and runtimes, unlike HashCode (randomized per process).
        private static int InputSeed(int seed, long index)
        {
            ulong z = ((ulong)(uint)seed << 40 ^ (ulong)index) + 0x9E3779B97F4A7C15;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
            return (int)(z ^ (z >> 31));
        }

        private static string TopFrame(Exception e)
        {
            string trace = e.StackTrace ?? "";
            int end = trace.IndexOf('\n', StringComparison.Ordinal);
            string top = (end < 0 ? trace : trace[..end]).Trim();
            int source = top.IndexOf(" in ", StringComparison.Ordinal);
            return source < 0 ? top : top[..source];
        }

        /// <summary>Escapes control and non-ASCII characters and keeps at most <paramref name="max"/> characters.</summary>
        public static string Shorten(string text, int max)
        {
            var sb = new StringBuilder();
            foreach (char c in text)
            {
                if (sb.Length >= max) { sb.Append("… (" + text.Length + " chars)"); break; }
                if (c is >= ' ' and < (char)0x7f && c != '\\') sb.Append(c);
                else sb.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
            }
            return sb.ToString();
        }

        /// <summary>Hex of <paramref name="bytes"/>, at most <paramref name="max"/> bytes.</summary>
        public static string Hex(ReadOnlySpan<byte> bytes, int max = 200) =>
            Convert.ToHexString(bytes[..Math.Min(bytes.Length, max)]).ToLowerInvariant() + (bytes.Length > max ? "… (" + bytes.Length + " bytes)" : "");
    }

    /// <summary>An invariant of the campaign broke (not an exception of the code under test).</summary>
    public sealed class FuzzInvariantException(string message) : Exception(message);
}
