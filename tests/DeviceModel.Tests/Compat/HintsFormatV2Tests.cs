using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using DeviceModel.Config;
using DeviceModel.Hints;

namespace DeviceModel.Tests.Compat;

/// <summary>
/// Format version 2 built by hand from docs/hints-format.md (so the document and the reader agree), and malformed
/// version 2 payloads behind a valid CRC: each is refused with one error naming the file, the byte offset and what
/// was expected.
/// </summary>
public sealed class HintsFormatV2Tests
{
    private static byte Kind(string driver, string option) => (byte)TestData.Catalog.Find(driver)!.FindOption(option)!.Kind;

    private static byte[] Str(string text) => new[] { (byte)Encoding.UTF8.GetByteCount(text) }.Concat(Encoding.UTF8.GetBytes(text)).ToArray();

    /// <summary>The payload of one virtio-rng-pci record "r0" holding max-bytes=1024 and period=unset-or-value.</summary>
    private static List<byte> Payload(bool periodUnset = false)
    {
        var p = new List<byte>();
        p.Add(3);                                              // name count
        p.AddRange(Str("virtio-rng-pci"));                     // name 0
        p.AddRange(Str("max-bytes"));                          // name 1
        p.AddRange(Str("period"));                             // name 2
        p.Add(1);                                              // type count
        p.Add(0); p.Add(2);                                    // entry 0: driver name 0, 2 options
        p.Add(1); p.Add(Kind("virtio-rng-pci", "max-bytes"));  // option 0: name 1
        p.Add(2); p.Add(Kind("virtio-rng-pci", "period"));     // option 1: name 2
        p.Add(0);                                              // record 0: type 0
        p.AddRange(Str("r0"));                                 // key
        if (periodUnset) { p.Add(1); p.Add(1); p.Add(1); }     // 1 exception: position 1 unset
        else p.Add(0);                                         // no exceptions
        p.Add(0x80); p.Add(0x08);                              // max-bytes = 1024
        if (!periodUnset) { p.Add(0xe8); p.Add(0x07); }        // period = 1000
        return p;
    }

