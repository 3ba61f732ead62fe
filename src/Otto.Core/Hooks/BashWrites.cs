namespace Otto.Hooks;

/// <summary>
/// The files a shell command would write, delete or re-mode, best-effort: redirections (&gt; &gt;&gt; &amp;&gt;),
/// rm, rmdir, unlink, touch, truncate, mv, cp, install, ln, tee, sed -i, perl -i, chmod/chown/chgrp,
/// dd of=, git rm/mv, and sh/bash -c strings, with `cd` followed. Words only the running shell knows
/// ($VAR, $(...), globs) are skipped: the git hooks and the integrator still judge what gets committed.
/// </summary>
public static class BashWrites
{
    private static readonly HashSet<string> Wrappers = new(StringComparer.Ordinal) { "sudo", "env", "command", "builtin", "nice", "nohup", "time", "exec", "stdbuf", "timeout" };
    private static readonly HashSet<string> DeviceFiles = new(StringComparer.Ordinal) { "/dev/null", "/dev/stdout", "/dev/stderr", "/dev/tty", "/dev/zero" };

    /// <summary>Absolute paths the command may write, resolved against <paramref name="cwd"/>.</summary>
    public static IReadOnlyList<string> Targets(string command, string cwd) => Targets(command, cwd, depth: 0);

    private static IReadOnlyList<string> Targets(string command, string cwd, int depth)
    {
        var targets = new List<string>();
        var words = new List<ShellToken>();
        var tokens = ShellTokens.Split(command);
        for (var i = 0; i <= tokens.Count; i++)
        {
            var token = i < tokens.Count ? tokens[i] : null;
            if (token is null || token.Kind == ShellTokenKind.Separator)
            {
                cwd = Command(words, cwd, targets, depth);
                words.Clear();
            }
            else if (token.Kind == ShellTokenKind.Redirect)
            {
                var target = i + 1 < tokens.Count && tokens[i + 1].Kind == ShellTokenKind.Word ? tokens[++i] : null;
                if (target is { Literal: true } && Writes(token.Text, target.Text)) Add(targets, cwd, target.Text);
            }
            else words.Add(token);
        }
        return targets.Distinct(StringComparer.Ordinal).ToList();
    }

    private static bool Writes(string op, string target)
    {
        var bare = op.TrimStart('0', '1', '2', '3', '4', '5', '6', '7', '8', '9');
        if (bare is "<" or "<<" or "<<-" or "<<<" or "<&") return false;
        if (bare == ">&" && (target == "-" || target.All(char.IsAsciiDigit))) return false; // 2>&1: a copy of a descriptor
        return !DeviceFiles.Contains(target) && !target.StartsWith("/dev/fd/", StringComparison.Ordinal);
    }

    /// <summary>Adds what one simple command writes; returns the working directory after it (cd).</summary>
    private static string Command(List<ShellToken> words, string cwd, List<string> targets, int depth)
    {
        var start = 0;
        while (start < words.Count)
        {
            var text = words[start].Text;
            if (IsAssignment(text)) start++;
            else if (Wrappers.Contains(Path.GetFileName(text)))
            {
                var wrapper = Path.GetFileName(text);
                start++;
                while (start < words.Count && (words[start].Text.StartsWith('-') || IsAssignment(words[start].Text))) start++;
                if (wrapper == "timeout" && start < words.Count) start++; // its duration
            }
            else break;
        }
        if (start >= words.Count || !words[start].Literal) return cwd;
        var name = Path.GetFileName(words[start].Text);
        var args = words.Skip(start + 1).ToList();
        var operands = Operands(args, ValueOptions(name));
        switch (name)
        {
            case "cd":
                return operands.Count == 1 && operands[0].Literal ? Resolve(cwd, operands[0].Text) : cwd;
            case "rm" or "rmdir" or "unlink" or "touch" or "shred" or "truncate" or "tee":
                AddAll(targets, cwd, operands);
                break;
            case "mv" or "cp" or "install" or "ln":
                Copies(name, args, operands, cwd, targets);
                break;
            case "sed" or "perl":
                if (args.Any(a => a.Text.StartsWith("--in-place", StringComparison.Ordinal) || (a.Text.StartsWith('-') && !a.Text.StartsWith("--", StringComparison.Ordinal) && a.Text.Contains('i', StringComparison.Ordinal))))
                {
                    var hasScriptOption = args.Any(a => a.Text is "-e" or "-f" or "--expression" or "--file" || a.Text.StartsWith("--expression=", StringComparison.Ordinal));
                    AddAll(targets, cwd, hasScriptOption ? operands : operands.Skip(1));
                }
                break;
            case "chmod" or "chown" or "chgrp":
                AddAll(targets, cwd, args.Any(a => a.Text.StartsWith("--reference=", StringComparison.Ordinal)) ? operands : operands.Skip(1));
                break;
            case "dd":
                foreach (var arg in args.Where(a => a.Literal && a.Text.StartsWith("of=", StringComparison.Ordinal))) Add(targets, cwd, arg.Text[3..]);
                break;
            case "git":
                Git(args, cwd, targets);
                break;
            case "sh" or "bash" or "dash" or "zsh":
                var script = args.FindIndex(a => a.Text == "-c");
                if (depth < 3 && script >= 0 && script + 1 < args.Count && args[script + 1].Literal)
                    targets.AddRange(Targets(args[script + 1].Text, cwd, depth + 1));
                break;
        }
        return cwd;
    }

