using System.Collections.Generic;
using System.Linq;
using DeviceModel.Generators.Tests.Corpus;
using DeviceModel.Generators.Tests.Harness;
using DeviceModel.Config;

namespace DeviceModel.Generators.Tests
{
    /// <summary>
    /// The generated code compiles cleanly (nullable on, warnings as errors) and behaves: the loaded corpus's
    /// catalog parses, formats and re-parses every option of every value type, and carries the declared defaults,
    /// limits and compat histories, inherited and overridden.
    /// </summary>
    public sealed class CompiledOutputTests : IClassFixture<CompiledCorpus>
    {
        private readonly CompiledCorpus _corpus;

        public CompiledOutputTests(CompiledCorpus corpus) => _corpus = corpus;

        [Fact]
        public void CorpusWithGeneratedCode_CompilesWithZeroDiagnostics()
        {
            Assert.Null(_corpus.Run.Result.Exception);
            Assert.Empty(_corpus.Run.GeneratorDiagnostics);
            Assert.True(_corpus.Diagnostics.IsEmpty, GeneratorHarness.Describe(_corpus.Diagnostics));
        }

        [Fact]
        public void Catalog_ListsEveryConcreteDevice_AndNoAbstractFamily()
        {
            Assert.Equal(
                new[] { "corpus-everything", "corpus-global", "corpus-nic-fast", "corpus-nic-slow", "corpus-storage-controller", "corpus-usb-controller", "corpus-usb-xhci" },
                _corpus.Catalog.Devices.Select(d => d.Name));
            Assert.Null(_corpus.Catalog.Find("corpus-nic"));
        }

        [Fact]
        public void SameClassNameInTwoNamespaces_GetsTwoHintFilesAndBothRegister()
        {
            Assert.Contains("Corpus.Hw.Storage.Controller.g.cs", _corpus.Run.Sources.Keys);
            Assert.Contains("Corpus.Hw.Usb.Controller.g.cs", _corpus.Run.Sources.Keys);

            Device storage = DeviceText.ParseKeyval("corpus-storage-controller,serial=A", _corpus.Catalog);
            Device usb = DeviceText.ParseKeyval("corpus-usb-controller,ports=2", _corpus.Catalog);
            Assert.Equal("Corpus.Hw.Storage.Controller", storage.GetType().FullName);
            Assert.Equal("Corpus.Hw.Usb.Controller", usb.GetType().FullName);
            Assert.Equal("Corpus.Hw.Storage.Controller", storage.Info.ClrType);
            Assert.Equal("Corpus.Hw.Usb.Controller", usb.Info.ClrType);
        }

        [Fact]
        public void EveryValueType_DefaultsAreThePropertyInitializers()
        {
            Assert.Equal(
                """
                addr=auto
                backend=<null>
                depth=128
                flag=on
                flag-opt=<null>
                i16=-3000
                i32=-42
                i64=-9223372036854775808
                i8=-1
                label=new label
                mac=<null>
                name=unnamed
                ooa=auto
                size=1G
                size32=64k
                tx=no-delay
                tx-opt=<null>
                u16=60000
                u32=3735928559
                u64=18446744073709551615
                u8=200
                vectors=auto
                """.Replace("\r\n", "\n"),
                DeviceText.Defaults(_corpus.Device("corpus-everything")));
        }

        [Fact]
        public void EveryValueType_HistoriesAreCanonicalAndOldestFirst()
        {
            DeviceInfo device = _corpus.Device("corpus-everything");
            Assert.Equal(
                """
                addr: 3.0=04.0
                depth: 2.0=<null>
                flag: 2.0=off
                i16: 3.0=-300
                i64: 2.0=-1
                i8: 3.0=-5
                label: 4.0=old,label
                mac: 5.0=52:54:00:12:34:56
                name: 2.0=<null>
                ooa: 2.5=off; 6.0=on
                size: 2.0=4k; 4.0=64M (larger window)
                tx: 2.0=timer; 3.0=bh
                u16: 2.12.1=1
                u64: 2.0=16
                vectors: 2.0=3; 5.0=auto
                """.Replace("\r\n", "\n"),
                DeviceText.Histories(device));

            OptionInfo size = device.FindOption("size")!;
            Assert.Equal("4k", DeviceText.Value(size.DefaultFor(new MachineVersion(1, 7))));
            Assert.Equal("64M", DeviceText.Value(size.DefaultFor(new MachineVersion(3, 1))));
            Assert.Equal("1G", DeviceText.Value(size.DefaultFor(new MachineVersion(4, 0))));
            OptionInfo u16 = device.FindOption("u16")!;
            Assert.Equal("1", DeviceText.Value(u16.DefaultFor(new MachineVersion(2, 12))));
            Assert.Equal("60000", DeviceText.Value(u16.DefaultFor(new MachineVersion(2, 12, 1))));
            OptionInfo vectors = device.FindOption("vectors")!;
            Assert.True(vectors.DefaultFor(new MachineVersion(4, 2)).IsAuto);
        }

