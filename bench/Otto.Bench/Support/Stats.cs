namespace Otto.Bench.Support;

/// <summary>Order statistics of a sample of timings.</summary>
public static class Stats
{
    public static double Median(IReadOnlyCollection<double> values) => Percentile(values, 50);

    public static double Percentile(IReadOnlyCollection<double> values, double p)
    {
        if (values.Count == 0) return double.NaN;
        var sorted = values.Order().ToArray();
        var rank = p / 100 * (sorted.Length - 1);
        var low = (int)Math.Floor(rank);
        var high = (int)Math.Ceiling(rank);
        return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
    }

    public static double Mean(IReadOnlyCollection<double> values) => values.Count == 0 ? double.NaN : values.Average();

    /// <summary>"median 123.4 ms (p10 110.2, p90 150.9, n 30)".</summary>
    public static string Describe(IReadOnlyCollection<double> ms) =>
        FormattableString.Invariant($"median {Median(ms),7:0.0} ms  (p10 {Percentile(ms, 10):0.0}, p90 {Percentile(ms, 90):0.0}, min {ms.Min():0.0}, n {ms.Count})");
}
