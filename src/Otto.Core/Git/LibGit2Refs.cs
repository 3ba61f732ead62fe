using System.Runtime.InteropServices;
using System.Text;
using LibGit2Sharp;

namespace Otto.Git;

/// <summary>
/// The one libgit2 call LibGit2Sharp does not expose: `git_reference_create_matching`, a ref update that
/// succeeds only if the ref is at an expected old value — checked and written under libgit2's ref lock,
/// as `git update-ref REF NEW OLD` does. (LibGit2Sharp's `Refs.UpdateTarget` looks the ref up again by
/// name and compares against that fresh read, which is not a compare-and-swap on the value otto recorded.)
/// Called through the libgit2 LibGit2Sharp itself loaded, by function pointer.
/// </summary>
internal static unsafe class LibGit2Refs
{
    private const int OidSize = 20;
    private static readonly Lazy<Exports> Native = new(Load);

    /// <returns>True when the ref moved; false when it was elsewhere, locked, or (for ZeroSha) already there.</returns>
    public static bool CompareAndSwap(string repositoryPath, string reference, string newSha, string expectedOld, string reflogMessage)
    {
        var native = Native.Value;
        nint repo = 0, created = 0;
        var newId = Oid(newSha);
        var oldId = Oid(expectedOld == GitRepo.ZeroSha ? newSha : expectedOld);
        var path = Utf8(repositoryPath);
        var name = Utf8(reference);
        var message = Utf8(reflogMessage);
        fixed (byte* pathPtr = path, namePtr = name, messagePtr = message, newPtr = newId, oldPtr = oldId)
        {
            if (native.RepositoryOpen(&repo, pathPtr) != 0) throw new LibGit2SharpException($"libgit2 could not open {repositoryPath}");
            try
            {
                var result = expectedOld == GitRepo.ZeroSha
                    ? native.ReferenceCreate(&created, repo, namePtr, newPtr, 0, messagePtr) // force 0: only if it does not exist
                    : native.ReferenceCreateMatching(&created, repo, namePtr, newPtr, 1, oldPtr, messagePtr);
                if (created != 0) native.ReferenceFree(created);
                return result == 0;
            }
            finally
            {
                native.RepositoryFree(repo);
            }
        }
    }

    private static byte[] Utf8(string text)
    {
        var bytes = new byte[Encoding.UTF8.GetByteCount(text) + 1];
        Encoding.UTF8.GetBytes(text, bytes);
        return bytes;
    }

    private static byte[] Oid(string sha) =>
        sha.Length == OidSize * 2 ? Convert.FromHexString(sha) : throw new ArgumentException($"not a full object id: '{sha}'");

    private sealed class Exports
    {
        public required delegate* unmanaged[Cdecl]<nint*, byte*, int> RepositoryOpen;
        public required delegate* unmanaged[Cdecl]<nint, void> RepositoryFree;
        public required delegate* unmanaged[Cdecl]<nint*, nint, byte*, byte*, int, byte*, int> ReferenceCreate;
        public required delegate* unmanaged[Cdecl]<nint*, nint, byte*, byte*, int, byte*, byte*, int> ReferenceCreateMatching;
        public required delegate* unmanaged[Cdecl]<nint, void> ReferenceFree;
    }

    private static Exports Load()
    {
        _ = GlobalSettings.Version; // LibGit2Sharp loads libgit2 and runs git_libgit2_init once
        var handle = NativeLibrary.Load(NativePath());
        return new Exports
        {
            RepositoryOpen = (delegate* unmanaged[Cdecl]<nint*, byte*, int>)NativeLibrary.GetExport(handle, "git_repository_open"),
            RepositoryFree = (delegate* unmanaged[Cdecl]<nint, void>)NativeLibrary.GetExport(handle, "git_repository_free"),
            ReferenceCreate = (delegate* unmanaged[Cdecl]<nint*, nint, byte*, byte*, int, byte*, int>)NativeLibrary.GetExport(handle, "git_reference_create"),
            ReferenceCreateMatching = (delegate* unmanaged[Cdecl]<nint*, nint, byte*, byte*, int, byte*, byte*, int>)NativeLibrary.GetExport(handle, "git_reference_create_matching"),
            ReferenceFree = (delegate* unmanaged[Cdecl]<nint, void>)NativeLibrary.GetExport(handle, "git_reference_free"),
        };
    }

    /// <summary>The libgit2 shipped beside LibGit2Sharp: under runtimes/RID/native/ in a portable build, next
    /// to the assembly in a RID-specific one.</summary>
    private static string NativePath()
    {
        var pattern = "libgit2-*" + (OperatingSystem.IsMacOS() ? ".dylib" : ".so");
        var dir = Path.GetDirectoryName(typeof(Repository).Assembly.Location) is { Length: > 0 } known ? known : AppContext.BaseDirectory;
        var beside = Directory.GetFiles(dir, pattern);
        if (beside.Length > 0) return beside[0];
        var rid = RuntimeInformation.RuntimeIdentifier;
        var arch = RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant();
        var os = OperatingSystem.IsMacOS() ? "osx" : rid.StartsWith("linux-musl", StringComparison.Ordinal) ? "linux-musl" : "linux";
        var native = Path.Combine(dir, "runtimes", $"{os}-{arch}", "native");
        var found = Directory.Exists(native) ? Directory.GetFiles(native, pattern) : [];
        return found.Length > 0 ? found[0] : throw new DllNotFoundException($"libgit2 not found beside {dir} or in {native}");
    }
}
