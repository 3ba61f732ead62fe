using System.CommandLine;

namespace Otto.Cli;

public static class CliApp
{
    public static async Task<int> RunAsync(string[] args)
    {
        var root = new RootCommand("otto");
        return await root.Parse(args).InvokeAsync();
    }
}
