namespace Otto.Engine;

/// <summary>What `otto build` / `otto plan` were asked on the command line; overrides otto.yaml for this run.</summary>
public sealed record BuildOptions
{
    public string? Agent { get; init; }
    public string? Model { get; init; }
    public int? Concurrency { get; init; }
    public TimeSpan? Budget { get; init; }
    public decimal? MaxCost { get; init; }
    public bool PlanOnly { get; init; }
    public bool AllowDirty { get; init; }
    public string? Scenario { get; init; }
}
