namespace Lem.Server.Engine;

/// <summary>How a market clears.</summary>
internal enum MarketMechanism
{
    /// <summary>Continuous trading: one order book per slot, matched on arrival until gate closure.</summary>
    Continuous,

    /// <summary>A uniform-price call auction per slot, cleared at gate closure.</summary>
    CallAuction,

    /// <summary>Pool clearing of a scenario's whole horizon at one gate closure (the first slot's), with the participants' extra orders.</summary>
    Pool,
}