        [Fact]
        public void EveryValueType_OptionMetadataMatchesTheDeclarations()
        {
            DeviceInfo device = _corpus.Device("corpus-everything");
            Assert.Equal(
                """
                addr PciAddress DeviceModel.PciAddress? nullable auto
                backend String string? nullable host-only
                depth Int32 int? nullable
                flag Bool bool
                flag-opt Bool bool? nullable
                i16 Int16 short
                i32 Int32 int
                i64 Int64 long
                i8 Int8 sbyte
                label String string
                mac MacAddress DeviceModel.MacAddress? nullable
                name String string? nullable
                ooa OnOffAuto DeviceModel.OnOffAuto auto
                size Size ulong
                size32 Size uint
                tx Enum Corpus.Hw.Misc.TxMode
                tx-opt Enum Corpus.Hw.Misc.TxMode? nullable
                u16 UInt16 ushort
                u32 UInt32 uint
                u64 UInt64 ulong
                u8 UInt8 byte
                vectors Int32 int? nullable auto
                """.Replace("\r\n", "\n"),
                string.Join("\n", device.Options.Select(o => o.Name + " " + o.Kind + " " + o.ClrType
                    + (o.IsNullable ? " nullable" : "") + (o.IsAuto ? " auto" : "") + (o.HostOnly ? " host-only" : ""))));
            Assert.Equal(new[] { "timer", "bh", "no-delay" }, device.FindOption("tx")!.EnumNames.ToArray());
            Assert.Equal("Host \"backend\" id\\path", device.FindOption("backend")!.Description);
            Assert.Equal("Every option value type", device.Description);
        }

        [Theory]
        [InlineData(
            "corpus-everything,id=e0,bus=pcie.1,u8=0x10,flag=off,flag-opt=yes,i8=-100,i16=-300,u16=65535,i32=0x7fff,u32=4294967295,i64=-9223372036854775808,"
                + "u64=18446744073709551615,size=1.5G,size32=64k,ooa=off,mac=52:54:00:AB:cd:ef,addr=1f.7,name=a,,b,label=,tx=no-delay,tx-opt=bh,vectors=auto,depth=7,backend=be0",
            "corpus-everything,id=e0,bus=pcie.1,addr=1f.7,backend=be0,depth=7,flag=off,flag-opt=on,i16=-300,i32=32767,i64=-9223372036854775808,i8=-100,label=,"
                + "mac=52:54:00:ab:cd:ef,name=a,,b,ooa=off,size=1536M,size32=64k,tx=no-delay,tx-opt=bh,u16=65535,u32=4294967295,u64=18446744073709551615,u8=16,vectors=auto")]
        [InlineData("corpus-everything,i8=100,i32=-1000,size=4k,vectors=2048,addr=00.0,tx=timer,ooa=auto", "corpus-everything,addr=00.0,i32=-1000,i8=100,ooa=auto,size=4k,tx=timer,vectors=2048")]
        [InlineData("corpus-nic-fast,id=n0,queues=64,mac=02:00:00:00:00:01,tx=timer,mtu=1500", "corpus-nic-fast,id=n0,mac=02:00:00:00:00:01,mtu=1500,queues=64,tx=timer")]
        [InlineData("corpus-nic-slow,bandwidth=1G,queues=1", "corpus-nic-slow,bandwidth=1G,queues=1")]
        [InlineData("corpus-storage-controller,drive=disk0,serial=S,,N,discard=on", "corpus-storage-controller,discard=on,drive=disk0,serial=S,,N")]
        [InlineData("corpus-usb-controller,ports=15", "corpus-usb-controller,ports=15")]
        [InlineData("corpus-usb-xhci,streams=off,ports=1", "corpus-usb-xhci,ports=1,streams=off")]
        [InlineData("corpus-global,level=-8", "corpus-global,level=-8")]
        public void Keyval_ParseFormatParse_KeepsEveryOptionValue(string text, string canonical)
        {
            Device first = DeviceText.ParseKeyval(text, _corpus.Catalog);
            Assert.Equal(canonical, first.ToKeyval());

            Device second = DeviceText.ParseKeyval(first.ToKeyval(), _corpus.Catalog);
            Assert.Empty(DeviceText.Differences(first, second));
        }

