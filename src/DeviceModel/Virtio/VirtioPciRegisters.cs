using System;
using DeviceModel.Pci;

namespace DeviceModel.Virtio
{
    /// <summary>
    /// The virtio-pci transport's registers as a guest reads and writes them, without the data path: the modern regions in
    /// BAR4 (<c>struct virtio_pci_common_cfg</c>, ISR, device configuration, notify) and the legacy header and device
    /// configuration in I/O BAR0, over one device state, as QEMU's <c>hw/virtio/virtio-pci.c</c> and
    /// <c>hw/virtio/virtio.c</c> behave. Created from a device's <see cref="VirtioDeviceAbi"/> (see
    /// <see cref="VirtioPciDevice.CreateRegisters"/>); starts in the state after a device reset.
    /// </summary>
    /// <remarks>
    /// <para><b>Accesses.</b> An access of 1, 2, 4 or 8 bytes is split like QEMU's memory core splits it: into pieces of at
    /// most 4 bytes, each aligned to its size. Each piece is decoded by its offset alone: a 4-byte read at
    /// <c>device_status</c> (0x14) returns the status, not the generation or <c>queue_select</c> beside it; a piece inside
    /// a field reads 0 in the common configuration and all ones in the legacy header. Unknown offsets read 0 (legacy:
    /// all ones) and ignore writes.</para>
    /// <para><b>Feature negotiation</b> (checked against QEMU with qtest, <c>tests/goldens/qemu-virtio-registers</c>).
    /// The driver's feature words are stored as written and read back as written (<c>driver_feature</c>), also after
    /// FEATURES_OK and across a reset; what is negotiated (<see cref="NegotiatedFeatures"/>, the legacy
    /// <c>GUEST_FEATURES</c>) is their combination masked to <see cref="VirtioDeviceAbi.HostFeatures"/>, legacy-only bits
    /// included, and only until FEATURES_OK is set; a legacy driver that acknowledges VIRTIO_F_BAD_FEATURE gets
    /// <see cref="VirtioDeviceAbi.FallbackFeatures"/> instead. <b>A driver asking for a feature that is not offered does
    /// not keep FEATURES_OK clear</b>: the bit is dropped and FEATURES_OK sticks. FEATURES_OK is refused only when VERSION_1 is
    /// negotiated and the device offers ACCESS_PLATFORM that the driver did not accept: then the whole status write is
    /// dropped, and if the status was 0 it stays 0, which resets the device.</para>
    /// <para><b>Reset</b> (status 0, a legacy PFN of 0, <see cref="Reset"/>): status, negotiated features, ISR, queue
    /// select, the configuration vector and every queue's size, vector, enable and addresses return to their initial
    /// values; the feature selects, the driver's feature words and <c>config_generation</c> stay. <c>queue_reset</c>
    /// resets one queue's size and vector but keeps its address registers. A <c>queue_enable</c> write other than 1 is
    /// QEMU's <c>virtio_error</c>: with VERSION_1 negotiated the status gets NEEDS_RESET and, while DRIVER_OK is set, the
    /// ISR gets the queue and configuration bits and the generation increments.</para>
    /// <para><b>Limitations.</b> Device configuration writes are ignored (QEMU hands them to the device type's
    /// <c>set_config</c>, e.g. a legacy virtio-net driver may rewrite the MAC). Ring addresses are not checked against
    /// guest memory (QEMU fails the device when it cannot map a ring). Notifications (the notify region, the legacy
    /// <c>QUEUE_NOTIFY</c>) move no data. The interplay with configuration space is left to the caller: in QEMU a legacy
    /// status write of exactly ACKNOWLEDGE|DRIVER sets Bus Master Enable, and a command register write with Bus Master
    /// Enable clear clears DRIVER_OK.</para>
    /// </remarks>
    public sealed class VirtioPciRegisters
    {
        /// <summary>The vector value meaning "none" (<c>VIRTIO_MSI_NO_VECTOR</c>).</summary>
        public const ushort NoVector = 0xffff;