    /// <summary>mv/cp/install/ln: a -t DIR target, or the last operand (inside it when it is a folder).
    /// mv also removes its sources.</summary>
    private static void Copies(string name, List<ShellToken> args, List<ShellToken> operands, string cwd, List<string> targets)
    {
        if (name == "install" && args.Any(a => a.Text is "-d" or "--directory")) return;
        var directoryOption = args.FindIndex(a => a.Text is "-t" or "--target-directory");
        string? directory = directoryOption >= 0 && directoryOption + 1 < args.Count ? args[directoryOption + 1].Text : null;
        var sources = operands.Where(o => o.Text != directory).ToList();
        if (directory is null)
        {
            if (sources.Count == 0) return;
            if (name == "ln" && sources.Count == 1) directory = ".";
            else
            {
                var destination = sources[^1];
                sources = sources[..^1];
                if (!destination.Literal) return;
                var full = Resolve(cwd, destination.Text);
                if (Directory.Exists(full)) directory = destination.Text;
                else Add(targets, cwd, destination.Text);
            }
        }
        if (directory is not null)
        {
            foreach (var source in sources.Where(s => s.Literal)) Add(targets, cwd, Path.Combine(directory, Path.GetFileName(source.Text.TrimEnd('/'))));
        }
        if (name == "mv") AddAll(targets, cwd, sources);
    }

    private static void Git(List<ShellToken> args, string cwd, List<string> targets)
    {
        var i = 0;
        while (i < args.Count && args[i].Text.StartsWith('-'))
        {
            if (args[i].Text is "-C" && i + 1 < args.Count) cwd = Resolve(cwd, args[++i].Text);
            else if (args[i].Text is "-c") i++;
            i++;
        }
        if (i >= args.Count || args[i].Text is not ("rm" or "mv")) return;
        AddAll(targets, cwd, Operands(args.Skip(i + 1).ToList(), []));
    }

    /// <summary>Options of each command that take the next word as their value.</summary>
    private static HashSet<string> ValueOptions(string name) => name switch
    {
        "truncate" => ["-s", "--size", "-r", "--reference"],
        "install" => ["-m", "--mode", "-o", "--owner", "-g", "--group", "-t", "--target-directory", "-S", "--suffix"],
        "mv" or "cp" or "ln" => ["-t", "--target-directory", "-S", "--suffix"],
        "sed" => ["-e", "--expression", "-f", "--file", "-l", "--line-length"],
        "perl" => ["-e", "-E", "-I", "-M", "-m"],
        "tee" or "rm" or "touch" => ["-d", "--date", "-r", "--reference", "-t"],
        _ => [],
    };

    /// <summary>The words that are not options (everything after `--` is an operand).</summary>
    private static List<ShellToken> Operands(List<ShellToken> args, HashSet<string> valueOptions)
    {
        var operands = new List<ShellToken>();
        for (var i = 0; i < args.Count; i++)
        {
            var text = args[i].Text;
            if (text == "--")
            {
                operands.AddRange(args.Skip(i + 1));
                break;
            }
            if (text.StartsWith('-') && text.Length > 1)
            {
                if (valueOptions.Contains(text)) i++;
                continue;
            }
            operands.Add(args[i]);
        }
        return operands;
    }

    private static bool IsAssignment(string word)
    {
        var equals = word.IndexOf('=', StringComparison.Ordinal);
        return equals > 0 && word[..equals].All(c => char.IsAsciiLetterOrDigit(c) || c == '_') && !char.IsAsciiDigit(word[0]);
    }

    private static void AddAll(List<string> targets, string cwd, IEnumerable<ShellToken> words)
    {
        foreach (var word in words.Where(w => w.Literal)) Add(targets, cwd, word.Text);
    }

    private static void Add(List<string> targets, string cwd, string path)
    {
        if (path.Length > 0) targets.Add(Resolve(cwd, path));
    }

    private static string Resolve(string cwd, string path)
    {
        if (path.StartsWith("~/", StringComparison.Ordinal)) path = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), path[2..]);
        var full = Path.GetFullPath(Path.IsPathRooted(path) ? path : Path.Combine(cwd, path)).TrimEnd('/');
        return full.Length == 0 ? "/" : full;
    }
}
