namespace Lem.Simulation.Intraday;

/// <summary>
/// The intraday stage of a simulated day (docs/simulation.md#intraday): trades the agents' intraday orders, made with
/// the intraday forecasts, among themselves. What is not traded is left to the imbalance settlement.
/// </summary>
public interface IIntradayMarket
{
    /// <summary>The name the option --intraday takes.</summary>
    string Name { get; }

    /// <summary>One sentence for help texts.</summary>
    string Description { get; }

    /// <summary>Trades <paramref name="orders"/> (slots of <paramref name="horizon"/>); <paramref name="seed"/> fixes any order of arrival.</summary>
    IntradayOutcome Trade(IReadOnlyList<Order> orders, Horizon horizon, ulong seed);
}
