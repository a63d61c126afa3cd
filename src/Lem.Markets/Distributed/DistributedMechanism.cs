namespace Lem.Markets.Distributed;

/// <summary>The distributed market designs.</summary>
public enum DistributedMechanism
{
    /// <summary>Full P2P market (§6.1): bilateral trades on a communication graph, the outside market as one agent.</summary>
    P2p,

    /// <summary>Community market (§6.2): a community manager coordinates the members and alone trades with the outside market.</summary>
    Community,

    /// <summary>Exchange ADMM with a supervisory node (§7), the outside market as one agent.</summary>
    Exchange,
}
