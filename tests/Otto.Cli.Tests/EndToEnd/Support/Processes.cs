using System.Globalization;

namespace Otto.Tests.EndToEnd.Support;

/// <summary>What /proc says about processes: a zombie (ended, not yet reaped) counts as gone.</summary>
public static class Processes
{
    /// <summary>Pids of the live (non-zombie) members of a process group.</summary>
    public static IReadOnlyList<int> GroupMembers(int pgid)
    {
        var members = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)) continue;
            if (Stat(pid) is { } stat && stat.Group == pgid && stat.State != 'Z') members.Add(pid);
        }
        return members;
    }

    /// <summary>The process's argv joined by spaces, or null when it is gone.</summary>
    public static string? CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").TrimEnd('\0').Replace('\0', ' ');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    public static bool IsAlive(int pid) => Stat(pid) is { State: not 'Z' };

    /// <summary>The pid of a process that has ended (`true`, waited for): what a killed otto leaves in a name.</summary>
    public static async Task<int> DeadPidAsync()
    {
        using var gone = System.Diagnostics.Process.Start("true")!;
        await gone.WaitForExitAsync();
        return gone.Id;
    }

    /// <summary>The pid written first in an attempt's `pid` file ("PID STARTTIME").</summary>
    public static int ReadPidFile(string path) =>
        int.Parse(File.ReadAllText(path).Split(' ', StringSplitOptions.RemoveEmptyEntries)[0], CultureInfo.InvariantCulture);

    /// <summary>Polls until the condition holds; fails the test with the description after the deadline.</summary>
    public static async Task WaitUntilAsync(Func<bool> condition, string description, TimeSpan? deadline = null)
    {
        var until = DateTime.UtcNow + (deadline ?? TimeSpan.FromSeconds(60));
        while (!condition())
        {
            if (DateTime.UtcNow > until) Assert.Fail($"timed out waiting until {description}");
            await Task.Delay(50);
        }
    }

    private static (char State, int Group)? Stat(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
            // "pid (comm) state ppid pgrp ...": comm may contain spaces and parentheses.
            var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
            return (fields[0][0], int.Parse(fields[2], CultureInfo.InvariantCulture));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }
}
