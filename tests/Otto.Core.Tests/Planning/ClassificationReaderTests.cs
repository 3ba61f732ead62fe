using Otto.Contracts;
using Otto.Planning;
using Otto.Runs;
using Otto.Tests.Support;

namespace Otto.Tests.Planning;

public sealed class ClassificationReaderTests
{
    [Fact]
    public void A_valid_classification_is_read()
    {
        using var temp = new TempDir();
        var path = temp.Write(".ai/classification.json", """{"kind":"bugfix","size":"trivial","single_task":true,"rationale":"one line"}""");

        var (value, error) = ClassificationReader.Read(path);

        Assert.Null(error);
        Assert.Equal(new Classification("bugfix", "trivial", true, "one line"), value);
    }

    [Theory]
    [InlineData("""{"kind":"bugfix","size":"huge","single_task":true}""", ".ai/classification.json: size is not one of the allowed values")]
    [InlineData("""{"kind":"bugfix","size":"small","single_task":"yes"}""", ".ai/classification.json: single_task must be true or false")]
    [InlineData("""{"kind":"bugfix","size":"small"}""", ".ai/classification.json: `single_task` is required")]
    [InlineData("", ".ai/classification.json is empty")]
    public void Problems_are_named_precisely(string json, string error)
    {
        using var temp = new TempDir();
        var path = temp.Write(".ai/classification.json", json);

        var (value, problem) = ClassificationReader.Read(path);

        Assert.Null(value);
        Assert.Equal(error, problem);
    }

    [Fact]
    public void A_missing_file_says_it_was_not_written()
    {
        using var temp = new TempDir();

        Assert.Equal(".ai/classification.json was not written", ClassificationReader.Read(temp.File("nope.json")).Error);
    }
}
