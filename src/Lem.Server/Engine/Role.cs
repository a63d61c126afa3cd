namespace Lem.Server.Engine;

/// <summary>The role of an authenticated caller.</summary>
internal enum Role
{
    /// <summary>No credentials: public market data only.</summary>
    Public,

    /// <summary>A market participant: own orders, trades and proofs.</summary>
    Participant,

    /// <summary>The distribution system operator: grid results (net positions per participant and slot).</summary>
    Dso,

    /// <summary>The market operator: creates markets and registers participants.</summary>
    Operator,
}
