using System.Text.Json.Nodes;
using System.Threading.Channels;
using Lem.Server.Store;

namespace Lem.Server.Engine;

/// <summary>
/// The single writer. Requests queue in a channel; one loop takes up to <c>maxBatch</c> of them, executes them in order
/// against the engine, writes the whole batch (commands, orders, trades, gate closures, ledger entries) in one
/// transaction (group commit) and completes every request only after the COMMIT returned. A failed commit stops the
/// sequencer: the in-memory state may be ahead of the store, so every later request gets 503 until a restart rebuilds it.
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
        _loop = Task.Run(RunAsync);
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

    /// <summary>Runs every due gate closure (one gate_closure command each); completes after they committed.</summary>
    public Task<CommandResult> RunDueGateClosuresAsync() => SubmitAsync(DueGateClosures, new JsonObject());

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _channel.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
    }

    private const string DueGateClosures = "due_gate_closures";

    private async Task RunAsync()
    {
        var batch = new List<(Pending Request, CommandResult Result)>(_maxBatch);
        var reader = _channel.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            IReadOnlyList<StreamEvent> events = [];
            lock (_engine.SyncRoot)
            {
                var committed = _ledger.Last;
                try
                {
                    while (batch.Count < _maxBatch && reader.TryRead(out var p))
                    {
                        if (_fault is not null)
                        {
                            batch.Add((p, Unavailable()));
                            continue;
                        }

                        batch.Add((p, Execute(p)));
                    }

                    if (_fault is null && !_engine.Batch.IsEmpty)
                    {
                        _ledger.Seal(_engine.Batch, _engine.NextTime(_time.GetUtcNow()));
                        _store.Commit(_engine.Batch);
                        events = [.. _engine.PendingEvents];
                    }
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    _fault = ex;
                    _ledger.Reset(committed);
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
            }

            foreach (var (request, result) in batch)
            {
                request.Completion.TrySetResult(result);
            }

            if (events.Count > 0)
            {
                _publish(events);
            }
        }
    }

    private CommandResult Execute(Pending p)
    {
        var now = _engine.NextTime(_time.GetUtcNow());
        if (p.Kind != DueGateClosures)
        {
            return _engine.Execute(p.Kind, p.Payload, now, p.ApiKeySha256Hex);
        }

        var closed = new JsonArray();
        foreach (var (market, slot) in _engine.DueGateClosures(now))
        {
            closed.Add(_engine.Execute(CommandKinds.GateClosure, new JsonObject { ["market_id"] = market, ["slot"] = slot }, now, null).Body);
        }

        return new CommandResult(200, new JsonObject { ["gate_closures"] = closed });
    }

    private CommandResult Unavailable() => new(503, Views.Problem(503, "Service unavailable.", _fault is { } f
        ? $"The store failed ({f.GetType().Name}: {f.Message}); the server must be restarted to rebuild its state."
        : "The server is shutting down."));

    private sealed class Pending(string kind, JsonObject payload, string? apiKeySha256Hex)
    {
        public string Kind { get; } = kind;

        public JsonObject Payload { get; } = payload;

        public string? ApiKeySha256Hex { get; } = apiKeySha256Hex;

        public TaskCompletionSource<CommandResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
