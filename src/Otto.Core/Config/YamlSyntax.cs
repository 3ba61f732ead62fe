using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace Otto.Config;

/// <summary>
/// Loads YAML text for otto.yaml and scenario files: every syntax problem becomes a
/// <see cref="ConfigException"/> naming file, line and column. YamlDotNet reports a flow collection left
/// open at the end of the text (`key: [a, b`) as an InvalidOperationException without a position; that
/// one is reported at the `[` or `{` that was never closed.
/// </summary>
public static class YamlSyntax
{
    public static YamlStream Load(string text, string file, Func<YamlException, string> describe)
    {
        var stream = new YamlStream();
        var parser = new TrackingParser(new Parser(new StringReader(text)));
        try
        {
            stream.Load(parser);
        }
        catch (YamlException e)
        {
            throw new ConfigException(file, (int)e.Start.Line, (int)e.Start.Column, describe(e));
        }
        catch (InvalidOperationException)
        {
            var (open, mark) = parser.UnclosedFlow ?? ('[', parser.LastEnd);
            throw new ConfigException(file, (int)mark.Line, (int)mark.Column, $"this `{open}` is never closed (the file ends first)");
        }
        return stream;
    }

    /// <summary>Remembers the collections that are open, to name the one a broken file never closed.</summary>
    private sealed class TrackingParser(IParser inner) : IParser
    {
        private readonly Stack<(bool Flow, char Open, Mark Start)> _open = new();

        public ParsingEvent? Current => inner.Current;

        public Mark LastEnd { get; private set; } = Mark.Empty;

        public (char Open, Mark Start)? UnclosedFlow =>
            _open.FirstOrDefault(o => o.Flow) is { Flow: true } flow ? (flow.Open, flow.Start) : null;

        public bool MoveNext()
        {
            if (!inner.MoveNext()) return false;
            switch (inner.Current)
            {
                case SequenceStart s:
                    _open.Push((s.Style == SequenceStyle.Flow, '[', s.Start));
                    break;
                case MappingStart m:
                    _open.Push((m.Style == MappingStyle.Flow, '{', m.Start));
                    break;
                case SequenceEnd or MappingEnd when _open.Count > 0:
                    _open.Pop();
                    break;
            }
            if (inner.Current is { } current) LastEnd = current.End;
            return true;
        }
    }
}
