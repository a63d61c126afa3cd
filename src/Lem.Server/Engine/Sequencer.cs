using System.Collections.Concurrent;
using System.Threading.Channels;
using Lem.Server.Engine.Markets;
using Lem.Server.Store;

namespace Lem.Server.Engine;

/// <summary>
/// The single writer. Requests queue in a channel; one loop takes everything queued (up to <c>maxBatch</c>), executes it
/// in order against the engine and seals the batch's ledger entry, then hands the batch (commands, orders, trades, gate
/// closures, ledger entries) to the writer thread, which stores it in one transaction (group commit) and completes every
/// request only after the COMMIT returned. The engine stays locked until then, so reads (under the same lock) only ever
/// see stored state; requests arriving meanwhile queue up and form the next batch. The writer runs on its own thread so
/// that the blocking fsync never takes a thread from the pool serving HTTP. A failed commit stops the sequencer: the
/// in-memory state may be ahead of the store, so every later request gets 503 until a restart rebuilds the state.
/// A clearing that a gate closure starts off the lock (a scenario market's) runs on its own thread once the closure
/// committed, and comes back through the channel as clearing_result commands, one per part of its result (docs/server-clearing.md).
/// </summary>
internal sealed class Sequencer : IAsyncDisposable
{
    private readonly Channel<Pending> _channel = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly MarketEngine _engine;
    private readonly IMarketStore _store;
    private readonly ServerLedger _ledger;
    private readonly TimeProvider _time;
    private readonly Action<IReadOnlyList<StreamEvent>> _publish;
    private readonly int _maxBatch;
    private readonly Task _loop;
    private readonly Task _writer;
    private readonly SemaphoreSlim _writerIdle = new(1, 1);
    private readonly SemaphoreSlim _jobReady = new(0, 1);
    private readonly ConcurrentDictionary<string, TaskCompletionSource<CommandResult>> _clearings = new(StringComparer.Ordinal);
    private readonly List<(DeferredClearing Clearing, TaskCompletionSource<CommandResult> Done)> _toLaunch = [];
    private WriteJob? _job;
    private volatile Exception? _fault;

