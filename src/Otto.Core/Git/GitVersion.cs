using System.Globalization;
using System.Text.RegularExpressions;

namespace Otto.Git;

/// <summary>The installed git's version; merge-tree --write-tree needs 2.38.</summary>
public sealed record GitVersion(int Major, int Minor, int Patch) : IComparable<GitVersion>
{
    public static readonly GitVersion Required = new(2, 38, 0);

    public static GitVersion? Parse(string versionOutput)
    {
        var match = Regex.Match(versionOutput, @"(\d+)\.(\d+)(?:\.(\d+))?");
        if (!match.Success) return null;
        int Part(int i) => match.Groups[i].Success ? int.Parse(match.Groups[i].Value, CultureInfo.InvariantCulture) : 0;
        return new GitVersion(Part(1), Part(2), Part(3));
    }

    /// <summary>The installed version, or null when git is not on PATH.</summary>
    public static GitVersion? Installed()
    {
        try
        {
            var result = GitCli.Run(Environment.CurrentDirectory, "--version");
            return result.Ok ? Parse(result.Stdout) : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    public int CompareTo(GitVersion? other) =>
        other is null ? 1 : (Major, Minor, Patch).CompareTo((other.Major, other.Minor, other.Patch));

    public bool IsAtLeast(GitVersion other) => CompareTo(other) >= 0;

    public override string ToString() => $"{Major}.{Minor}.{Patch}";
}
