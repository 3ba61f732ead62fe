using Otto.Platform;

namespace Otto.Tests.Platform;

/// <summary>A sequence enumerated ahead on another thread: same items, same order, the producer's exception
/// at the consumer, and a consumer that stops early finds the producer stopped and cleaned up.</summary>
public sealed class ReadAheadTests
{
    [Fact]
    public void Every_item_arrives_once_in_order_from_another_thread()
    {
        var consumer = Environment.CurrentManagedThreadId;
        var producers = new HashSet<int>();

        var items = ReadAhead.Of(Numbers(10_000, producers), ahead: 2).ToList();

        Assert.Equal(Enumerable.Range(0, 10_000), items);
        Assert.DoesNotContain(consumer, producers);
    }

    [Fact]
    public void The_producers_exception_reaches_the_consumer_after_the_items_before_it()
    {
        var seen = new List<int>();

        var thrown = Assert.Throws<InvalidDataException>(() =>
        {
            foreach (var item in ReadAhead.Of(ThrowsAfter(5), ahead: 2)) seen.Add(item);
        });

        Assert.Equal("after 5", thrown.Message);
        Assert.Equal(Enumerable.Range(0, 5), seen);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(50)]
    public void A_consumer_that_stops_early_finds_the_producer_finished_and_its_resources_released(int stopAfter)
    {
        var released = false;
        IEnumerable<int> Source()
        {
            try
            {
                for (var i = 0; i < 1_000_000; i++) yield return i;
            }
            finally
            {
                Thread.Sleep(50); // a slow release: the consumer must wait for it, not race it
                released = true;
            }
        }

        foreach (var item in ReadAhead.Of(Source(), ahead: 2))
        {
            if (item >= stopAfter) break;
        }

        Assert.True(released);
    }

    [Fact]
    public void An_exception_in_the_consumer_stops_the_producer_too()
    {
        var released = false;
        IEnumerable<int> Source()
        {
            try
            {
                for (var i = 0; ; i++) yield return i;
            }
            finally
            {
                released = true;
            }
        }

        Assert.Throws<InvalidOperationException>(() =>
        {
            foreach (var item in ReadAhead.Of(Source(), ahead: 2))
            {
                if (item == 3) throw new InvalidOperationException("the consumer failed");
            }
        });

        Assert.True(released);
    }

    private static IEnumerable<int> Numbers(int count, HashSet<int> threads)
    {
        for (var i = 0; i < count; i++)
        {
            lock (threads) threads.Add(Environment.CurrentManagedThreadId);
            yield return i;
        }
    }

    private static IEnumerable<int> ThrowsAfter(int count)
    {
        for (var i = 0; i < count; i++) yield return i;
        throw new InvalidDataException($"after {count}");
    }
}
