namespace Otto.Tests.Review;

/// <summary>
/// A stand-in for the GitHub CLI: a sh script that records every call (FAKE_GH_STATE/calls.log, one
/// argument a line, calls ended by "--") and answers `gh pr list/view/create/edit/ready/merge` the way
/// the real one does (JSON with exactly the `--json` fields asked for, field names from `gh pr view
/// --json`), about one PR kept in FAKE_GH_STATE/pr/, and `gh api` for the PR's review comments and replies
/// (REST, as `gh api repos/{owner}/{repo}/pulls/7/comments` answers). The PR's head is read from the bare repository
/// FAKE_GH_REMOTE, as GitHub reads it from the pushed branch, so a push by someone else moves it.
/// </summary>
internal static class FakeGh
{
    public const string Url = "https://github.com/acme/widgets/pull/7";

    public static void Write(string binDir)
    {
        Directory.CreateDirectory(binDir);
        var path = Path.Combine(binDir, "gh");
        File.WriteAllText(path, Script);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    /// <summary>The recorded calls, each as its argument list.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> Calls(string stateDir)
    {
        var log = Path.Combine(stateDir, "calls.log");
        if (!File.Exists(log)) return [];
        var calls = new List<IReadOnlyList<string>>();
        var current = new List<string>();
        foreach (var line in File.ReadAllLines(log))
        {
            if (line == "--")
            {
                calls.Add(current);
                current = [];
            }
            else current.Add(line);
        }
        return calls;
    }

    private const string Script = """
        #!/bin/sh
        # fake gh: the `gh pr` subcommands otto uses, about one PR (number 7) kept in $FAKE_GH_STATE/pr/.
        state=${FAKE_GH_STATE:?}
        for arg in "$@"; do printf '%s\n' "$arg" >> "$state/calls.log"; done
        echo "--" >> "$state/calls.log"
        pr="$state/pr"
        url="https://github.com/acme/widgets/pull/7"
        if [ "$1" = api ]; then
          # `gh api [--hostname H] ENDPOINT [--paginate] [--jq Q] [-X METHOD] [-f key=value]`: the PR's review
          # comments (REST objects, one a line in $pr/comments.ndjson) and replies to them.
          shift; endpoint=""; jq=""; method=GET; fields=""
          while [ $# -gt 0 ]; do
            case "$1" in
              --hostname) shift ;;
              --paginate) ;;
              --jq|-q) jq=$2; shift ;;
              -X|--method) method=$2; shift ;;
              -f|--raw-field) fields="$fields$2\n"; [ "$method" = GET ] && method=POST; shift ;;
              -*) echo "fake gh: unknown flag $1" >&2; exit 2 ;;
              *) endpoint=$1 ;;
            esac
            shift
          done
          case "$method $endpoint" in
            "GET repos/"*/pulls/7/comments)
              [ -f "$pr/comments.ndjson" ] || : > "$pr/comments.ndjson"
              if [ "$jq" = ".[]" ]; then cat "$pr/comments.ndjson"; else printf '['; paste -sd, "$pr/comments.ndjson" | tr -d '\n'; printf ']\n'; fi ;;
            "POST repos/"*/pulls/7/comments/*/replies)
              id=${endpoint%/replies}; id=${id##*/}
              printf '%s %b' "$id" "$fields" >> "$pr/replies.log"
              printf '{"id":9%s,"in_reply_to_id":%s}\n' "$id" "$id" ;;
            *) echo "gh: Not Found (HTTP 404)" >&2; exit 1 ;;
          esac
          exit 0
        fi
        [ "$1" = pr ] || { echo "fake gh: unsupported: $*" >&2; exit 2; }
        sub=$2; shift 2
        target=""; json=""; head=""; base=""; title=""; bodyfile=""; draft=false; match=""; method=""
        while [ $# -gt 0 ]; do
          case "$1" in
            --json) json=$2; shift ;;
            --head|-H) head=$2; shift ;;
            --base|-B) base=$2; shift ;;
            --title|-t) title=$2; shift ;;
            --body-file|-F) bodyfile=$2; shift ;;
            --draft|-d) draft=true ;;
            --match-head-commit) match=$2; shift ;;
            --merge|--squash|--rebase) method=$1 ;;
            --state|--repo|-R) shift ;;
            -*) echo "fake gh: unknown flag $1" >&2; exit 2 ;;
            *) target=$1 ;;
          esac
          shift
        done
        esc() { printf '%s' "$1" | sed 's/\\/\\\\/g; s/"/\\"/g'; }
        remote_head() { git --git-dir="$FAKE_GH_REMOTE" rev-parse --verify --quiet "refs/heads/$(cat "$pr/head")" || echo ""; }
        object() {
          out="{"; sep=""
          for field in $(printf '%s' "$json" | tr ',' ' '); do
            case "$field" in
              number) value=7 ;;
              url) value="\"$url\"" ;;
              state) value="\"$(cat "$pr/state")\"" ;;
              headRefOid) value="\"$(remote_head)\"" ;;
              headRefName) value="\"$(cat "$pr/head")\"" ;;
              baseRefName) value="\"$(cat "$pr/base")\"" ;;
              isDraft) value=$(cat "$pr/draft") ;;
              title) value="\"$(esc "$(cat "$pr/title")")\"" ;;
              reviews) value=$(cat "$pr/reviews.json" 2>/dev/null || echo "[]") ;;
              statusCheckRollup) value=$(cat "$pr/checks.json" 2>/dev/null || echo "[]") ;;
              *) echo "Unknown JSON field: \"$field\"" >&2; exit 1 ;;
            esac
            out="$out$sep\"$field\":$value"; sep=","
          done
          printf '%s}\n' "$out"
        }
        case "$sub" in
          list)
            if [ -d "$pr" ] && [ "$(cat "$pr/head")" = "$head" ]; then printf '['; object | tr -d '\n'; printf ']\n'; else echo "[]"; fi ;;
          view)
            [ -d "$pr" ] || { echo "no pull requests found for branch \"$target\"" >&2; exit 1; }
            object ;;
          create)
            if [ -d "$pr" ] && [ "$(cat "$pr/state")" = OPEN ]; then
              printf 'a pull request for branch "%s" into branch "%s" already exists:\n%s\n' "$head" "$base" "$url" >&2; exit 1
            fi
            git --git-dir="$FAKE_GH_REMOTE" rev-parse --verify --quiet "refs/heads/$head" >/dev/null \
              || { echo "pull request create failed: GraphQL: Head sha can't be blank, Head ref must be a branch (createPullRequest)" >&2; exit 1; }
            mkdir -p "$pr"
            printf '%s' "$head" > "$pr/head"; printf '%s' "$base" > "$pr/base"; printf '%s' "$title" > "$pr/title"
            printf '%s' "$draft" > "$pr/draft"; printf OPEN > "$pr/state"; cp "$bodyfile" "$pr/body"
            echo "$url" ;;
          edit)
            [ -n "$title" ] && printf '%s' "$title" > "$pr/title"
            [ -n "$bodyfile" ] && cp "$bodyfile" "$pr/body"
            echo "$url" ;;
          ready)
            printf false > "$pr/draft"
            echo "✓ Pull request #7 is marked as \"ready for review\"" >&2 ;;
          merge)
            [ -n "$method" ] || { echo "--merge, --rebase, or --squash required when not running interactively" >&2; exit 1; }
            [ "$(cat "$pr/draft")" = false ] || { echo "X Pull request #7 is still a draft" >&2; exit 1; }
            [ -z "$match" ] || [ "$match" = "$(remote_head)" ] \
              || { echo "GraphQL: Head branch was modified. Review and try the merge again. (mergePullRequest)" >&2; exit 1; }
            printf MERGED > "$pr/state"
            echo "✓ Merged pull request #7" >&2 ;;
          *) echo "fake gh: unsupported: pr $sub" >&2; exit 2 ;;
        esac

        """;
}
