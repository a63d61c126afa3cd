using Lem.Server.Engine;

namespace Lem.Server.Api;

/// <summary>What the endpoints need: the engine (for reads), the sequencer (for commands), the stream and the operator's key hash.</summary>
internal sealed record ServerServices(MarketEngine Engine, Sequencer Sequencer, StreamHub Stream, ServerLedger Ledger, string OperatorKeySha256Hex);
