using System.Security.Cryptography;

namespace Otto.Tests.EndToEnd.Support;

/// <summary>Every file under a folder (.git included) with its bytes' hash: equal snapshots mean nothing was written.</summary>
public static class TreeSnapshot
{
    public static string Of(string root) => string.Join("\n",
        Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(f => f[root.Length..] + " " + Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f)))));
}
