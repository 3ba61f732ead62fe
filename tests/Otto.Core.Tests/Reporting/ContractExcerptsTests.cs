using Otto.Reporting;

namespace Otto.Tests.Reporting;

/// <summary>What a prompt shows of the contracts a task builds on stays within its bounds, and says what it cut.</summary>
public sealed class ContractExcerptsTests
{
    private static string Lines(int count, int width = 10) => string.Concat(Enumerable.Range(1, count).Select(i => $"{i}".PadRight(width, '.') + "\n"));

    [Fact]
    public void A_small_contract_is_shown_whole()
    {
        var shown = Assert.Single(ContractExcerpts.Bound([("src/api.sh", "core", "add() {}\nsub() {}\n")], "abc"));

        Assert.Equal("add() {}\nsub() {}", shown["text"]);
        Assert.Null(shown["note"]);
        Assert.Equal("core", shown["owner"]);
    }

    [Fact]
    public void A_long_contract_shows_its_first_lines_and_how_to_read_the_rest()
    {
        var shown = Assert.Single(ContractExcerpts.Bound([("src/api.sh", "core", Lines(500))], "abc"));

        Assert.Equal(ContractExcerpts.MaxLines, ((string)shown["text"]!).Split('\n').Length);
        Assert.Equal($"its first {ContractExcerpts.MaxLines} of 500 lines; all of it: `git show abc:src/api.sh`", shown["note"]);
    }

    [Fact]
    public void Past_the_total_or_the_file_count_a_contract_is_named_and_not_shown()
    {
        var files = Enumerable.Range(1, 12).Select(i => ($"src/c{i}.sh", "core", Lines(40, 99))).ToList();

        var shown = ContractExcerpts.Bound(files, "abc");

        Assert.Equal(12, shown.Count);
        var total = shown.Sum(s => ((string?)s["text"])?.Length ?? 0);
        Assert.InRange(total, 1, ContractExcerpts.MaxTotalChars);
        Assert.All(shown.Where(s => s["text"] is null), s => Assert.StartsWith("not shown, for room: `git show abc:", (string)s["note"]!, StringComparison.Ordinal));
        Assert.Contains(shown, s => s["text"] is null);
    }

    [Fact]
    public void A_binary_contract_is_named_as_such()
    {
        var shown = Assert.Single(ContractExcerpts.Bound([("img/logo.png", "core", "PNG\0\0data")], "abc"));

        Assert.Equal(("", "a binary file"), ((string?)shown["text"], (string?)shown["note"]));
    }
}
