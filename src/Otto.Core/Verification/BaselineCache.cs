using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Otto.Config;
using Otto.Runs;

namespace Otto.Verification;

/// <summary>
/// Baseline results by base commit and the config that decides them (verify commands, setup), in
/// .otto/baseline/: a second run on the same base, with the same checks, reuses the verdict.
/// </summary>
public sealed class BaselineCache(OttoHome home, string sha, OttoConfig config)
{
    private string File => Path.Combine(home.Dir, "baseline", $"{sha}-{Key()}.json");

    public BaselineFinished? Read()
    {
        try
        {
            var text = System.IO.File.ReadAllText(File);
            return RunEvent.TryParse(Encoding.UTF8.GetBytes(text.Trim()))?.Body as BaselineFinished;
        }
        catch (IOException)
        {
            return null;
        }
    }

    public void Write(BaselineFinished result)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(File)!);
        AtomicFile.Write(File, EventCodec.ToJsonLine(new RunEvent(1, DateTimeOffset.UtcNow, null, null, result)) + "\n", durable: false);
    }

    private string Key()
    {
        var decisive = JsonSerializer.Serialize(new
        {
            verify = config.Verify.Commands.Select(c => new { c.Run, timeout = c.Timeout.TotalSeconds }),
            setup = config.Setup.Commands,
            copy = config.Setup.Copy,
        });
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(decisive)))[..16];
    }
}
