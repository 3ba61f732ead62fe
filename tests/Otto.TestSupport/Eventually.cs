namespace Otto.Tests;

/// <summary>Polls for a condition (instead of sleeping a fixed time); fails with a message after the deadline.</summary>
public static class Eventually
{
    public static async Task WaitUntil(Func<bool> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"waited {timeout.TotalSeconds:0}s for: {what}");
            await Task.Delay(25);
        }
    }
}
