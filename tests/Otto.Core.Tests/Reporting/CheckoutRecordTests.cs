using System.Text;
using System.Text.Json;
using Otto.Reporting;

namespace Otto.Tests.Reporting;

public sealed class CheckoutRecordTests
{
    private static readonly CheckoutSnapshot Start = new("abc", "main", new Dictionary<string, string> { ["b.txt"] = "?? 01", ["a \"quoted\"\n.txt"] = " M 02" });

    [Fact]
    public void A_record_reads_back_as_written()
    {
        var record = new CheckoutRecord("/home/me/repo", Start, Start with { Branch = null }, ["HEAD", "a.txt"]);

        var read = CheckoutRecord.Parse(record.ToJson());

        Assert.Equal(("/home/me/repo", "abc", (string?)null, false), (read.Checkout, read.Start!.Head, read.End!.Branch, read.Altered));
        Assert.Equal(Start.Files.OrderBy(f => f.Key), read.Start.Files.OrderBy(f => f.Key));
        Assert.Equal(["HEAD", "a.txt"], read.Changed!);
        Assert.Null(read.Start.GitRules);
    }

    [Fact]
    public void The_hashes_of_git_s_rules_read_back_as_written()
    {
        var rules = new Dictionary<string, string> { [".git/info/exclude"] = "01", ["~/.gitconfig"] = "absent" };
        var record = new CheckoutRecord("/r", Start with { GitRules = rules }, null, null);

        var read = CheckoutRecord.Parse(record.ToJson());

        Assert.Equal(rules.OrderBy(r => r.Key), read.Start!.GitRules!.OrderBy(r => r.Key));
    }

    [Fact]
    public void A_record_as_the_former_json_node_writer_wrote_it_reads_the_same()
    {
        // Written by otto before the record was read with Utf8JsonReader (a run resumed across the upgrade).
        var former = """
            {
              "checkout": "/home/me/repo",
              "start": {
                "head": null,
                "branch": "main",
                "files": {
                  "PWNED": "?? 0123456789ABCDEF"
                }
              }
            }
            """;

        var read = CheckoutRecord.Parse(Encoding.UTF8.GetBytes(former));

        Assert.Equal(("/home/me/repo", (string?)null, "main"), (read.Checkout, read.Start!.Head, read.Start.Branch));
        Assert.Equal("?? 0123456789ABCDEF", read.Start.Files["PWNED"]);
        Assert.Null(read.End);
        Assert.Null(read.Changed);
    }

    [Fact]
    public void Files_are_written_in_ordinal_order_and_an_empty_start_keeps_the_form_tests_and_jq_see()
    {
        var json = Encoding.UTF8.GetString(new CheckoutRecord("/r", new CheckoutSnapshot(null, null, new Dictionary<string, string>()), null, null).ToJson());
        var files = Encoding.UTF8.GetString(new CheckoutRecord("/r", Start, null, null).ToJson());

        Assert.Contains("\"files\": {}", json, StringComparison.Ordinal);
        Assert.True(files.IndexOf("a \\u0022quoted", StringComparison.Ordinal) < files.IndexOf("b.txt", StringComparison.Ordinal), files);
        Assert.EndsWith("}\n", json, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("[]")]
    [InlineData("{\"checkout\": 5}")]
    [InlineData("{\"start\": {\"files\": {\"a\": 1}}}")]
    [InlineData("{\"changed\": [null]}")]
    [InlineData("{\"checkout\": \"/r\"")]
    public void What_is_not_a_record_is_a_json_error(string json) =>
        Assert.ThrowsAny<JsonException>(() => CheckoutRecord.Parse(Encoding.UTF8.GetBytes(json)));
}
