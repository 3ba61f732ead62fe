using Otto.Reporting;

namespace Otto.Tests.Reporting;

/// <summary>issue 9 #14: the one line that says what failed, from the outputs real test runners print.</summary>
public sealed class FailureSummaryTests
{
    [Fact]
    public void Uvu_names_the_failing_test_not_its_duration()
    {
        const string log = """
            > clsx@2.1.0 test
            > uvu -r esm test

            classnames ✘   (0 / 1)

               FAIL  classnames  "strings"
                Expected values to be deeply equal:  (equal)

                    ++"foo bar"   (Expected)
                    --"foo"       (Actual)

                at assert (file:///work/clsx/node_modules/uvu/assert/index.mjs:31:8)

              Total:     32
              Passed:    31
              Skipped:   0
              Duration:  2.63ms
            """;
        Assert.Equal("FAIL  classnames  \"strings\" (+11 lines)", FailureSummary.OneLine(log));
    }

    [Fact]
    public void A_missing_program_is_named_past_the_npm_script_echo() =>
        Assert.Equal("sh: 1: uvu: not found (+2 lines)", FailureSummary.OneLine("""

            > clsx@2.1.0 test
            > uvu -r esm test

            sh: 1: uvu: not found
            """));

    [Theory]
    [InlineData("============================= test session starts ==============================\ncollected 3 items\n\ntests/test_x.py ..F\n\n=================================== FAILURES ===================================\n___________________________________ test_add ___________________________________\n\n    def test_add():\n>       assert add(2, 2) == 5\nE       assert 4 == 5\n\ntests/test_x.py:4: AssertionError\n=========================== short test summary info ============================\nFAILED tests/test_x.py::test_add - assert 4 == 5\n========================= 1 failed, 2 passed in 0.03s ==========================",
        "E       assert 4 == 5")]
    [InlineData("--- FAIL: TestSum (0.00s)\n    sum_test.go:9: expected 6, got 5\nFAIL\nFAIL\texample.com/sum\t0.002s\nFAIL", "--- FAIL: TestSum (0.00s)")]
    [InlineData("running 2 tests\ntest tests::adds ... FAILED\ntest tests::muls ... ok\n\nfailures:\n\n---- tests::adds stdout ----\nthread 'tests::adds' panicked at src/lib.rs:9:9:\nassertion `left == right` failed\n\ntest result: FAILED. 1 passed; 1 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.00s",
        "test tests::adds ... FAILED")]
    [InlineData("  Determining projects to restore...\n  All projects are up-to-date for restore.\n  Failed Sample.Tests.MathTests.Adds [4 ms]\n  Error Message:\n   Assert.Equal() Failure: Values differ\n\nFailed!  - Failed:     1, Passed:     3, Skipped:     0, Total:     4, Duration: 12 ms",
        "Failed Sample.Tests.MathTests.Adds [4 ms]")]
    [InlineData("TAP version 13\nok 1 - adds\nnot ok 2 - multiplies\n  ---\n  operator: equal\n  ...\n1..2", "not ok 2 - multiplies")]
    [InlineData("Traceback (most recent call last):\n  File \"t.py\", line 3, in <module>\n    main()\nValueError: the input is empty", "ValueError: the input is empty")]
    public void Each_runner_gives_the_line_that_names_the_failure(string log, string line) =>
        Assert.StartsWith(line + " (+", FailureSummary.OneLine(log), StringComparison.Ordinal);

    [Fact]
    public void Zero_counts_and_warnings_do_not_count_as_failures() =>
        Assert.Equal("make: *** [Makefile:3: check] Stop (+2 lines)", FailureSummary.OneLine("warning: the error handler is unused\nBuild done: 0 errors, 0 failed\nmake: *** [Makefile:3: check] Stop"));

    [Fact]
    public void Without_a_failure_word_the_last_line_that_is_not_a_tally_is_chosen() =>
        Assert.Equal("the output differs from the golden file (+3 lines)", FailureSummary.OneLine("checking golden files\nthe output differs from the golden file\n-----\nDuration: 1.2s"));

    [Fact]
    public void Colour_codes_are_gone_and_long_lines_are_cut()
    {
        Assert.Equal("FAIL  src/sum.test.js", FailureSummary.OneLine("\u001b[1m\u001b[41m FAIL \u001b[49m\u001b[22m src/sum.test.js"));
        var line = FailureSummary.OneLine("error: " + new string('x', 500));
        Assert.Equal(FailureSummary.MaxChars, line.Length);
        Assert.EndsWith("…", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "")]
    [InlineData("  \n\n ", "")]
    [InlineData("one line", "one line")]
    [InlineData("=====\n-----", "===== (+1 lines)")]
    public void Degenerate_texts(string? text, string expected) => Assert.Equal(expected, FailureSummary.OneLine(text));
}
