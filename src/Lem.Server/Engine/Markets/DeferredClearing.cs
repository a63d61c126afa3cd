using System.Text.Json.Nodes;

namespace Lem.Server.Engine.Markets;

/// <summary>
/// A clearing that runs off the sequencer's lock: the market took a snapshot of its inputs at the gate_closure command
/// (under the lock) and <see cref="Solve"/> clears that snapshot on another thread without touching the engine. The
/// sequencer submits what it returns as a <c>clearing_result</c> command, whose execution applies it under the lock
/// (<see cref="IServerMarket.ApplyClearing"/>); see docs/server.md.
/// </summary>
/// <param name="MarketId">The market being cleared.</param>
/// <param name="Solve">Clears the snapshot and returns the result's payload (JSON only; reads nothing the engine changes).</param>
/// <param name="Failed">The payload of a clearing whose <paramref name="Solve"/> threw: the failure, recorded as the result.</param>
internal sealed record DeferredClearing(string MarketId, Func<JsonObject> Solve, Func<Exception, JsonObject> Failed);
