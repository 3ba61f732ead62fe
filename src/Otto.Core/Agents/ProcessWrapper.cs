namespace Otto.Agents;

/// <summary>
/// The small sh script every agent runs under. It records its own pid and kernel start time, runs the
/// agent with stdin from /dev/null and output into files, stops whatever the agent left running, and
/// writes the agent's exit status to `exit_code` when it ends, whether or not any otto process is still
/// watching. It runs as a child subreaper (see Platform.Subreaper), so the processes the agent left
/// behind outside its process group were reparented to it: they are its children when the agent is gone.
/// </summary>
public static class ProcessWrapper
{
    public const string Script = """
        #!/bin/sh
        # otto attempt wrapper. Usage: wrapper.sh ATTEMPT_DIR AGENT_ARGV...
        dir=$1
        shift
        exec </dev/null >>"$dir/wrapper.log" 2>&1
        # The kernel start time (field 22 of stat, after "pid (comm) "), with builtins: no process to start.
        start_of() { set -- $1; shift 19; start=$1; }
        read -r stat <"/proc/$$/stat"
        start_of "${stat##*) }"
        # One write, ended by a newline, which readers wait for (a rename would cost an `mv` process).
        printf '%s %s\n' "$$" "$start" >"$dir/pid"
        # A handler (not "ignore") so the agent keeps default signal dispositions; the shell runs it
        # only after the agent has ended, and then still records the exit status.
        stopped=0
        trap 'stopped=1; echo "wrapper: signal received"' TERM INT HUP
        # The raw output is redacted only when the attempt ends: until then it is readable by this user alone.
        # (otto makes both files before the launch; a subshell only when it could not.)
        [ -e "$dir/stdout.log" ] && [ -e "$dir/stderr.log" ] || (umask 077 && : >>"$dir/stdout.log" && : >>"$dir/stderr.log")
        "$@" </dev/null >>"$dir/stdout.log" 2>>"$dir/stderr.log"
        code=$?
        # Kill every child left (orphans reparented here), again until none is left: killing one
        # reparents its own children here, once it is dead. Builtins only, so the scan sees no process
        # of its own. The kernel lists a process's children in one file (CONFIG_PROC_CHILDREN, on in the
        # common distributions' kernels): a round is then cheap, so it goes on until a round kills
        # nothing and the list did not change while it ran (a killed orphan may take a while to die,
        # and only then do its children arrive). Without the file every process's stat is read (dash
        # reads a byte at a time), at most 100 rounds.
        children=/proc/$$/task/$$/children
        [ -r "$children" ] || children=
        round=0
        while [ "$round" -lt 20000 ]; do
          round=$((round + 1))
          left=0
          if [ -n "$children" ]; then
            kids=
            { read -r kids <"$children"; } 2>/dev/null
            stats=
            for kid in $kids; do stats="$stats /proc/$kid/stat"; done
          else
            [ "$round" -gt 100 ] && break
            stats=/proc/[0-9]*/stat
          fi
          for stat in $stats; do
            { read -r line <"$stat"; } 2>/dev/null || continue
            set -- ${line##*) }
            [ "$2" = "$$" ] && [ "$1" != Z ] || continue
            # Stopped by otto: it signalled this whole group and gives it limits.kill_grace before KILL;
            # only what left the group is ours to stop now.
            [ "$stopped" = 1 ] && [ "$3" = "$$" ] && continue
            pid=${stat#/proc/}
            kill -KILL "${pid%/stat}" 2>/dev/null && left=1
          done
          if [ -n "$children" ]; then
            now=
            { read -r now <"$children"; } 2>/dev/null
            [ "$now" = "$kids" ] || left=1
          fi
          [ "$left" = 0 ] && break
        done
        printf '%s\n' "$code" >"$dir/exit_code"
        exit "$code"
        """;

    public static void WriteTo(AttemptFiles files) => File.WriteAllText(files.Wrapper, Script + "\n");
}