        private const int QueueMax = (int)VirtioPciLayout.QueueMax;
        private const int MaxQueueSize = 1024;               // VIRTQUEUE_MAX_SIZE
        private const byte DriverOk = 4, FeaturesOk = 8, NeedsReset = 0x40;
        private const int LegacyHeaderSize = 20, LegacyMsixHeaderSize = 24;

        private readonly ushort[] _defaultSizes = new ushort[QueueMax];
        private readonly ushort[] _sizes = new ushort[QueueMax];
        private readonly ushort[] _vectors = new ushort[QueueMax];
        private readonly ulong[] _ringAddresses = new ulong[QueueMax];
        private readonly ModernQueue[] _modernQueues = new ModernQueue[QueueMax];
        private readonly int _numQueues;
        private bool _msixEnabled;

        // virtio-pci's own registers: they survive a device reset.
        private uint _deviceFeatureSelect, _driverFeatureSelect;
        private readonly uint[] _driverFeatureWords = new uint[2];

        // The virtio device's state.
        private byte _status, _isr, _generation;
        private ushort _queueSelect, _configVector;
        private ulong _negotiated;

        /// <summary>The registers of a device offering <paramref name="abi"/>, in the state after a device reset.</summary>
        /// <param name="abi">What the device offers (<see cref="VirtioPciDevice.DescribeVirtio"/>).</param>
        /// <param name="msixVectors">The MSI-X table's vector count; 0: no MSI-X (no vector can be assigned).</param>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="msixVectors"/> is negative or above <see cref="MsixCapability.MaxVectors"/>.</exception>
        public VirtioPciRegisters(VirtioDeviceAbi abi, int msixVectors)
        {
            ArgumentNullException.ThrowIfNull(abi);
            ArgumentOutOfRangeException.ThrowIfNegative(msixVectors);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(msixVectors, MsixCapability.MaxVectors);
            Abi = abi;
            MsixVectors = msixVectors;
            for (int i = 0; i < abi.QueueSizes.Length; i++)
            {
                _defaultSizes[i] = abi.QueueSizes[i];
                // A queue never changes between having a size and having none, so the count is fixed.
                if (abi.QueueSizes[i] != 0) _numQueues = i + 1;
            }
            Reset();
        }

        /// <summary>What the device offers.</summary>
        public VirtioDeviceAbi Abi { get; }

        /// <summary>The MSI-X vector count (0: no MSI-X).</summary>
        public int MsixVectors { get; }

        /// <summary>
        /// Whether the guest has set MSI-X Enable in the MSI-X capability: the legacy header then has the vector registers
        /// at 0x14 and 0x16 and the device configuration starts at 0x18 instead of 0x14. The caller tracks the capability.
        /// </summary>
        /// <exception cref="InvalidOperationException">Set to true on a device without MSI-X.</exception>
        public bool MsixEnabled
        {
            get => _msixEnabled;
            set
            {
                if (value && MsixVectors == 0) throw new InvalidOperationException("the device has no MSI-X capability (0 vectors)");
                _msixEnabled = value;
            }
        }

        /// <summary>The device status (<c>device_status</c>, legacy <c>STATUS</c>).</summary>
        public byte DeviceStatus => _status;

        /// <summary>The negotiated features: the driver's, masked to the offered ones (legacy <c>GUEST_FEATURES</c>).</summary>
        public ulong NegotiatedFeatures => _negotiated;

        /// <summary>The ISR status, without the clearing a guest read does.</summary>
        public byte InterruptStatus => _isr;

        /// <summary>The configuration generation.</summary>
        public byte ConfigGeneration => _generation;

