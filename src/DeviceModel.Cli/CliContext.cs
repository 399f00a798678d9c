using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using DeviceModel.Catalog;
using DeviceModel.Config;

namespace DeviceModel.Cli
{
    /// <summary>Exit codes of every command.</summary>
    internal static class ExitCodes
    {
        public const int Success = 0;
        public const int InternalError = 1;
        public const int BadInput = 2;
    }

    /// <summary>Output writers and the catalog a run serves, so commands run in-process in tests and in a product's own CLI.</summary>
    internal sealed class CliContext
    {
        public CliContext(TextWriter output, TextWriter error, DeviceCatalog catalog)
        {
            Output = output;
            Error = error;
            Catalog = catalog;
        }

        public TextWriter Output { get; }
        public TextWriter Error { get; }
        public DeviceCatalog Catalog { get; }

        /// <summary>Prints configuration errors, one per line, and returns the bad-input exit code.</summary>
        public int Fail(IEnumerable<ConfigError> errors)
        {
            foreach (ConfigError error in errors) Error.WriteLine("error: " + error);
            return ExitCodes.BadInput;
        }

        /// <summary>The device type named <paramref name="name"/>, or null with the bad-input exit code and a "did you mean".</summary>
        public DeviceInfo? FindDevice(string name, out int exitCode)
        {
            exitCode = ExitCodes.Success;
            DeviceInfo? device = Catalog.Find(name);
            if (device is not null) return device;
            string? suggestion = Catalog.Suggest(name);
            exitCode = Fail("unknown device type '" + name + "'" + (suggestion is null ? "" : "; did you mean '" + suggestion + "'?") + " (see 'devmodel devices')");
            return null;
        }

        /// <summary>
        /// The product's machine types, or null with the bad-input exit code when the catalog declares none (a device
        /// library served without its product): commands that need machine versions refuse it with a clear message.
        /// </summary>
        public MachineCatalog? Machines(out int exitCode)
        {
            exitCode = ExitCodes.Success;
            if (Catalog.Machines is not null) return Catalog.Machines;
            exitCode = Fail("the catalog declares no product and machine types ([Product] and [MachineFamily] on its [DeviceCatalog] class); serve it together with its product (--catalog)");
            return null;
        }

        /// <summary>Prints one error and returns the bad-input exit code.</summary>
        public int Fail(string message)
        {
            Error.WriteLine("error: " + message);
            return ExitCodes.BadInput;
        }

        /// <summary>
        /// Whether <paramref name="e"/> is what the file APIs throw for a path the user named (missing, denied, a
        /// directory, too long, malformed): bad input (exit 2), never an internal error.
        /// </summary>
        public static bool IsPathError(System.Exception e) =>
            e is IOException or System.UnauthorizedAccessException or System.ArgumentException or System.NotSupportedException or System.Security.SecurityException;

        /// <summary>Prints "cannot <paramref name="action"/> <paramref name="path"/>: reason" and returns the bad-input exit code.</summary>
        public int FailPath(string action, string path, System.Exception e) => Fail("cannot " + action + " " + path + ": " + PathErrorReason(e));

        /// <summary>The reason of a path error, without the runtime's parameter names.</summary>
        public static string PathErrorReason(System.Exception e) => e switch
        {
            System.ArgumentException or System.NotSupportedException => "not a valid path",
            _ => e.Message,
        };

        /// <summary>Writes indented UTF-8 JSON produced by <paramref name="write"/> to the output, newline-terminated.</summary>
        public void WriteJson(System.Action<Utf8JsonWriter> write)
        {
            using var stream = new MemoryStream();
            using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            {
                write(writer);
            }
            // Write, not WriteLine: the document spans lines (TerminalWriter escapes line feeds inside one WriteLine).
            Output.Write(Encoding.UTF8.GetString(stream.ToArray()));
            Output.WriteLine();
        }
    }
}
