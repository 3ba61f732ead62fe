using System.Security.Cryptography;
using Otto.Events;

namespace Otto.Reporting;

/// <summary>
/// The content hash checkout.json keeps of each path `git status` lists: the first 16 hex digits of its SHA-256
/// (64 bits: finding another content with the same hash is out of an agent's reach), "absent" for a path that is
/// no file (deleted, a folder, a submodule), "unreadable" when it cannot be read.
/// </summary>
internal static class FileHash
{
    /// <summary>Up to this size the managed SHA-256 hashes the file: `otto status` hashes the checkout's changed
    /// files on every call while a run goes on, and loading OpenSSL for them costs ~6 ms, more than hashing a
    /// source file. Larger files go to the platform's, which is faster per byte. Both give the same digest.</summary>
    private const int ManagedUpTo = 256 * 1024;

    public static string Of(string path)
    {
        try
        {
            if (!File.Exists(path)) return "absent";
            var content = File.ReadAllBytes(path);
            var digest = new byte[32];
            if (content.Length <= ManagedUpTo) HmacSha256Scalar.Hash(content, digest);
            else digest = SHA256.HashData(content);
            return Convert.ToHexString(digest, 0, 8);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "unreadable";
        }
    }
}
