using System.Globalization;

namespace Otto.Bench.Support;

/// <summary>`--name value` options and `--flag` switches after the subcommand; unknown names are errors.</summary>
public sealed class BenchArgs
{
    private readonly Dictionary<string, string?> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);

    public BenchArgs(IEnumerable<string> args)
    {
        string? pending = null;
        foreach (var arg in args)
        {
            if (arg.StartsWith("--", StringComparison.Ordinal))
            {
                if (pending is not null) _values[pending] = null;
                pending = arg[2..];
                continue;
            }
            if (pending is null) throw new ArgumentException($"unexpected argument '{arg}' (options are --name value)");
            _values[pending] = arg;
            pending = null;
        }
        if (pending is not null) _values[pending] = null;
    }

    public bool Flag(string name)
    {
        _used.Add(name);
        return _values.ContainsKey(name);
    }

    public string? String(string name)
    {
        _used.Add(name);
        return _values.GetValueOrDefault(name);
    }

    public int Int(string name, int fallback) =>
        String(name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

    public long Long(string name, long fallback) =>
        String(name) is { } text ? long.Parse(text, CultureInfo.InvariantCulture) : fallback;

    public IReadOnlyList<int> Ints(string name, IReadOnlyList<int> fallback) =>
        String(name) is { } text
            ? text.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToList()
            : fallback;

    /// <summary>Names given on the command line that no benchmark asked for (typos).</summary>
    public IEnumerable<string> Unused => _values.Keys.Where(k => !_used.Contains(k));
}
