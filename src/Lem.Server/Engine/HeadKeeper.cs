using Lem.Server.Store;

namespace Lem.Server.Engine;

/// <summary>
/// Keeps the last signed ledger head outside the store and announces it: after every group commit the writer posts the
/// batch's last entry (<see cref="Post"/>); a background thread signs the head of every posted entry and publishes it as
/// a <c>ledger_head</c> stream event (one per group commit, in order), and writes the newest head to
/// <see cref="LedgerHeadFile"/> (its two copies in turn, each in place and flushed to disk, so a torn write leaves the
/// other copy's head). Posted only after the COMMIT returned, the file is never ahead of the store. Off the commit path, it costs the sequencer nothing; the file is written at most once per
/// <see cref="MinimumInterval"/> (an fdatasync each, which would otherwise compete with the group commits for the disk),
/// skipping to the newest head, so under load the file trails the store by at most that long. See <c>docs/ledger.md</c>.
/// </summary>
internal sealed class HeadKeeper : IDisposable
{
    /// <summary>The stream event's name.</summary>
    public const string EventName = "ledger_head";

    /// <summary>The shortest time between two writes of the head.</summary>
    public static readonly TimeSpan MinimumInterval = TimeSpan.FromMilliseconds(20);

    private readonly string _dataDirectory;
    private readonly ServerLedger _ledger;
    private readonly Action<IReadOnlyList<StreamEvent>> _publish;
    private readonly SemaphoreSlim _signal = new(0, 1);
    private readonly Thread _thread;
    private readonly System.Collections.Concurrent.ConcurrentQueue<LedgerEntry> _posted = new();
    /// <summary>The newest announced head, signed once: the stream event and the file use the same signature.</summary>
    private LedgerHead? _latest;
    private long _announced;
    private long _lastFileWriteTicks;
    private int _signalled;
    private long _written;
    private int _nextCopy;
    private volatile bool _stopping;

    /// <summary>
    /// Starts the thread; <paramref name="written"/> is the sequence number of the head already in the file, and
    /// <paramref name="nextCopy"/> the copy of <see cref="LedgerHeadFile"/> that does not hold it (written first).
    /// </summary>
    public HeadKeeper(string dataDirectory, ServerLedger ledger, Action<IReadOnlyList<StreamEvent>> publish, long written, int nextCopy)
    {
        _nextCopy = nextCopy;
        _dataDirectory = dataDirectory;
        _ledger = ledger;
        _publish = publish;
        _written = written;
        _thread = new Thread(Loop) { IsBackground = true, Name = "lem ledger head" };
        _thread.Start();
    }

    /// <summary>The last error writing the head file, or null.</summary>
    public Exception? LastError { get; private set; }

    /// <summary>Posts the last entry of a committed batch (called on the writer thread, after the COMMIT returned).</summary>
    public void Post(LedgerEntry entry)
    {
        _posted.Enqueue(entry);
        if (Interlocked.Exchange(ref _signalled, 1) == 0)
        {
            _signal.Release();
        }
    }

    /// <summary>Writes the newest posted head (if not written yet) and stops the thread.</summary>
    public void Dispose()
    {
        _stopping = true;
        if (Interlocked.Exchange(ref _signalled, 1) == 0)
        {
            _signal.Release();
        }

        _thread.Join();
        Announce();
        WriteLatest();
        _signal.Dispose();
    }

    private void Loop()
    {
        while (!_stopping)
        {
            _signal.Wait();
            Volatile.Write(ref _signalled, 0);
            if (!_stopping)
            {
                Announce();
                var sinceWrite = TimeSpan.FromTicks(Environment.TickCount64 * TimeSpan.TicksPerMillisecond - _lastFileWriteTicks);
                if (sinceWrite >= MinimumInterval)
                {
                    WriteLatest();
                }
                else
                {
                    // Written on the next signal, or after the interval when no further commit comes.
                    ScheduleWrite(MinimumInterval - sinceWrite);
                }
            }
        }
    }

    /// <summary>Signs and publishes the head of every entry posted since the last call, in order.</summary>
    private void Announce()
    {
        var events = new List<StreamEvent>();
        while (_posted.TryDequeue(out var entry))
        {
            if (entry.Sequence <= _announced)
            {
                continue;
            }

            _announced = entry.Sequence;
            _latest = _ledger.SignedHead(entry);
            events.Add(new StreamEvent(EventName, _latest.ToJson(_ledger.PublicKeyBase64)));
        }

        if (events.Count > 0)
        {
            _publish(events);
        }
    }

    private void ScheduleWrite(TimeSpan delay)
    {
        _ = Task.Delay(delay).ContinueWith(_ =>
        {
            try
            {
                if (!_stopping && Interlocked.Exchange(ref _signalled, 1) == 0)
                {
                    _signal.Release();
                }
            }
            catch (ObjectDisposedException)
            {
                // Stopped meanwhile: Dispose wrote the newest head.
            }
        }, TaskScheduler.Default);
    }

    private void WriteLatest()
    {
        var head = _latest;
        if (head is null || head.Sequence <= _written)
        {
            return;
        }

        _lastFileWriteTicks = Environment.TickCount64 * TimeSpan.TicksPerMillisecond;
        try
        {
            LedgerHeadFile.Write(_dataDirectory, _nextCopy, head, flushToDisk: true);
            _written = head.Sequence;

            // The copy just written now holds the newest head; the next write goes to the other one. After a failed write
            // the same copy is written again: the other still holds the newest head that reached the disk.
            _nextCopy = (_nextCopy + 1) % LedgerHeadFile.Copies;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The file only ever lags the store; the next commit tries again.
            LastError = ex;
        }
    }
}
