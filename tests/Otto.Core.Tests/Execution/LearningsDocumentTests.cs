using System.Text;
using Otto.Execution;

namespace Otto.Tests.Execution;

/// <summary>The repository's learnings file: what people wrote stays, each run adds one attributed section
/// of learnings the file does not have yet, and the file stays within its bound, whole sections at a time.</summary>
public sealed class LearningsDocumentTests
{
    [Fact]
    public void A_first_run_starts_the_file_with_a_title_and_its_own_section()
    {
        var (document, added) = LearningsDocument.Parse("").Add("20250101-120000-abcd", "add a login page\nwith a form", ["- [ui] Forms use the shared Button.", "- [api] Tokens live in src/auth."]);

        Assert.Equal(2, added);
        Assert.Equal(
            "# What otto runs learned\n\n## 20250101-120000-abcd: add a login page\n\n- [ui] Forms use the shared Button.\n- [api] Tokens live in src/auth.\n",
            document.Render());
    }

    [Fact]
    public void What_people_wrote_stays_and_a_learning_the_file_has_anywhere_is_not_added_again()
    {
        const string existing = "# Team notes\n\nRead this before you change the build.\n- Use pnpm, never npm.\n\n## run-1: first\n\n- [db] Migrations run with make migrate.\n\nA remark someone added.\n";

        var (document, added) = LearningsDocument.Parse(existing).Add("run-2", "second", [
            "- [ui] use PNPM, never npm",          // in the preamble, other case and no full stop
            "- [api] Migrations run with  make migrate.", // in run-1's section, another task
            "- [api] The API answers JSON only.",
            "- [ui] the api answers json only",     // twice in this very run
        ]);

        Assert.Equal(1, added);
        Assert.Equal(existing + "\n## run-2: second\n\n- [api] The API answers JSON only.\n", document.Render());
    }

    [Fact]
    public void Nothing_new_leaves_the_document_as_it_was()
    {
        var before = LearningsDocument.Parse("## run-1: first\n\n- [db] Use sqlite in tests.\n");

        var (after, added) = before.Add("run-2", "second", ["- [db] use sqlite in tests", "not an entry"]);

        Assert.Equal(0, added);
        Assert.Same(before, after);
    }

    [Fact]
    public void The_file_is_bounded_by_dropping_the_oldest_runs_whole()
    {
        var document = LearningsDocument.Parse("# Team notes\n\nKeep it short.\n");
        var written = new List<string>();
        for (var run = 1; run <= 60; run++)
        {
            var lines = Enumerable.Range(1, 5).Select(i => $"- [t{i}] run {run} learned fact {i}: {new string('x', 40)}").ToList();
            written.AddRange(lines);
            document = document.Add($"run-{run:D2}", $"intent {run}", lines).Document;
        }
        var text = document.Render();

        Assert.InRange(Encoding.UTF8.GetByteCount(text), 1, LearningsDocument.MaxBytes);
        Assert.StartsWith("# Team notes\n\nKeep it short.\n\n## ", text, StringComparison.Ordinal);
        Assert.Contains("## run-60: intent 60\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("## run-01:", text, StringComparison.Ordinal);
        var entries = text.Split('\n').Where(LearningsDocument.IsEntry).ToList();
        Assert.All(entries, e => Assert.Contains(e, written)); // whole entries only
        // Whole sections: every run still in the file has all five of its learnings.
        Assert.Equal(0, entries.Count % 5);
        var firstKept = int.Parse(text.Split("## run-")[1][..2], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal((60 - firstKept + 1) * 5, entries.Count);
    }

    [Fact]
    public void A_long_intent_names_its_section_by_its_first_hundred_characters()
    {
        var (document, _) = LearningsDocument.Parse("").Add("run-1", new string('a', 300) + "\nmore", ["- [x] y"]);

        Assert.Contains($"## run-1: {new string('a', 100)}…\n", document.Render(), StringComparison.Ordinal);
    }
}