        /// <summary>
        /// Reads <paramref name="size"/> bytes at <paramref name="offset"/> of BAR <paramref name="bar"/>: BAR4
        /// (<see cref="VirtioPciLayout.ModernMemoryBar"/>) with the modern interface, BAR0
        /// (<see cref="VirtioPciLayout.LegacyIoBar"/>) with the legacy one. Little-endian. Offsets past the regions read 0
        /// in BAR4 and all ones in BAR0, as unassigned memory and ports do. Reading the ISR clears it.
        /// </summary>
        /// <exception cref="ArgumentOutOfRangeException">The BAR is not one of the device's register BARs, or the size is not 1, 2, 4 or 8.</exception>
        public ulong ReadBar(int bar, ulong offset, int size)
        {
            bool legacy = RegisterBar(bar, size);
            ulong result = 0;
            for (int done = 0; done < size;)
            {
                ulong at = offset + (ulong)done;
                int piece = PieceSize(at, size - done);
                ulong value = legacy ? ReadLegacy(at, piece) : ReadModern(at, piece);
                result |= (value & Mask(piece)) << (8 * done);
                done += piece;
            }
            return result;
        }

        /// <summary>Writes the low <paramref name="size"/> bytes of <paramref name="value"/> at <paramref name="offset"/> of BAR <paramref name="bar"/> (see <see cref="ReadBar"/>).</summary>
        /// <exception cref="ArgumentOutOfRangeException">The BAR is not one of the device's register BARs, or the size is not 1, 2, 4 or 8.</exception>
        public void WriteBar(int bar, ulong offset, int size, ulong value)
        {
            bool legacy = RegisterBar(bar, size);
            for (int done = 0; done < size;)
            {
                ulong at = offset + (ulong)done;
                int piece = PieceSize(at, size - done);
                uint part = (uint)((value >> (8 * done)) & Mask(piece));
                if (legacy) WriteLegacy(at, part);
                else WriteModern(at, part);
                done += piece;
            }
        }

        /// <summary>
        /// Resets the device as QEMU's <c>virtio_pci_reset</c> does (a system reset, or the guest writing status 0): see the
        /// class remarks for what stays.
        /// </summary>
        public void Reset()
        {
            _status = 0;
            _negotiated = 0;
            _queueSelect = 0;
            _isr = 0;
            _configVector = NoVector;
            for (int i = 0; i < QueueMax; i++)
            {
                ResetQueue(i);
                _modernQueues[i] = default;
            }
        }

        private bool RegisterBar(int bar, int size)
        {
            if (size is not (1 or 2 or 4 or 8)) throw new ArgumentOutOfRangeException(nameof(size), size, "access sizes are 1, 2, 4 or 8 bytes");
            if (bar == VirtioPciLayout.ModernMemoryBar && Abi.Modern) return false;
            if (bar == VirtioPciLayout.LegacyIoBar && Abi.Legacy) return true;
            throw new ArgumentOutOfRangeException(nameof(bar), bar, "the device's virtio registers are in "
                + (Abi.Modern && Abi.Legacy ? "BAR4 and BAR0" : Abi.Modern ? "BAR4" : "BAR0"));
        }

        // QEMU's memory core: at most 4 bytes at a time (the regions' maximum), bounded by the address's alignment.
        private static int PieceSize(ulong address, int remaining)
        {
            int piece = remaining >= 4 ? 4 : remaining >= 2 ? 2 : 1;
            while (piece > 1 && (address & (ulong)(piece - 1)) != 0) piece >>= 1;
            return piece;
        }

        private static ulong Mask(int size) => size >= 8 ? ulong.MaxValue : (1UL << (8 * size)) - 1;

        private ulong ReadModern(ulong offset, int size) => offset switch
        {
            < VirtioPciLayout.RegionSize => ReadCommon((uint)offset),
            < 2 * VirtioPciLayout.RegionSize => ReadAndClearIsr(),
            < 3 * VirtioPciLayout.RegionSize => ReadConfig(offset - 2 * VirtioPciLayout.RegionSize, size),
            _ => 0,
        };

        private void WriteModern(ulong offset, uint value)
        {
            // The ISR ignores writes; device configuration writes are not modelled; notifications move no data.
            if (offset < VirtioPciLayout.RegionSize) WriteCommon((uint)offset, value);
        }

