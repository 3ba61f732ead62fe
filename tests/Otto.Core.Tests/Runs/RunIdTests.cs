using Otto.Runs;
using Otto.Tests.Support;

namespace Otto.Tests.Runs;

public sealed class RunIdTests
{
    [Fact]
    public void A_new_id_is_the_utc_time_and_four_hex_digits()
    {
        var id = RunId.New(new DateTimeOffset(2025, 2, 3, 4, 5, 6, TimeSpan.FromHours(-1)));

        Assert.StartsWith("20250203-050506-", id, StringComparison.Ordinal);
        Assert.True(RunId.IsValid(id), id);
    }

    [Theory]
    [InlineData("20250203-050506-0a9f", true)]
    [InlineData("20250203-050506-0A9F", false)]
    [InlineData("20250203-050506-0a9", false)]
    [InlineData("2025020-050506-0a9f", false)]
    [InlineData("../20250203-050506-0a9f", false)]
    [InlineData("", false)]
    public void IsValid_accepts_only_the_run_id_shape(string text, bool valid) => Assert.Equal(valid, RunId.IsValid(text));

    [Fact]
    public void Ids_sort_by_time()
    {
        var earlier = RunId.New(new DateTimeOffset(2025, 12, 31, 23, 59, 59, TimeSpan.Zero));
        var later = RunId.New(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

        Assert.True(string.CompareOrdinal(earlier, later) < 0);
    }

    [Fact]
    public void Reserving_in_the_same_second_never_hands_out_an_id_twice()
    {
        using var temp = new TempDir();
        var now = DateTimeOffset.UtcNow;

        var ids = Enumerable.Range(0, 200).AsParallel().Select(_ => RunId.Reserve(temp.Path, now)).ToList();

        Assert.Equal(200, ids.Distinct().Count());
        Assert.All(ids, id => Assert.True(Directory.Exists(Path.Combine(temp.Path, id))));
    }
}
