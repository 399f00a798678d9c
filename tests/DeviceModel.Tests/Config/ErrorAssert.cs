using System;
using System.Linq;
using DeviceModel.Samples.Qemu;
using DeviceModel.Catalog;
using DeviceModel.Config;

namespace DeviceModel.Tests.Config;

/// <summary>Exact checks of <see cref="ConfigError"/> fields and of the all-or-nothing contract.</summary>
internal static class ErrorAssert
{
    public const string Rng = "virtio-rng-pci";

    public static DeviceCatalog Catalog => QemuCatalog.Catalog;

    public static string ExpectedOf(string option) =>
        VirtioRngPci.Descriptor.FindOption(option)?.Expected ?? throw new ArgumentException("no option " + option, nameof(option));

    /// <summary>The result failed, holds no value, and has exactly <paramref name="count"/> errors.</summary>
    public static ConfigError[] Failed<T>(ParseResult<T> result, int count = 1) where T : class
    {
        Assert.False(result.Succeeded);
        Assert.Null(result.Value);
        Assert.Equal(count, result.Errors.Length);
        Assert.Throws<ConfigException>(() => result.GetValueOrThrow());
        return result.Errors.ToArray();
    }

    /// <summary>The single error of a failed result.</summary>
    public static ConfigError Single<T>(ParseResult<T> result) where T : class => Failed(result, 1)[0];

    /// <summary>The value of a successful result.</summary>
    public static T Succeeded<T>(ParseResult<T> result) where T : class
    {
        Assert.True(result.Errors.IsEmpty, result.Errors.IsEmpty ? "" : string.Join("\n", result.Errors));
        Assert.True(result.Succeeded);
        return result.Value!;
    }

    /// <summary>Every field of <paramref name="actual"/> except the message (checked to be non-empty) is exactly as given.</summary>
    public static void Is(
        ConfigError actual, ConfigErrorKind kind, int line, int column,
        string? deviceType = null, string? deviceId = null, string? option = null, string? value = null,
        string? expected = null, string? suggestion = null, string? source = null)
    {
        Assert.Equal(kind, actual.Kind);
        Assert.Equal(new SourceLocation(source, line, column), actual.Location);
        Assert.Equal(deviceType, actual.DeviceType);
        Assert.Equal(deviceId, actual.DeviceId);
        Assert.Equal(option, actual.Option);
        Assert.Equal(value, actual.Value);
        Assert.Equal(expected, actual.Expected);
        Assert.Equal(suggestion, actual.Suggestion);
        Assert.False(string.IsNullOrWhiteSpace(actual.Message));
    }

    /// <summary>1-based line and column (in UTF-16 chars) of the <paramref name="occurrence"/>-th <paramref name="needle"/> in <paramref name="text"/>.</summary>
    public static (int Line, int Column) PositionOf(string text, string needle, int occurrence = 1)
    {
        int index = -1;
        for (int i = 0; i < occurrence; i++)
        {
            index = text.IndexOf(needle, index + 1, StringComparison.Ordinal);
            if (index < 0) throw new ArgumentException("'" + needle + "' occurs fewer than " + occurrence + " times", nameof(needle));
        }
        int line = 1, lineStart = 0;
        for (int i = 0; i < index; i++)
        {
            if (text[i] == '\n') { line++; lineStart = i + 1; }
        }
        return (line, index - lineStart + 1);
    }
}