    /// <summary>Starts the loop.</summary>
    public Sequencer(MarketEngine engine, IMarketStore store, ServerLedger ledger, TimeProvider time, Action<IReadOnlyList<StreamEvent>> publish, int maxBatch)
    {
        _engine = engine;
        _store = store;
        _ledger = ledger;
        _time = time;
        _publish = publish;
        _maxBatch = Math.Max(1, maxBatch);

        // Clearings the replay left running (their gate closure is stored, their result is not: the process stopped in
        // between) run again from the same snapshot; the clearing is deterministic.
        foreach (var clearing in engine.RunningClearings)
        {
            Launch(clearing, Register(clearing));
        }

        // Two dedicated threads: both block (on the engine lock, on SQLite's fsync), which must not starve the thread pool
        // that serves the HTTP requests.
        _writer = Task.Factory.StartNew(WriteLoop, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        _loop = Task.Factory.StartNew(ExecuteLoop, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>The failure that stopped the sequencer, or null.</summary>
    public Exception? Fault => _fault;

    /// <summary>Queues a command; the task completes after its batch committed.</summary>
    public Task<CommandResult> SubmitAsync(string kind, JsonObject payload, string? apiKeySha256Hex = null)
    {
        var pending = new Pending(kind, payload, apiKeySha256Hex);
        if (_fault is not null || !_channel.Writer.TryWrite(pending))
        {
            return Task.FromResult(Unavailable());
        }

        return pending.Completion.Task;
    }

    /// <summary>
    /// Runs every due gate closure (one gate_closure command each); completes after they committed and, for a market
    /// clearing off the lock, after its clearing result committed (its closures then replace the <c>clearing</c> answers).
    /// </summary>
    public async Task<CommandResult> RunDueGateClosuresAsync()
    {
        var pending = new Pending(DueGateClosures, new JsonObject(), null);
        if (_fault is not null || !_channel.Writer.TryWrite(pending))
        {
            return Unavailable();
        }

        var result = await pending.Completion.Task.ConfigureAwait(false);
        if (result.Status != 200 || pending.Clearings.Count == 0)
        {
            return result;
        }

        var cleared = new Dictionary<(string MarketId, int Slot), JsonNode>();
        foreach (var clearing in pending.Clearings.Distinct())
        {
            var done = await clearing.ConfigureAwait(false);
            if (done.Status != 200)
            {
                return done;
            }

            foreach (var closure in done.Body["gate_closures"]!.AsArray())
            {
                cleared[(closure!["market_id"]!.GetValue<string>(), closure["slot"]!.GetValue<int>())] = closure;
            }
        }

        var closures = result.Body["gate_closures"]!.AsArray();
        for (var i = 0; i < closures.Count; i++)
        {
            var c = closures[i]!;
            if (cleared.TryGetValue((c["market_id"]!.GetValue<string>(), c["slot"]!.GetValue<int>()), out var final))
            {
                closures[i] = final.DeepClone();
            }
        }

        return result;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _channel.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
        await _writer.ConfigureAwait(false);
        _writerIdle.Dispose();
        _jobReady.Dispose();
    }

    private const string DueGateClosures = "due_gate_closures";

    private void ExecuteLoop()
    {
        var reader = _channel.Reader;
        while (reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            var batch = new List<(Pending Request, CommandResult Result)>(Math.Min(_maxBatch, 64));
            StoreBatch? toWrite = null;
            StreamEvent[] events = [];
            LedgerStamp? stamp = null;
            lock (_engine.SyncRoot)
            {
                try
                {
                    while (batch.Count < _maxBatch && reader.TryRead(out var p))
                    {
                        batch.Add((p, _fault is null ? Execute(p) : Unavailable()));
                    }

                    if (_fault is null && !_engine.Batch.IsEmpty)
                    {
                        _ledger.Seal(_engine.Batch, _engine.NextTime(NodaTime.Instant.FromDateTimeOffset(_time.GetUtcNow())));
                        toWrite = Detach(_engine.Batch);
                        events = [.. _engine.PendingEvents];
                    }

                    // The record this batch's answers were committed under: its own entry, or the last one when it wrote none.
                    stamp = _ledger.LastStamp;
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    _fault ??= ex;
                    toWrite = null;
                    for (var i = 0; i < batch.Count; i++)
                    {
                        batch[i] = (batch[i].Request, Unavailable());
                    }
                }
                finally
                {
                    _engine.Batch.Clear();
                    _engine.PendingEvents.Clear();
                }

                // The writer stores the batch while the engine stays locked, so readers (who take the same lock) never see
                // a batch that is not on disk: what a GET shows survives a crash.
                _writerIdle.Wait();
                _job = new WriteJob(batch, toWrite, events, stamp);
                _jobReady.Release();
                _writerIdle.Wait();
                _writerIdle.Release();
                LaunchStartedClearings();
            }
        }

        _writerIdle.Wait();
        _job = null;
        _jobReady.Release();
    }

    private void WriteLoop()
    {
        while (true)
        {
            _jobReady.Wait();
            if (_job is not { } job)
            {
                return;
            }

            _job = null;
            try
            {
                WriteAndComplete(job.Requests, job.ToWrite, job.Events, job.Stamp);
            }
            finally
            {
                _writerIdle.Release();
            }
        }
    }

    /// <summary>Commits a batch, then completes its requests (503 when this or an earlier commit failed) and publishes its events.</summary>
    private void WriteAndComplete(List<(Pending Request, CommandResult Result)> batch, StoreBatch? toWrite, StreamEvent[] events, LedgerStamp? stamp)
    {
        var committed = _fault is null;
        if (committed && toWrite is not null)
        {
            try
            {
                _store.Commit(toWrite);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                _fault ??= ex;
                committed = false;
            }
        }

        foreach (var (request, result) in batch)
        {
            request.Completion.TrySetResult(committed ? Stamped(result, stamp) : Unavailable());
        }

        if (committed && events.Length > 0)
        {
            _publish(events);
        }

        // The new head after the events it covers (readers wait on the engine's lock until this returns).
        if (committed && toWrite is not null)
        {
            _ledger.MarkCommitted(toWrite);
        }
    }

    /// <summary>
    /// A copy of the batch for the writer, so the engine can go on with the next batch: the lists are copied, and the
    /// orders (which later commands keep changing) are copied field by field as they stand at the end of this batch.
    /// </summary>
    private static StoreBatch Detach(StoreBatch batch)
    {
        var copy = new StoreBatch();
        copy.Commands.AddRange(batch.Commands);
        copy.Markets.AddRange(batch.Markets);
        copy.Participants.AddRange(batch.Participants);
        copy.Trades.AddRange(batch.Trades);
        copy.GateClosures.AddRange(batch.GateClosures);
        copy.LedgerRecords.AddRange(batch.LedgerRecords);
        copy.LedgerEntries.AddRange(batch.LedgerEntries);
        foreach (var (number, o) in batch.Orders)
        {
            copy.Orders.Add(number, o.Snapshot());
        }

        return copy;
    }

    private CommandResult Execute(Pending p)
    {
        var now = _engine.NextTime(NodaTime.Instant.FromDateTimeOffset(_time.GetUtcNow()));
        if (p.Kind != DueGateClosures)
        {
            var result = _engine.Execute(p.Kind, p.Payload, now, p.ApiKeySha256Hex);
            TakeStartedClearings();
            return result;
        }

        var closed = new JsonArray();
        foreach (var (market, slot) in _engine.DueGateClosures(now))
        {
            var closure = _engine.Execute(CommandKinds.GateClosure, new JsonObject { ["market_id"] = market, ["slot"] = slot }, now, null);
            TakeStartedClearings();
            if (closure.Status == 202 && _clearings.TryGetValue(market, out var clearing))
            {
                p.Clearings.Add(clearing.Task);
            }

            closed.Add(closure.Body);
        }

        return new CommandResult(200, new JsonObject { ["gate_closures"] = closed });
    }

    /// <summary>Adds <c>ledger_seq</c> and <c>ledger_hash</c> to an acknowledgement (a 2xx answer): a retry's first record, else the batch's.</summary>
    private static CommandResult Stamped(CommandResult result, LedgerStamp? stamp)
    {
        if (result.Status is >= 200 and < 300 && result.Body is JsonObject body && (result.Ledger ?? stamp) is { } s && !body.ContainsKey(LedgerStamp.SequenceMember))
        {
            s.AddTo(body);
        }

        return result;
    }

    /// <summary>Registers the clearings the engine started (under the lock) so that waiters find them; they run once their batch committed.</summary>
    private void TakeStartedClearings()
    {
        foreach (var clearing in _engine.StartedClearings)
        {
            _toLaunch.Add((clearing, Register(clearing)));
        }

        _engine.StartedClearings.Clear();
    }

    private TaskCompletionSource<CommandResult> Register(DeferredClearing clearing)
    {
        var done = new TaskCompletionSource<CommandResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        _clearings[clearing.MarketId] = done;
        return done;
    }

    /// <summary>After a batch committed: starts the clearings its gate closures took snapshots for (after a failed commit they end unavailable).</summary>
    private void LaunchStartedClearings()
    {
        TakeStartedClearings();
        foreach (var (clearing, done) in _toLaunch)
        {
            if (_fault is null)
            {
                Launch(clearing, done);
            }
            else
            {
                _clearings.TryRemove(new KeyValuePair<string, TaskCompletionSource<CommandResult>>(clearing.MarketId, done));
                done.TrySetResult(Unavailable());
            }
        }

        _toLaunch.Clear();
    }

    /// <summary>
    /// Solves a clearing on a thread of its own (off the engine's lock: other markets trade and reads answer meanwhile),
    /// then submits its parts one after the other as clearing_result commands, each stored and signed into the ledger like
    /// any command in a group commit of its own (so none holds the lock for long). A part refused as applied already (the
    /// clearing re-runs after a restart that cut it off) is skipped.
    /// </summary>
    private void Launch(DeferredClearing clearing, TaskCompletionSource<CommandResult> done)
    {
        _ = Task.Factory.StartNew(() => SolveAndSubmitAsync(clearing, done), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
    }

    private async Task SolveAndSubmitAsync(DeferredClearing clearing, TaskCompletionSource<CommandResult> done)
    {
        IReadOnlyList<JsonObject> parts;
        try
        {
            parts = clearing.Solve();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            parts = clearing.Failed(ex);
        }

        var closed = new JsonArray();
        var outcome = new CommandResult(200, new JsonObject { ["gate_closures"] = closed });
        for (var i = 0; i < parts.Count; i++)
        {
            // The command carries the payload as parsed from its own text, so the live state is built from exactly what a replay reads.
            var payload = JsonNode.Parse(new JsonObject { ["market_id"] = clearing.MarketId, ["part"] = i, ["parts"] = parts.Count, ["result"] = parts[i].DeepClone() }.ToJsonString())!.AsObject();
            var committed = await SubmitAsync(CommandKinds.ClearingResult, payload).ConfigureAwait(false);
            if (committed.Status == 200)
            {
                foreach (var closure in committed.Body["gate_closures"]!.AsArray())
                {
                    closed.Add(closure!.DeepClone());
                }
            }
            else if (committed.Status != 409)
            {
                outcome = committed;
                break;
            }
        }

        _clearings.TryRemove(new KeyValuePair<string, TaskCompletionSource<CommandResult>>(clearing.MarketId, done));
        done.TrySetResult(outcome);
    }

    private CommandResult Unavailable() => new(503, Views.Problem(503, "Service unavailable.", _fault is { } f
        ? $"The store failed ({f.GetType().Name}: {f.Message}); the server must be restarted to rebuild its state."
        : "The server is shutting down."));

    private sealed record WriteJob(List<(Pending Request, CommandResult Result)> Requests, StoreBatch? ToWrite, StreamEvent[] Events, LedgerStamp? Stamp);

    private sealed class Pending(string kind, JsonObject payload, string? apiKeySha256Hex)
    {
        public string Kind { get; } = kind;

        public JsonObject Payload { get; } = payload;

        public string? ApiKeySha256Hex { get; } = apiKeySha256Hex;

        public TaskCompletionSource<CommandResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>For the due gate closures: the clearings running off the lock that its closures wait for.</summary>
        public List<Task<CommandResult>> Clearings { get; } = [];
    }
}
