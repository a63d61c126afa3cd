namespace Lem.Simulation.Intraday;

/// <summary>No intraday stage: deviations from the day-ahead positions all go to the imbalance settlement.</summary>
public sealed class NoIntraday : IIntradayMarket
{
    /// <inheritdoc />
    public string Name => "none";

    /// <inheritdoc />
    public string Description => "No intraday trading; every deviation is settled as imbalance";

    /// <inheritdoc />
    public IntradayOutcome Trade(IReadOnlyList<Order> orders, Horizon horizon, ulong seed) => IntradayOutcome.Empty;
}