        private int LegacyHeader => _msixEnabled ? LegacyMsixHeaderSize : LegacyHeaderSize;

        private ulong ReadLegacy(ulong offset, int size) =>
            offset < (ulong)LegacyHeader ? ReadLegacyHeader((uint)offset) : ReadConfig(offset - (ulong)LegacyHeader, size);

        private void WriteLegacy(ulong offset, uint value)
        {
            if (offset < (ulong)LegacyHeader) WriteLegacyHeader((uint)offset, value);
        }

        // virtio_config_(modern_)read{b,w,l}: an access that ends past the configuration reads all ones.
        private ulong ReadConfig(ulong offset, int size)
        {
            int length = Abi.Config.Length;
            if (offset + (ulong)size > (ulong)length) return uint.MaxValue;
            ulong value = 0;
            for (int i = size - 1; i >= 0; i--) value = value << 8 | Abi.Config[(int)offset + i];
            return value;
        }

        private byte ReadAndClearIsr()
        {
            byte isr = _isr;
            _isr = 0;
            return isr;
        }

        private ulong ReadCommon(uint offset)
        {
            ref ModernQueue queue = ref _modernQueues[_queueSelect];
            return offset switch
            {
                0x00 => _deviceFeatureSelect,
                0x04 => _deviceFeatureSelect <= 1 ? (uint)(Abi.ModernFeatures >> (32 * (int)_deviceFeatureSelect)) : 0u,
                0x08 => _driverFeatureSelect,
                0x0c => _driverFeatureSelect <= 1 ? _driverFeatureWords[_driverFeatureSelect] : 0u,
                0x10 => _configVector,
                0x12 => (ulong)_numQueues,
                0x14 => _status,
                0x15 => _generation,
                0x16 => _queueSelect,
                0x18 => _sizes[_queueSelect],
                0x1a => _vectors[_queueSelect],
                0x1c => queue.Enabled ? 1u : 0u,
                0x1e => _queueSelect,                       // queue_notify_off: the queues in order
                0x20 => queue.DescLow,
                0x24 => queue.DescHigh,
                0x28 => queue.DriverLow,
                0x2c => queue.DriverHigh,
                0x30 => queue.DeviceLow,
                0x34 => queue.DeviceHigh,
                _ => 0,                                     // queue_reset (0x3a) reads 0 outside a reset, as every unknown offset
            };
        }

        private void WriteCommon(uint offset, uint value)
        {
            ref ModernQueue queue = ref _modernQueues[_queueSelect];
            switch (offset)
            {
                case 0x00: _deviceFeatureSelect = value; break;
                case 0x08: _driverFeatureSelect = value; break;
                case 0x0c:
                    if (_driverFeatureSelect <= 1)
                    {
                        _driverFeatureWords[_driverFeatureSelect] = value;
                        SetFeatures((ulong)_driverFeatureWords[1] << 32 | _driverFeatureWords[0]);
                    }
                    break;
                case 0x10: _configVector = Vector(value); break;
                case 0x14: WriteStatus((byte)value); break;
                case 0x16: SelectQueue(value); break;
                case 0x18:
                    queue.Size = (ushort)value;
                    SetQueueSize(_queueSelect, queue.Size);
                    break;
                case 0x1a: _vectors[_queueSelect] = Vector(value); break;
                case 0x1c:
                    if (value == 1)
                    {
                        SetQueueSize(_queueSelect, queue.Size);
                        if (_sizes[_queueSelect] != 0) _ringAddresses[_queueSelect] = (ulong)queue.DescHigh << 32 | queue.DescLow;
                        queue.Enabled = true;
                    }
                    else
                    {
                        DeviceError();
                    }
                    break;
                case 0x20: queue.DescLow = value; break;
                case 0x24: queue.DescHigh = value; break;
                case 0x28: queue.DriverLow = value; break;
                case 0x2c: queue.DriverHigh = value; break;
                case 0x30: queue.DeviceLow = value; break;
                case 0x34: queue.DeviceHigh = value; break;
                case 0x3a:
                    if (value == 1)
                    {
                        ResetQueue(_queueSelect);
                        queue.Enabled = false;
                    }
                    break;
            }
        }