        [Theory]
        [InlineData(
            "corpus-everything,id=e0,u8=0x10,flag=off,flag-opt=yes,i8=-100,i16=-300,u16=65535,i32=0x7fff,u32=4294967295,i64=-9223372036854775808,"
                + "u64=18446744073709551615,size=1.5G,size32=64k,ooa=off,mac=52:54:00:AB:cd:ef,addr=1f.7,name=a,,b,label=,tx=no-delay,tx-opt=bh,vectors=auto,depth=7,backend=be0")]
        [InlineData("corpus-nic-fast,id=n0,queues=64,mac=02:00:00:00:00:01,tx=timer,mtu=1500")]
        [InlineData("corpus-storage-controller,drive=disk0,serial=S,,N,discard=on")]
        [InlineData("corpus-usb-xhci,streams=off,ports=1")]
        [InlineData("corpus-global,level=-8")]
        public void Json_WriteParse_KeepsEveryOptionValue(string text)
        {
            Device device = DeviceText.ParseKeyval(text, _corpus.Catalog);
            string json = DeviceText.Json(device);

            Device parsed = DeviceText.ParseJson(json, _corpus.Catalog);
            Assert.Empty(DeviceText.Differences(device, parsed));
            Assert.Equal(json, DeviceText.Json(parsed));
        }

        [Fact]
        public void Json_TypedValuesAndNulls_RoundTrip()
        {
            const string json = """
                {"driver":"corpus-everything","id":"e1","flag":false,"i64":-5,"u64":18446744073709551615,"size":4096,"size32":"64k",
                 "flag-opt":null,"mac":null,"name":null,"tx-opt":null,"depth":null,"tx":"bh","addr":"auto","ooa":"on"}
                """;
            Device device = DeviceText.ParseJson(json, _corpus.Catalog);
            Assert.Equal(
                """{"driver":"corpus-everything","id":"e1","addr":"auto","depth":null,"flag":false,"flag-opt":null,"i64":-5,"mac":null,"name":null,"ooa":"on","size":4096,"size32":65536,"tx":"bh","tx-opt":null,"u64":18446744073709551615}""",
                DeviceText.Json(device));

            Device parsed = DeviceText.ParseJson(DeviceText.Json(device), _corpus.Catalog);
            Assert.Empty(DeviceText.Differences(device, parsed));
        }

        [Fact]
        public void EveryDefaultAndHistoryValue_CanBeStoredInItsOption()
        {
            // The compat resolver stores DefaultFor(machine) in every option that was not set explicitly.
            var refused = new List<string>();
            foreach (DeviceInfo info in _corpus.Catalog.Devices)
            {
                Device device = info.Create();
                foreach (OptionInfo option in info.Options)
                {
                    foreach (OptionValue value in option.History.Select(e => e.Value).Append(option.Default))
                    {
                        if (!option.Accepts(value)) refused.Add(info.Name + " " + option.Name + "=" + DeviceText.Value(value));
                        else device.SetOption(option.Index, value, OptionSource.Machine);
                    }
                }
            }
            Assert.Empty(refused);
        }

