using System.Threading.Channels;

namespace Lem.Server.Api;

/// <summary>Fans committed trades and gate closures out to the live-stream subscribers; a slow subscriber loses its oldest events.</summary>
internal sealed class StreamHub
{
    private readonly Lock _lock = new();
    private readonly List<Channel<StreamEvent>> _subscribers = [];

    /// <summary>Adds a subscriber.</summary>
    public Channel<StreamEvent> Subscribe()
    {
        var c = Channel.CreateBounded<StreamEvent>(new BoundedChannelOptions(1024) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        lock (_lock)
        {
            _subscribers.Add(c);
        }

        return c;
    }

    /// <summary>Removes a subscriber.</summary>
    public void Unsubscribe(Channel<StreamEvent> c)
    {
        lock (_lock)
        {
            _subscribers.Remove(c);
        }

        c.Writer.TryComplete();
    }

    /// <summary>Sends events to every subscriber.</summary>
    public void Publish(IReadOnlyList<StreamEvent> events)
    {
        lock (_lock)
        {
            foreach (var c in _subscribers)
            {
                foreach (var e in events)
                {
                    c.Writer.TryWrite(e);
                }
            }
        }
    }

    /// <summary>Ends every subscription (on shutdown).</summary>
    public void CompleteAll()
    {
        lock (_lock)
        {
            foreach (var c in _subscribers)
            {
                c.Writer.TryComplete();
            }

            _subscribers.Clear();
        }
    }
}
