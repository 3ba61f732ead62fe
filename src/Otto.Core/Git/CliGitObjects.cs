namespace Otto.Git;

/// <summary>The git CLI back-end: one git process per operation (see <see cref="IGitObjects"/>).</summary>
internal sealed class CliGitObjects(string root) : IGitObjects
{
    public bool InProcess => false;

    private GitResult Git(params string[] arguments) => GitCli.Run(root, arguments);

    public string? TryResolveCommit(string revision)
    {
        var result = Git("rev-parse", "--verify", "--quiet", revision + "^{commit}");
        return result.Ok ? result.Line : null;
    }

    public string TreeOf(string commit) => Git("rev-parse", "--verify", commit + "^{tree}").EnsureOk().Line;

    public bool IsAncestor(string ancestor, string descendant) =>
        Git("merge-base", "--is-ancestor", ancestor, descendant).ExitCode == 0;

    public string? MergeBase(string a, string b)
    {
        var result = Git("merge-base", a, b);
        return result.Ok ? result.Line : null;
    }

    public IReadOnlyList<string> ChangedPaths(string from, string to) =>
        Git("diff", "--name-only", "--no-renames", "-z", from, to).EnsureOk().Stdout.Split('\0', StringSplitOptions.RemoveEmptyEntries);

    public IReadOnlyList<TreeChange> Changes(string from, string to) =>
        TreeChange.ParseRaw(Git("diff", "--raw", "-z", "--no-renames", "--no-abbrev", from, to).EnsureOk().Stdout);

    public IReadOnlyDictionary<string, long> BlobSizes(IReadOnlyCollection<string> blobs)
    {
        var sizes = new Dictionary<string, long>(StringComparer.Ordinal);
        if (blobs.Count == 0) return sizes;
        var answer = GitCli.Run(root, ["cat-file", "--batch-check=%(objectname) %(objectsize)"], string.Join('\n', blobs) + "\n", null).EnsureOk().Stdout;
        foreach (var line in answer.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            // "<sha> <size>", or "<name> missing" for an object that is not there.
            var parts = line.Split(' ');
            if (parts.Length == 2 && long.TryParse(parts[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var size)) sizes[parts[0]] = size;
        }
        return sizes;
    }

    /// <summary>`git cat-file --batch`: per object a header `<sha> blob <size>`, the content, a line feed. A
    /// blob is held whole while it is read (the merge gate reads none over limits.max_file_size).</summary>
    public void ReadBlobsText(IReadOnlyList<string> blobs, Action<int, TextReader> read)
    {
        if (blobs.Count == 0) return;
        string[] arguments = ["cat-file", "--batch"];
        using var process = System.Diagnostics.Process.Start(GitCli.StartInfo(root, arguments)) ?? throw new InvalidOperationException("could not start git");
        var stderr = process.StandardError.ReadToEndAsync();
        // Written beside the reading: git answers as it reads, and a full output pipe would stop it.
        var asked = Task.Run(() =>
        {
            foreach (var blob in blobs) process.StandardInput.Write(blob + "\n");
            process.StandardInput.Close();
        });
        var completed = false;
        try
        {
            var output = new BufferedStream(process.StandardOutput.BaseStream);
            for (var i = 0; i < blobs.Count; i++)
            {
                var header = HeaderLine(output).Split(' ');
                if (header.Length != 3 || header[1] != "blob" || !long.TryParse(header[2], System.Globalization.CultureInfo.InvariantCulture, out var size))
                    throw new InvalidOperationException($"{blobs[i]} is not a blob in {root} (git cat-file: {string.Join(' ', header)})");
                var content = new byte[size];
                output.ReadExactly(content);
                output.ReadByte(); // the line feed after the content
                using var reader = new StreamReader(new MemoryStream(content), GitLines.Text, detectEncodingFromByteOrderMarks: false);
                read(i, reader);
            }
            completed = true;
        }
        finally
        {
            // Stopped early (a reader threw): git must not wait on a full pipe. After the last answer git ends on
            // its own at the end of its input; killing it then would fail a read that went well.
            if (!completed && !process.HasExited) process.Kill();
            process.WaitForExit();
        }
        asked.GetAwaiter().GetResult();
        if (process.ExitCode != 0) throw new GitException(new GitResult(arguments, process.ExitCode, "", stderr.GetAwaiter().GetResult()));
    }

    private static string HeaderLine(Stream output)
    {
        var line = new List<byte>();
        for (var b = output.ReadByte(); b is not ('\n' or -1); b = output.ReadByte()) line.Add((byte)b);
        return System.Text.Encoding.ASCII.GetString([.. line]);
    }

    public bool PathExistsIn(string commit, string path) => Git("cat-file", "-e", $"{commit}:{path}").Ok;

    public IReadOnlyList<string> Parents(string commit) =>
        Git("rev-list", "--parents", "-n", "1", commit).EnsureOk().Line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..];

    public string Message(string commit)
    {
        var raw = Git("cat-file", "commit", commit).EnsureOk().Stdout;
        var body = raw.IndexOf("\n\n", StringComparison.Ordinal);
        return body < 0 ? "" : raw[(body + 2)..];
    }

    public bool HasUserIdentity() => Git("config", "user.name").Ok && Git("config", "user.email").Ok;

    public string CommitTree(string tree, IReadOnlyList<string> parents, string message, GitIdentity? identity)
    {
        var arguments = new List<string> { "commit-tree", tree };
        foreach (var parent in parents)
        {
            arguments.Add("-p");
            arguments.Add(parent);
        }
        var environment = identity is null ? null : new Dictionary<string, string?>
        {
            ["GIT_AUTHOR_NAME"] = identity.Name, ["GIT_AUTHOR_EMAIL"] = identity.Email,
            ["GIT_COMMITTER_NAME"] = identity.Name, ["GIT_COMMITTER_EMAIL"] = identity.Email,
        };
        return GitCli.Run(root, arguments, message, environment).EnsureOk().Line;
    }

    public string WriteIndexTree() => Git("write-tree").EnsureOk().Line;

    public void SetRef(string reference, string sha, string reflogMessage) =>
        Git("update-ref", "-m", reflogMessage, reference, sha).EnsureOk();

    public void AttachHead(string branchRef, string reflogMessage) =>
        Git("symbolic-ref", "-m", reflogMessage, "HEAD", branchRef).EnsureOk();

    public bool UpdateRef(string reference, string newSha, string expectedOld, string reflogMessage) =>
        Git("update-ref", "-m", reflogMessage, reference, newSha, expectedOld == GitRepo.ZeroSha ? "" : expectedOld).Ok;
}