    private static byte[] File(IEnumerable<byte> payload, int records = 1)
    {
        byte[] body = payload.ToArray();
        byte[] file = new byte[HintsFileFormat.HeaderSize + body.Length];
        HintsFileFormat.Magic.CopyTo(file);
        BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(HintsFileFormat.FormatVersionOffset), 2);
        BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(HintsFileFormat.HeaderSizeOffset), HintsFileFormat.HeaderSize);
        BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(HintsFileFormat.ProducerOffset), 7);
        BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(HintsFileFormat.ProducerOffset + 2), 2);
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(HintsFileFormat.RecordCountOffset), (uint)records);
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(HintsFileFormat.PayloadLengthOffset), (uint)body.Length);
        Encoding.ASCII.GetBytes("pc-i440fx-7.2").CopyTo(file, HintsFileFormat.MachineOffset);
        body.CopyTo(file, HintsFileFormat.HeaderSize);
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(HintsFileFormat.ChecksumOffset), HintsFileFormat.Checksum(file));
        return file;
    }

    private static ConfigError Refused(byte[] file)
    {
        ParseResult<HintsFile> result = HintsFileReader.Read(file, TestData.Catalog, "vm.dmh");
        Assert.False(result.Succeeded);
        ConfigError error = Assert.Single(result.Errors);
        Assert.Equal("vm.dmh", error.Location.Source);
        return error;
    }

    [Fact]
    public void A_file_built_from_the_documented_layout_loads_with_its_values()
    {
        HintsFile hints = HintsFileReader.Read(File(Payload()), TestData.Catalog).GetValueOrThrow();
        HintsRecord record = Assert.Single(hints.Records);
        Assert.Equal(("r0", "virtio-rng-pci"), (record.Key, record.Driver));
        Assert.True(record.TryGetValue("max-bytes", out OptionValue maxBytes));
        Assert.Equal(1024UL, maxBytes.Bits);
        Assert.True(record.TryGetValue("period", out OptionValue period));
        Assert.Equal(1000UL, period.Bits);
        Assert.False(record.TryGetValue("addr", out _)); // not recorded: resolution takes the versioned default
    }

    [Fact]
    public void The_writer_writes_what_the_document_describes()
    {
        HintsFile hints = HintsFileReader.Read(File(Payload()), TestData.Catalog).GetValueOrThrow();
        Assert.Equal(File(Payload()), HintsFileWriter.Serialize(hints));
    }

    [Fact]
    public void An_exception_marks_an_option_unset_only_where_the_option_can_be_unset()
    {
        // period is not nullable in QEMU's virtio-rng-pci: "unset" does not fit it.
        ConfigError error = Refused(File(Payload(periodUnset: true)));
        Assert.Equal("period", error.Option);
        Assert.Contains("does not fit", error.Message);
    }

    public static TheoryData<string, Func<List<byte>, List<byte>>, string, int> Malformed() => new()
    {
        { "name count not in shortest form", p => { p.RemoveAt(0); p.InsertRange(0, new byte[] { 0x83, 0x00 }); return p; }, "redundant trailing zero byte", 64 },
        { "name count beyond the bytes left", p => { p[0] = 0x7f; return p; }, "only", 64 },
        { "empty name", p => { p[1] = 0; return p; }, "name 0 is empty", 65 },
        { "driver name index out of range", p => { p[TypeTable(p) + 1] = 9; return p; }, "device type name index is 9; expected at most 2", -1 },
        { "option kind 0", p => { int at = TypeTable(p) + 3; p[at + 1] = 0; return p; }, "not a kind this format defines", -1 },
        { "type index out of range", p => { p[Record(p)] = 1; return p; }, "type index is 1; expected at most 0", -1 },
        { "exception position past the options", p => { int at = Record(p) + 4; p[at] = 1; p.Insert(at + 1, 5); p.Insert(at + 2, 1); return p; }, "exception position 5", -1 },
        { "varint wider than 64 bits", p => { p.RemoveRange(p.Count - 2, 2); p.AddRange(new byte[] { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02 }); return p; }, "wider than 64 bits", -1 },
        { "value cut off", p => { p[p.Count - 1] = 0x87; return p; }, "truncated value", -1 },
        { "bytes after the last record", p => { p.Add(0); return p; }, "bytes after the last of 1 records", -1 },
    };

    private static int TypeTable(List<byte> p)
    {
        int at = 1;
        for (int n = 0; n < 3; n++) at += 1 + p[at];
        return at; // the type count
    }

    private static int Record(List<byte> p) => TypeTable(p) + 1 + 2 + 4;

    [Theory]
    [MemberData(nameof(Malformed))]
    public void A_malformed_payload_is_refused_naming_the_offset_and_what_was_expected(string what, Func<List<byte>, List<byte>> damage, string message, int offset)
    {
        ConfigError error = Refused(File(damage(Payload())));
        Assert.Contains(message, error.Message);
        Assert.Contains(offset >= 0 ? "(byte offset " + offset + ")" : "(byte offset ", error.Message);
        Assert.False(string.IsNullOrEmpty(what));
    }

    [Fact]
    public void A_type_table_entry_no_record_uses_is_refused()
    {
        List<byte> p = Payload();
        int types = TypeTable(p);
        p[types] = 2;                                          // two entries:
        p.InsertRange(types + 1 + 2 + 4, new byte[] { 0, 0 }); // the second is virtio-rng-pci with no options
        p.Add(0); p.AddRange(Str("r1")); p.Add(0);             // a second record, of entry 0
        p.AddRange(new byte[] { 0x80, 0x08, 0xe8, 0x07 });
        ConfigError error = Refused(File(p, records: 2));
        Assert.Contains("type table entry 1 is used by no record", error.Message);
        Assert.Contains("(byte offset " + (HintsFileFormat.HeaderSize + types + 1 + 2 + 4) + ")", error.Message);
    }

    [Fact]
    public void An_unknown_option_in_the_type_table_names_the_record_that_uses_it()
    {
        List<byte> p = Payload();
        p.RemoveRange(1 + 15, 10);
        p.InsertRange(1 + 15, Str("x-future"));
        ConfigError error = Refused(File(p));
        Assert.Equal("x-future", error.Option);
        Assert.Equal("r0", error.DeviceId);
        Assert.Equal("virtio-rng-pci", error.DeviceType);
        Assert.Contains("does not know the option", error.Message);
    }
}