        [Theory]
        [InlineData("corpus-everything,i8=101")]
        [InlineData("corpus-everything,i8=-101")]
        [InlineData("corpus-everything,i32=-1001")]
        [InlineData("corpus-everything,i32=0x8000")]
        [InlineData("corpus-everything,vectors=0")]
        [InlineData("corpus-everything,size=2k")]
        [InlineData("corpus-everything,size=2T")]
        [InlineData("corpus-everything,size32=4G")]
        [InlineData("corpus-everything,u8=256")]
        [InlineData("corpus-nic-fast,queues=65")]
        [InlineData("corpus-nic-slow,queues=0")]
        [InlineData("corpus-nic-slow,bandwidth=2G")]
        [InlineData("corpus-usb-xhci,ports=16")]
        [InlineData("corpus-global,level=9")]
        public void DeclaredLimitsAndTypeRanges_RejectOutOfRangeValues(string text)
        {
            ParseResult<Device> result = KeyvalParser.ParseDevice(text, _corpus.Catalog);
            ConfigError error = Assert.Single(result.Errors);
            Assert.Equal(ConfigErrorKind.OutOfRange, error.Kind);
        }

        [Theory]
        [InlineData("corpus-everything,tx=NoDelay")]
        [InlineData("corpus-everything,tx=nodelay")]
        [InlineData("corpus-everything,tx-opt=Timer")]
        [InlineData("corpus-everything,flag=auto")]
        [InlineData("corpus-everything,i32=auto")]
        public void ValuesOutsideTheOptionSyntax_AreRejected(string text)
        {
            ParseResult<Device> result = KeyvalParser.ParseDevice(text, _corpus.Catalog);
            ConfigError error = Assert.Single(result.Errors);
            Assert.Equal(ConfigErrorKind.InvalidValue, error.Kind);
        }

        [Fact]
        public void OverridingSubtype_HasItsOwnDefaultAndHistory()
        {
            DeviceInfo fast = _corpus.Device("corpus-nic-fast");
            Assert.Equal("corpus-nic", fast.Parent);
            OptionInfo queues = fast.FindOption("queues")!;
            Assert.Equal("Corpus.Hw.Net.NicBase", queues.DeclaringType); // the type whose property declares the option
            Assert.Equal("Queue pairs", queues.Description);
            Assert.Equal("16", DeviceText.Value(queues.Default));
            Assert.Equal(
                new[] { (new MachineVersion(6, 0), "2", (string?)null), (new MachineVersion(7, 0), "8", "more queues") },
                queues.History.Select(e => (e.Since, DeviceText.Value(e.Value), e.Reason)));
            Assert.Equal("2", DeviceText.Value(queues.DefaultFor(new MachineVersion(2, 9))));
            Assert.Equal("2", DeviceText.Value(queues.DefaultFor(new MachineVersion(5, 2))));
            Assert.Equal("8", DeviceText.Value(queues.DefaultFor(new MachineVersion(6, 0))));
            Assert.Equal("16", DeviceText.Value(queues.DefaultFor(new MachineVersion(7, 0))));
            Assert.Equal("16", DeviceText.Value(fast.Create().GetOption("queues")));
        }

        [Fact]
        public void FamilyScopedHint_IsEmittedWithItsFamily_SortedByVersion_AndAppliesToThatFamilyOnly()
        {
            OptionInfo discard = _corpus.Device("corpus-storage-controller").FindOption("discard")!;
            Assert.Equal(
                new[] { (new MachineVersion(4, 0), "off", (string?)null), (new MachineVersion(5, 0), "on", "corpus-q35") },
                discard.History.Select(e => (e.Since, DeviceText.Value(e.Value), e.Family)));
            Assert.Equal("off", DeviceText.Value(discard.DefaultFor(new MachineVersion(3, 0), "corpus-q35")));
            Assert.Equal("on", DeviceText.Value(discard.DefaultFor(new MachineVersion(4, 2), "corpus-q35")));
            Assert.Equal("auto", DeviceText.Value(discard.DefaultFor(new MachineVersion(5, 0), "corpus-q35")));
            Assert.Equal("off", DeviceText.Value(discard.DefaultFor(new MachineVersion(3, 0), "corpus-pc")));
            Assert.Equal("auto", DeviceText.Value(discard.DefaultFor(new MachineVersion(4, 2), "corpus-pc")));
            Assert.Equal("auto", DeviceText.Value(discard.DefaultFor(new MachineVersion(4, 2))));
        }

