namespace DeviceModel.Pci
{
    /// <summary>
    /// Behaviour that follows a guest write to the configuration space, after the masks were applied
    /// (QEMU's device <c>config_write</c> hooks that run after <c>pci_default_write_config</c>): self-clearing
    /// bits, resets. Capabilities that need one create it at realize.
    /// </summary>
    public interface IConfigWriteObserver
    {
        /// <summary>Called after a guest wrote <paramref name="width"/> bytes at <paramref name="offset"/>.</summary>
        void AfterWrite(ConfigSpace space, int offset, int width);
    }
}
