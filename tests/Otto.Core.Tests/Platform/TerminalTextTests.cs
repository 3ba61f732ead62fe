using Otto.Platform;

namespace Otto.Tests.Platform;

public sealed class TerminalTextTests
{
    [Theory]
    [InlineData("\u001b[31mFAIL\u001b[0m test 3", "FAIL test 3")]
    [InlineData("\u001b[1;38;5;196mbold red\u001b[m", "bold red")]
    [InlineData("a\u001b[2Jb\u001b[Hc\u001b[?25l", "abc")]
    [InlineData("\u001b]0;pwned title\u0007after", "after")]
    [InlineData("\u001b]2;title\u001b\\after", "after")]
    [InlineData("\u001b]8;;https://x.test\u001b\\link\u001b]8;;\u001b\\", "link")]
    [InlineData("\u001bcreset", "reset")]
    [InlineData("\u001b(Bcharset", "charset")]
    [InlineData("\u001bPdcs payload\u001b\\ok", "ok")]
    [InlineData("\u009b31mC1 csi\u009b0m", "C1 csi")]
    [InlineData("\u009d0;title\u0007C1 osc", "C1 osc")]
    [InlineData("bell\u0007 back\bspace del\u007f form\ffeed", "bell backspace del formfeed")]
    [InlineData("tab\tand\nnewline", "tab\tand\nnewline")]
    [InlineData("windows\r\nline\r\n", "windows\nline\n")]
    [InlineData("10%\r20%\r100% done\nnext", "100% done\nnext")]
    [InlineData("first\nprogress 1\rprogress 2", "first\nprogress 2")]
    [InlineData("cut at the end \u001b[3", "cut at the end ")]
    [InlineData("unterminated \u001b]0;title", "unterminated ")]
    [InlineData("osc aborted by \u001b]0;t\u001b[31mred", "osc aborted by red")]
    [InlineData("lone escape at the end \u001b", "lone escape at the end ")]
    public void Removes_control_sequences_and_keeps_the_text(string raw, string expected) =>
        Assert.Equal(expected, TerminalText.Strip(raw));

    [Fact]
    public void Plain_text_comes_back_as_the_same_instance()
    {
        var text = "nothing to do here: tabs\tand\nnewlines, ünïcödé, 日本";
        Assert.False(TerminalText.NeedsWork(text));
        Assert.Same(text, TerminalText.Strip(text));
    }

    [Fact]
    public void Null_is_empty() => Assert.Equal("", TerminalText.Strip(null));
}