        [Fact]
        public void OptionsNotOverridden_KeepTheBaseHistory()
        {
            DeviceInfo fast = _corpus.Device("corpus-nic-fast");
            Assert.Equal("mtu: 5.0=1500\nqueues: 6.0=2; 7.0=8 (more queues)\ntx: 2.0=timer; 4.1=bh", DeviceText.Histories(fast));
            Assert.Equal("1500", DeviceText.Value(fast.FindOption("mtu")!.DefaultFor(new MachineVersion(4, 2))));
            Assert.Equal("9000", DeviceText.Value(fast.FindOption("mtu")!.DefaultFor(new MachineVersion(5, 0))));
            Assert.Equal("bh", DeviceText.Value(fast.FindOption("tx")!.DefaultFor(new MachineVersion(4, 0))));
            Assert.Equal("Corpus.Hw.Net.NicBase", fast.FindOption("tx")!.DeclaringType);

            // The sibling that does not override queues keeps the family's default and history.
            DeviceInfo slow = _corpus.Device("corpus-nic-slow");
            Assert.Equal("bandwidth=100M\nboot-mode=timer\nbootindex=-1\nfirmware=slow.bin\nmac=<null>\nmtu=9000\nqueues=4\ntx=no-delay", DeviceText.Defaults(slow));
            Assert.Equal("Corpus.Hw.Net.NicBase", slow.FindOption("queues")!.DeclaringType);
        }

        [Fact]
        public void AnIncludedGroup_ContributesItsOptions_WithTheGroupsHistory_AndTheIncludesHostOnlyDefault()
        {
            DeviceInfo slow = _corpus.Device("corpus-nic-slow");
            OptionInfo boot = slow.FindOption("bootindex")!;
            Assert.Equal("Corpus.Hw.Net.BootOptions", boot.DeclaringType);
            Assert.Equal("0", DeviceText.Value(boot.DefaultFor(new MachineVersion(1, 0))));
            Assert.Equal("-1", DeviceText.Value(boot.DefaultFor(new MachineVersion(2, 0))));
            Assert.True(slow.FindOption("firmware")!.HostOnly);
            Assert.Equal(new[] { "timer", "bh", "no-delay" }, slow.FindOption("boot-mode")!.EnumNames.ToArray());
            // The group is not a device: the catalog lists devices only.
            Assert.DoesNotContain(_corpus.Catalog.Devices, d => d.ClrType == "Corpus.Hw.Net.BootOptions");
        }

        [Fact]
        public void ClassLevelHints_ReplaceTheInheritedOptionsHistory_ForTheClassAndItsSubtypes_Only()
        {
            // SlowNic derives VendorNic, whose [CompatHint(…, Option = "mtu")]s replace NicBase's mtu history (5.0=1500).
            DeviceInfo slow = _corpus.Device("corpus-nic-slow");
            Assert.Equal("bootindex: 2.0=0\nmtu: 1.0=576; 4.0=1500 (vendor jumbo frames)\nqueues: 3.0=1 (multiqueue by default)\ntx: 2.0=timer; 4.1=bh", DeviceText.Histories(slow));
            OptionInfo mtu = slow.FindOption("mtu")!;
            Assert.Equal("Corpus.Hw.Net.NicBase", mtu.DeclaringType);
            Assert.Equal("576", DeviceText.Value(mtu.DefaultFor(new MachineVersion(0, 9))));
            Assert.Equal("1500", DeviceText.Value(mtu.DefaultFor(new MachineVersion(3, 0))));
            Assert.Equal("9000", DeviceText.Value(mtu.DefaultFor(new MachineVersion(4, 0))));

            // The family's other subtype keeps the family's own history.
            Assert.Equal("1500", DeviceText.Value(_corpus.Device("corpus-nic-fast").FindOption("mtu")!.DefaultFor(new MachineVersion(4, 2))));
        }

        [Fact]
        public void ConcreteSubtypeOfConcreteDevice_HasItsOwnDescriptorAndTheInheritedOptions()
        {
            DeviceInfo controller = _corpus.Device("corpus-usb-controller");
            DeviceInfo xhci = _corpus.Device("corpus-usb-xhci");
            Assert.Null(controller.Parent);
            Assert.Equal("corpus-usb-controller", xhci.Parent);
            Assert.Equal("ports=4", DeviceText.Defaults(controller));
            Assert.Equal("ports=4\nstreams=on", DeviceText.Defaults(xhci));
            Assert.Equal("ports: 2.0=2", DeviceText.Histories(xhci));
            Assert.Same(xhci, xhci.Create().Info);
            Assert.Same(controller, controller.Create().Info);
        }
    }
}