        private ulong ReadLegacyHeader(uint offset) => offset switch
        {
            0x00 => (uint)Abi.HostFeatures,
            0x04 => (uint)_negotiated,
            0x08 => (uint)(_ringAddresses[_queueSelect] >> 12),
            0x0c => _sizes[_queueSelect],
            0x0e => _queueSelect,
            0x12 => _status,
            0x13 => ReadAndClearIsr(),
            0x14 => _configVector,                          // 0x14 and 0x16 are in the header only while MSI-X is enabled
            0x16 => _vectors[_queueSelect],
            _ => uint.MaxValue,
        };

        private void WriteLegacyHeader(uint offset, uint value)
        {
            switch (offset)
            {
                case 0x04:
                    // A driver that acknowledges VIRTIO_F_BAD_FEATURE does not negotiate: it gets the fallback set.
                    SetFeatures((value & (1u << VirtioTransportFeature.BadFeature)) != 0 ? Abi.FallbackFeatures : value);
                    break;
                case 0x08:
                    ulong address = (ulong)value << 12;
                    if (address == 0) Reset();
                    else if (_sizes[_queueSelect] != 0) _ringAddresses[_queueSelect] = address;
                    break;
                case 0x0e: SelectQueue(value); break;
                case 0x12: WriteStatus((byte)value); break;
                case 0x14: _configVector = Vector(value); break;
                case 0x16: _vectors[_queueSelect] = Vector(value); break;
            }
        }

        private ushort Vector(uint value) => value < (uint)MsixVectors ? (ushort)value : NoVector;

        private void SelectQueue(uint value)
        {
            if (value < QueueMax) _queueSelect = (ushort)value;
        }

        // virtio_queue_set_num: 1 to 1024, and a queue never changes between having a size and having none.
        private void SetQueueSize(int queue, ushort size)
        {
            if ((size != 0) != (_sizes[queue] != 0) || size > MaxQueueSize) return;
            _sizes[queue] = size;
        }

        private void ResetQueue(int queue)
        {
            _sizes[queue] = _defaultSizes[queue];
            _vectors[queue] = NoVector;
            _ringAddresses[queue] = 0;
        }

        // virtio_set_features: refused after FEATURES_OK; bits not offered are dropped.
        private void SetFeatures(ulong features)
        {
            if ((_status & FeaturesOk) != 0) return;
            _negotiated = features & Abi.HostFeatures;
        }

        // virtio_set_status (with virtio_validate_features), then virtio-pci resets the device when the status is 0.
        private void WriteStatus(byte value)
        {
            if (!Negotiated(VirtioTransportFeature.Version1) || (_status & FeaturesOk) != 0 || (value & FeaturesOk) == 0 || FeaturesValid())
                _status = value;
            if (_status == 0) Reset();
        }

        private bool FeaturesValid() =>
            (Abi.HostFeatures & 1UL << VirtioTransportFeature.AccessPlatform) == 0 || Negotiated(VirtioTransportFeature.AccessPlatform);

        private bool Negotiated(int bit) => (_negotiated & 1UL << bit) != 0;

        // virtio_error: a virtio 1.0 device needs a reset and tells the driver with a configuration change.
        private void DeviceError()
        {
            if (!Negotiated(VirtioTransportFeature.Version1)) return;
            _status |= NeedsReset;
            if ((_status & DriverOk) == 0) return;
            _isr |= 3;
            _generation++;
        }

        /// <summary>What the modern interface keeps per queue (QEMU's <c>VirtIOPCIQueue</c>).</summary>
        private struct ModernQueue
        {
            public ushort Size;
            public bool Enabled;
            public uint DescLow, DescHigh, DriverLow, DriverHigh, DeviceLow, DeviceHigh;
        }
    }
}
