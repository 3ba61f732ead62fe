using System.Net.Sockets;

namespace Otto.Tests.RealClis;

/// <summary>
/// Where the real agent CLIs are for these tests: OTTO_REAL_CLIS, the folder scripts/real-clis.sh
/// installed tests/real-clis/versions.txt into (.ci/run sets it). When they are not there, or the APIs
/// are reachable from this machine (the tests need them not to be), a test reports itself skipped with
/// the reason: never passed without having run.
/// </summary>
internal static class RealClis
{
    private static readonly Lazy<string?> NetworkReachable = new(ReachableApi);

    /// <summary>The CLI's executable, or a skip with the reason it cannot be run here.</summary>
    public static string Require(string name)
    {
        var dir = Environment.GetEnvironmentVariable("OTTO_REAL_CLIS");
        var why = Environment.GetEnvironmentVariable("OTTO_REAL_CLIS_SKIP");
        Skip.If(string.IsNullOrEmpty(dir), "the real CLIs are not installed: " + (string.IsNullOrEmpty(why) ? "OTTO_REAL_CLIS is not set (scripts/real-clis.sh installs them)" : why));
        var path = Path.Combine(dir!, name);
        Skip.IfNot(File.Exists(path), $"{path} does not exist (OTTO_REAL_CLIS={dir})");
        Skip.If(NetworkReachable.Value is not null, $"{NetworkReachable.Value} is reachable from here, and these tests need the agents' APIs out of reach");
        return path;
    }

    /// <summary>The first of the three APIs that answers a TCP connection, or null (no DNS, no route: offline).</summary>
    private static string? ReachableApi()
    {
        foreach (var host in new[] { "api.anthropic.com", "api.openai.com", "generativelanguage.googleapis.com" })
        {
            try
            {
                using var client = new TcpClient();
                if (client.ConnectAsync(host, 443).Wait(TimeSpan.FromSeconds(3))) return host;
            }
            catch (Exception e) when (e is AggregateException or SocketException)
            {
            }
        }
        return null;
    }
}
