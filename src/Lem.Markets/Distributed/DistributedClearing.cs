namespace Lem.Markets.Distributed;

/// <summary>Runs a distributed mechanism, found in <see cref="ClearingMechanisms"/>, on a market input.</summary>
public static class DistributedClearing
{
    /// <summary>Runs a mechanism on a market.</summary>
    /// <exception cref="ArgumentException">When the market has no participant with assets or orders, or the options are out of range.</exception>
    /// <exception cref="InvalidOperationException">When an agent's local problem cannot be solved (an infeasible EV requirement, for example).</exception>
    public static DistributedResult Run(MarketInput scenario, DistributedMechanism mechanism, DistributedOptions? options = null) =>
        AdmmMechanism.ForKind(mechanism).Run(scenario, options);
}
