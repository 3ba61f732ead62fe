using System.Security.Cryptography;
using System.Text;
using Microsoft.Win32.SafeHandles;
using Otto.Events;
using Otto.Platform;

namespace Otto.Reporting;

/// <summary>
/// The content hash checkout.json keeps of each path `git status` lists: the first 16 hex digits of its SHA-256
/// (64 bits: finding another content with the same hash is out of an agent's reach). A symlink is hashed as what
/// git keeps of it, its target, never followed (it may point at a FIFO or /dev/zero); anything else that is no
/// regular file (a FIFO) is "special", a path that is no file (deleted, a folder, a submodule) "absent", one that
/// cannot be read "unreadable". The driver hashes these every few seconds (<see cref="Engine.CheckoutLooker"/>),
/// so nothing here blocks or reads a file whole when it is big.
/// </summary>
internal static class FileHash
{
    /// <summary>Up to this size the managed SHA-256 hashes the file: `otto status` may hash the checkout's changed
    /// files, and loading OpenSSL for them costs ~6 ms, more than hashing a source file. Larger files are streamed
    /// through the platform's, which is faster per byte. Both give the same digest.</summary>
    private const int ManagedUpTo = 256 * 1024;

    public static string Of(string path)
    {
        try
        {
            var info = new FileInfo(path);
            if (info.LinkTarget is { } target) return OfText("symlink " + target);
            if (!info.Exists) return "absent";
            var fd = Libc.OpenToReadAsItIs(path);
            if (fd < 0) return "unreadable";
            using var stream = new FileStream(new SafeFileHandle(fd, ownsHandle: true), FileAccess.Read, bufferSize: 0);
            if (!stream.CanSeek) return "special";
            if (stream.Length > ManagedUpTo) return Hex(SHA256.HashData(stream));
            var content = new byte[stream.Length];
            stream.ReadExactly(content);
            return Hex(Managed(content));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "unreadable";
        }
    }

    /// <summary>The same hash of a text (UTF-8).</summary>
    public static string OfText(string text) => Hex(Managed(Encoding.UTF8.GetBytes(text)));

    private static byte[] Managed(byte[] content)
    {
        var digest = new byte[32];
        HmacSha256Scalar.Hash(content, digest);
        return digest;
    }

    private static string Hex(byte[] digest) => Convert.ToHexString(digest, 0, 8);
}
