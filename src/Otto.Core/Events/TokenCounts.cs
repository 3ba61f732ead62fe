namespace Otto.Events;

public sealed record TokenCounts(long Input = 0, long Output = 0, long Cached = 0)
{
    public TokenCounts Add(TokenCounts? other) =>
        other is null ? this : new TokenCounts(Input + other.Input, Output + other.Output, Cached + other.Cached);

    public long Total => Input + Output;
}
