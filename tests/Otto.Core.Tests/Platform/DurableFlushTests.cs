using Otto.Platform;

namespace Otto.Tests.Platform;

/// <summary>A durable flush writes through and reports a failure as an IOException with the errno, as
/// FileStream.Flush(true) does (a full disk must still read as one: DiskFull looks at the errno).</summary>
public sealed class DurableFlushTests
{
    [Fact]
    public void What_was_written_is_in_the_file_after_the_flush()
    {
        using var dir = new TempDir("otto-flush-");
        var path = dir.File("log");
        using (var stream = new FileStream(path, FileMode.Create, FileAccess.Write))
        {
            stream.Write("one line\n"u8);
            DurableFlush.Flush(stream);
            Assert.Equal("one line\n", File.ReadAllText(path)); // before the stream is closed
        }
    }

    [Fact]
    public void A_file_that_cannot_be_synced_fails_with_its_errno_and_name()
    {
        if (!OperatingSystem.IsLinux()) return; // fdatasync is the Linux path; elsewhere FileStream's own flush
        using var stream = new FileStream("/dev/null", FileMode.Open, FileAccess.Write);
        stream.Write("x"u8);

        var error = Assert.Throws<IOException>(() => DurableFlush.Flush(stream));

        Assert.Equal(22, error.HResult & 0xFFFF); // EINVAL: a special file does not support synchronization
        Assert.Contains("/dev/null: fdatasync failed", error.Message);
    }
}
