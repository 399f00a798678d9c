using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Text;
using DeviceModel.Catalog;

namespace DeviceModel.Tooling.Docs
{
    /// <summary>One file of the generated reference.</summary>
    /// <param name="Path">Path relative to the reference directory, with <c>/</c> separators.</param>
    /// <param name="Content">The text, with <c>\n</c> line endings.</param>
    public sealed record GeneratedFile(string Path, string Content);

    /// <summary>
    /// The whole generated reference of a product, from its catalog alone: <c>index.md</c>, a page per device type,
    /// a configuration space picture per device type and reference bus, and the machine config JSON Schema.
    /// The same catalog always gives the same bytes, so the checked-in copy can be compared with a fresh one.
    /// </summary>
    public static class ReferenceDocs
    {
        /// <summary>Every file, in ordinal order of paths.</summary>
        public static ImmutableArray<GeneratedFile> Generate(DeviceCatalog catalog)
        {
            ArgumentNullException.ThrowIfNull(catalog);
            var files = new List<GeneratedFile>
            {
                new("index.md", MarkdownReference.Index(catalog)),
                new(MachineConfigSchema.FileName, MachineConfigSchema.Generate(catalog)),
            };
            foreach (DeviceInfo device in catalog.Devices)
            {
                var samples = new List<LayoutSample>(ReferenceBus.All.Length);
                foreach (ReferenceBus bus in ReferenceBus.All)
                {
                    LayoutSample sample = LayoutSamples.Realize(catalog, device, bus);
                    samples.Add(sample);
                    if (sample.Function is not null)
                    {
                        files.Add(new GeneratedFile(MarkdownReference.PictureName(device, bus), ConfigSpaceSvg.Render(sample.Function, MarkdownReference.PictureTitle(sample))));
                    }
                }
                files.Add(new GeneratedFile(MarkdownReference.PageName(device), MarkdownReference.DevicePage(catalog, device, samples)));
            }
            files.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
            return files.ToImmutableArray();
        }

        /// <summary>
        /// Writes <paramref name="files"/> under <paramref name="directory"/> (created if needed) as UTF-8 without a
        /// byte order mark. Files already there that are not generated are left alone.
        /// </summary>
        public static void WriteTo(string directory, IEnumerable<GeneratedFile> files)
        {
            ArgumentNullException.ThrowIfNull(directory);
            ArgumentNullException.ThrowIfNull(files);
            Directory.CreateDirectory(directory);
            var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
            foreach (GeneratedFile file in files)
            {
                string path = Path.Combine(directory, file.Path.Replace('/', Path.DirectorySeparatorChar));
                string? parent = Path.GetDirectoryName(path);
                if (parent is not null) Directory.CreateDirectory(parent);
                File.WriteAllText(path, file.Content, utf8);
            }
        }
    }
}
