using System;

namespace DeviceModel.Pci
{
    /// <summary>
    /// A vendor-specific capability (ID 9): byte 2 holds the capability length, the body follows from byte 3 with
    /// optional guest-writable bits.
    /// </summary>
    public class VendorSpecificCapability : PciCapability
    {
        /// <summary>Capability ID.</summary>
        public const byte CapabilityId = 0x09;
        /// <summary>Offset of the length byte.</summary>
        public const int LengthOffset = 2;
        /// <summary>Offset of the first body byte.</summary>
        public const int BodyOffset = 3;

        private readonly byte[] _body;
        private readonly byte[]? _writableBody;

        /// <summary>Declares a capability of <c>3 + body.Length</c> bytes.</summary>
        /// <exception cref="ArgumentException"><paramref name="writableBody"/> is not empty and not as long as <paramref name="body"/>.</exception>
        public VendorSpecificCapability(string name, ReadOnlySpan<byte> body, ReadOnlySpan<byte> writableBody = default)
            : base(CapabilityId, name, BodyOffset + body.Length)
        {
            if (!writableBody.IsEmpty && writableBody.Length != body.Length)
                throw new ArgumentException("the writable mask of '" + name + "' has " + writableBody.Length + " bytes, its body " + body.Length, nameof(writableBody));
            _body = body.ToArray();
            _writableBody = writableBody.IsEmpty ? null : writableBody.ToArray();
        }

        /// <summary>The body, from byte 3.</summary>
        public ReadOnlySpan<byte> Body => _body;

        /// <summary>The body's guest-writable bits (empty: read-only).</summary>
        public ReadOnlySpan<byte> WritableBody => _writableBody;

        /// <inheritdoc/>
        protected internal override void Initialize(CapabilityRegisters registers)
        {
            registers.Values.Set8(LengthOffset, (byte)Length);
            registers.Values.CopyFrom(BodyOffset, _body);
            if (_writableBody is not null) registers.WriteMask.CopyFrom(BodyOffset, _writableBody);
        }
    }
}
