namespace Lem.Server.Engine.Markets;

/// <summary>
/// A clearing that runs off the sequencer's lock: the market took a snapshot of its inputs at the gate_closure command
/// (under the lock) and <see cref="Solve"/> clears that snapshot on another thread without touching the engine. It returns
/// the result in parts, each small (a slot, an invoice), which the sequencer submits one after the other as
/// <c>clearing_result</c> commands: each is stored and signed like any command and applied under the lock
/// (<see cref="IServerMarket.ApplyClearing"/>) in a group commit of its own, so no part holds the lock for long; see docs/server-clearing.md.
/// </summary>
/// <param name="MarketId">The market being cleared.</param>
/// <param name="Solve">Clears the snapshot and returns the result's parts in order (JSON only; reads nothing the engine changes; deterministic, so a re-run after a crash gives the same parts).</param>
/// <param name="Failed">The parts of a clearing whose <paramref name="Solve"/> threw: the failure, recorded as the result.</param>
internal sealed record DeferredClearing(string MarketId, Func<IReadOnlyList<JsonObject>> Solve, Func<Exception, IReadOnlyList<JsonObject>> Failed);
