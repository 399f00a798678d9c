using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;

namespace DeviceModel.Hints
{
    /// <summary>
    /// Flushes a directory's entries to disk (fsync on the directory), so a rename into it survives a crash.
    /// .NET has no managed way: <c>File.OpenHandle</c> and <c>FileStream</c> refuse directories, and
    /// <c>RandomAccess.FlushToDisk</c> is not public. On Linux and macOS this calls libc's <c>open</c>/<c>fsync</c>/<c>close</c>;
    /// on Windows it does nothing (NTFS journals the rename's metadata; a directory handle cannot be flushed without
    /// backup privileges).
    /// </summary>
    internal static class DirectoryFlush
    {
        private const int ReadOnly = 0; // O_RDONLY: the same on Linux and macOS; a directory opens read-only.
        private const int InvalidArgument = 22; // EINVAL: the file system cannot fsync a directory (nothing to flush).

        public static void Flush(string directory)
        {
            if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS() && !OperatingSystem.IsFreeBSD()) return;
            byte[] path = new byte[Encoding.UTF8.GetByteCount(directory) + 1];
            Encoding.UTF8.GetBytes(directory, path);
            int fd = open(path, ReadOnly);
            if (fd < 0) throw new IOException("cannot open directory " + directory + " to flush it: errno " + Marshal.GetLastPInvokeError());
            try
            {
                if (fsync(fd) != 0)
                {
                    int errno = Marshal.GetLastPInvokeError();
                    if (errno != InvalidArgument) throw new IOException("cannot flush directory " + directory + " to disk: errno " + errno);
                }
            }
            finally
            {
                _ = close(fd);
            }
        }

        [DllImport("libc", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        private static extern int open(byte[] path, int flags);

        [DllImport("libc", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        private static extern int fsync(int fd);

        [DllImport("libc", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        private static extern int close(int fd);
    }
}
