namespace Otto.Agents;

/// <summary>
/// The small sh script every agent runs under. It records its own pid and kernel start time, runs the
/// agent with stdin from /dev/null and output into files, and writes the agent's exit status to
/// `exit_code` when it ends, whether or not any otto process is still watching.
/// </summary>
public static class ProcessWrapper
{
    public const string Script = """
        #!/bin/sh
        # otto attempt wrapper. Usage: wrapper.sh ATTEMPT_DIR AGENT_ARGV...
        dir=$1
        shift
        exec </dev/null >>"$dir/wrapper.log" 2>&1
        start=$(sed -e 's/^.*) //' "/proc/$$/stat" | cut -d' ' -f20)
        printf '%s %s\n' "$$" "$start" >"$dir/pid.tmp" && mv -f "$dir/pid.tmp" "$dir/pid"
        # A handler (not "ignore") so the agent keeps default signal dispositions; the shell runs it
        # only after the agent has ended, and then still records the exit status.
        trap 'echo "wrapper: signal received"' TERM INT HUP
        # The raw output is redacted only when the attempt ends: until then it is readable by this user alone.
        (umask 077 && : >>"$dir/stdout.log" && : >>"$dir/stderr.log")
        "$@" </dev/null >>"$dir/stdout.log" 2>>"$dir/stderr.log"
        code=$?
        printf '%s\n' "$code" >"$dir/exit_code.tmp" && mv -f "$dir/exit_code.tmp" "$dir/exit_code"
        exit "$code"
        """;

    public static void WriteTo(AttemptFiles files) => File.WriteAllText(files.Wrapper, Script + "\n");
}
