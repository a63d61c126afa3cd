namespace Lem.Markets.Distributed;

/// <summary>
/// Where the coordination of a distributed clearing runs (docs/cluster.md#the-coordinator-as-a-grain): null in
/// <see cref="DistributedOptions.CoordinatorHost"/> runs it in the caller; a host such as Lem.Cluster's Orleans one
/// runs the same coordination loop elsewhere (a grain on a silo, next to the agents it talks to) and returns its result.
/// </summary>
public interface ICoordinatorHost
{
    /// <summary>
    /// Runs <paramref name="mechanism"/> on <paramref name="market"/> with <paramref name="options"/> (whose
    /// <see cref="DistributedOptions.CoordinatorHost"/> is null) where the host runs coordinators, and returns the result
    /// the in-process run would return.
    /// </summary>
    DistributedResult Coordinate(AdmmMechanism mechanism, MarketInput market, DistributedOptions options);
}
