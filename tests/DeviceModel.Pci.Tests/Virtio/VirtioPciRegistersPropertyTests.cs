using System.Linq;
using CsCheck;
using DeviceModel.Virtio;

namespace DeviceModel.Pci.Tests.Virtio;

/// <summary>Invariants of <see cref="VirtioPciRegisters"/> over random guest access sequences.</summary>
public sealed class VirtioPciRegistersPropertyTests
{
    private static readonly VirtioDeviceAbi Transitional =
        RegisterGolden.CreateRegisters("pc-i440fx-7.2", "virtio-net-pci,id=n0,addr=03.0").Abi;

    /// <summary>An access: BAR (0 or 4), offset, size, value, write?</summary>
    private static readonly Gen<(int Bar, ulong Offset, int Size, ulong Value, bool Write)> Access =
        Gen.Select(Gen.Bool, Gen.OneOfConst(0x0ul, 0x1000ul, 0x2000ul, 0x3000ul), Gen.ULong[0, 0x40], Gen.OneOfConst(1, 2, 4, 8),
                Gen.OneOf(Gen.ULong[0, 4], Gen.ULong[0, 1100], Gen.ULong), Gen.Bool)
            .Select((legacy, region, offset, size, value, write) => (legacy ? 0 : 4, legacy ? offset : region + offset, size, value, write));

    // Registers a reset returns to their initial values (the feature selects and words, the generation and the ISR, which
    // a read clears, are left out).
    private static readonly (int Bar, ulong Offset, int Size)[] ResetRegisters =
        [(4, 0x10, 2), (4, 0x12, 2), (4, 0x14, 1), (4, 0x16, 2), (4, 0x18, 2), (4, 0x1a, 2), (4, 0x1c, 2), (4, 0x1e, 2),
         (4, 0x20, 8), (4, 0x28, 8), (4, 0x30, 8), (0, 0x04, 4), (0, 0x08, 4), (0, 0x0c, 2), (0, 0x0e, 2), (0, 0x12, 1)];

    [Fact]
    public void Reads_fit_their_size_and_negotiated_features_are_always_offered_ones()
    {
        Gen.Select(Access.Array[1, 60], Gen.Bool).Sample((accesses, msix) =>
        {
            var registers = new VirtioPciRegisters(Transitional, 4) { MsixEnabled = msix };
            foreach ((int bar, ulong offset, int size, ulong value, bool write) in accesses)
            {
                if (write)
                {
                    registers.WriteBar(bar, offset, size, value);
                }
                else
                {
                    ulong read = registers.ReadBar(bar, offset, size);
                    Assert.True(size == 8 || read >> (8 * size) == 0, "read 0x" + read.ToString("x") + " wider than " + size);
                }
                Assert.Equal(0UL, registers.NegotiatedFeatures & ~Transitional.HostFeatures);
                Assert.Equal(3UL, registers.ReadBar(4, 0x12, 2));
            }
        });
    }

    [Fact]
    public void Reset_after_any_sequence_reads_like_a_new_device()
    {
        var fresh = new VirtioPciRegisters(Transitional, 4);
        ulong[] initial = ResetRegisters.Select(r => fresh.ReadBar(r.Bar, r.Offset, r.Size)).ToArray();
        Access.Array[1, 60].Sample(accesses =>
        {
            var registers = new VirtioPciRegisters(Transitional, 4);
            foreach ((int bar, ulong offset, int size, ulong value, bool write) in accesses)
            {
                if (write) registers.WriteBar(bar, offset, size, value);
                else registers.ReadBar(bar, offset, size);
            }

            registers.Reset();

            Assert.Equal(initial, ResetRegisters.Select(r => registers.ReadBar(r.Bar, r.Offset, r.Size)).ToArray());
            Assert.Equal(0, registers.InterruptStatus);
        });
    }
}
