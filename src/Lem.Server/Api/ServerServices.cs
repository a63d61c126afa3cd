namespace Lem.Server.Api;

/// <summary>What the endpoints need: the engine (for reads), the sequencer (for commands), the stream and the operator's key hash.</summary>
internal sealed record ServerServices(MarketEngine Engine, Sequencer Sequencer, StreamHub Stream, ServerLedger Ledger, string OperatorKeySha256Hex)
{
    /// <summary>The cap on open orders per participant and slot of a market created without one (<see cref="ServerOptions.MaxOpenOrdersPerParticipant"/>).</summary>
    public int DefaultMaxOpenOrdersPerParticipant { get; init; } = ServerOptions.DefaultMaxOpenOrdersPerParticipant;
}
