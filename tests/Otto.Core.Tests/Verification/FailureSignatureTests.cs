using Otto.Verification;

namespace Otto.Tests.Verification;

/// <summary>reliability.md #5: the same failure, however it is worded this time, has one signature.</summary>
public sealed class FailureSignatureTests
{
    [Theory]
    [InlineData(
        "FAIL tests/test_api.py::test_login at /tmp/otto-wt-3f9a2b1c/src/api.py:42:7 after 1.23s (2025-05-01T10:00:00Z)",
        "FAIL tests/test_api.py::test_login at /home/ci/work/src/api.py:17:1 after 850ms (2025-11-30 23:59:01)")]
    [InlineData(
        "npm ERR! code ELIFECYCLE errno 1 pid 12345 commit 4f2a9c1d3e",
        "npm ERR! code ELIFECYCLE errno 2 pid 999 commit a1b2c3d4e5f6")]
    [InlineData(
        "Segmentation fault in worker 0x7ffd5e8a1b20, request 123e4567-e89b-12d3-a456-426614174000",
        "Segmentation fault in worker 0x55aa00, request 00000000-0000-0000-0000-00000000abcd")]
    [InlineData("Timed out after 30s waiting for port 8080", "Timed out after 2 minutes waiting for port 3000")]
    [InlineData("at 10:02:03.123 the test failed", "at 23:59:59 the test failed")]
    [InlineData("AssertionError:   expected 3\n   got 4", "assertionerror: expected 10 got 11")]
    [InlineData("Program.cs(12,5): error CS0103: The name 'x' does not exist", "Program.cs(40,17): error CS0103: The name 'x' does not exist")]
    [InlineData(
        "error at /home/u/.local/state/otto/worktrees/repo-1a2b3c4d5e/20250101-120000-abcd/api/src/api.py:3",
        "error at /work/checkout/src/api.py:120")]
    [InlineData("cannot read /tmp/tmp.3f9a2b1c7d/data.json", "cannot read /var/tmp/build-77/data.json")]
    [InlineData("no such file: /tmp/tmp.AbCdEfGhQz", "no such file: /tmp/tmp.QwErTyUiOp")]
    [InlineData("FileNotFoundError: tmpa1b2c3d4.json", "FileNotFoundError: tmpzz9y8x7w.json")]
    public void Differently_worded_copies_of_one_failure_have_one_signature(string one, string other)
    {
        Assert.Equal(FailureSignature.Normalize(one), FailureSignature.Normalize(other));
        Assert.Equal(FailureSignature.Of(one), FailureSignature.Of(other));
    }

    [Theory]
    [InlineData("FAIL tests/test_api.py::test_login", "FAIL tests/test_api.py::test_logout")]
    [InlineData("ModuleNotFoundError: No module named 'requests'", "ModuleNotFoundError: No module named 'flask'")]
    [InlineData("error at /src/app/api.py:3: NameError", "error at /src/app/db.py:3: NameError")]
    [InlineData("error CS0103: The name 'Foo' does not exist", "error CS0103: The name 'Bar' does not exist")]
    [InlineData("Program.cs(12,5): error CS0103: The name 'x' does not exist", "Program.cs(12,5): error CS0246: The name 'x' does not exist")]
    [InlineData("src/app.ts(3,1): error TS2304: Cannot find name 'x'", "src/app.ts(3,1): error TS2307: Cannot find name 'x'")]
    [InlineData("FAIL test_login2", "FAIL test_login3")]
    [InlineData("permission denied", "connection refused")]
    [InlineData("cannot open src/core/x.py", "cannot open src/ui/x.py")]
    public void Genuinely_different_failures_have_different_signatures(string one, string other)
    {
        Assert.NotEqual(FailureSignature.Of(one), FailureSignature.Of(other));
    }

    [Theory]
    [InlineData("failed at 2025-05-01T10:00:00.123Z", "failed at <ts>")]
    [InlineData("took 1.5s", "took <dur>")]
    [InlineData("took 250 ms", "took <dur>")]
    [InlineData("commit deadbeef1", "commit <hex>")]
    [InlineData("id 123e4567-e89b-12d3-a456-426614174000", "id <id>")]
    [InlineData("in /usr/lib/python3/site.py", "in <path>/site.py")]
    [InlineData("test.py:12:5: E501", "test.py:<pos>: e501")]
    [InlineData("Program.cs(12,5): error CS0103 in 3 places", "program.cs(<n>,<n>): error cs0103 in <n> places")]
    [InlineData("  many\t\tspaces \n here ", "many spaces here")]
    [InlineData("2 modules failed", "<n> modules failed")]
    public void Normalize_replaces_what_varies_between_runs(string text, string normalized)
    {
        Assert.Equal(normalized, FailureSignature.Normalize(text));
    }

    [Fact]
    public void A_signature_is_sig_and_twelve_hex_digits_and_is_stable()
    {
        var signature = FailureSignature.Of("boom");

        Assert.Matches("^sig-[0-9a-f]{12}$", signature);
        Assert.Equal(signature, FailureSignature.Of("BOOM"));
        Assert.Equal(signature, FailureSignature.Of("  boom  "));
    }

    [Fact]
    public void Words_made_of_hex_letters_alone_are_kept()
    {
        Assert.Equal("added a decade of beef", FailureSignature.Normalize("added a decade of beef"));
        Assert.NotEqual(FailureSignature.Of("bad cafe"), FailureSignature.Of("bad face"));
    }
}
