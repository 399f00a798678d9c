using System;

namespace DeviceModel.Pci
{
    /// <summary>A configuration space cannot be built as declared (a realize error): the message says what and why.</summary>
    public class PciConfigurationException : InvalidOperationException
    {
        /// <summary>Creates the error.</summary>
        public PciConfigurationException(string message) : base(message)
        {
        }

        /// <summary>Creates the error with its cause.</summary>
        public PciConfigurationException(string message, Exception innerException) : base(message, innerException)
        {
        }
    }

    /// <summary>A capability does not fit where it was declared: misaligned, overlapping, or past the end of its area.</summary>
    public sealed class CapabilityLayoutException : PciConfigurationException
    {
        /// <summary>Creates the error for <paramref name="capabilityName"/>.</summary>
        public CapabilityLayoutException(string capabilityName, string message) : base(message) => CapabilityName = capabilityName;

        /// <summary>The capability that could not be placed.</summary>
        public string CapabilityName { get; }
    }
}
