using System.Diagnostics;
using System.Reflection;

namespace Otto.Tests.Support;

/// <summary>Runs tests/Otto.EventWriter (built with this test project) as a separate OS process.</summary>
public static class EventWriterProcess
{
    public static string Dll
    {
        get
        {
            var path = typeof(EventWriterProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
                .FirstOrDefault(a => a.Key == "EventWriterDll")?.Value
                ?? throw new InvalidOperationException("the EventWriterDll assembly metadata is missing from Otto.Core.Tests.csproj");
            return File.Exists(path) ? Path.GetFullPath(path) : throw new FileNotFoundException($"{path} was not built; build GitOtto.sln first", path);
        }
    }

    public static Process Start(string runDir, int count)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            UseShellExecute = false,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        start.ArgumentList.Add(Dll);
        start.ArgumentList.Add(runDir);
        start.ArgumentList.Add(count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return Process.Start(start) ?? throw new InvalidOperationException("could not start the event writer");
    }
}
