namespace Lem.Simulation.Compare;

/// <summary>How a design exposes participants' information (docs/comparison.md#information).</summary>
public enum InformationKind
{
    /// <summary>A central optimiser with every bid and asset.</summary>
    CentralOptimiser,

    /// <summary>A distributed clearing with a coordinator that sees net positions.</summary>
    Coordinated,

    /// <summary>A distributed bilateral (peer-to-peer) clearing.</summary>
    PeerToPeer,

    /// <summary>An order-book mechanism (auction or continuous double auction).</summary>
    OrderBook,
}
