namespace Lem.Simulation.Intraday;

/// <summary>What the intraday stage traded: per participant the net injection bought or sold per slot (kW, sold positive) and the net cost (EUR, positive: paid).</summary>
/// <param name="NetInjectionKw">Traded net injection per participant and slot.</param>
/// <param name="CostEur">Net cost per participant.</param>
/// <param name="Trades">The number of trades.</param>
public sealed record IntradayOutcome(IReadOnlyDictionary<ParticipantId, double[]> NetInjectionKw, IReadOnlyDictionary<ParticipantId, decimal> CostEur, int Trades)
{
    /// <summary>No trades.</summary>
    public static IntradayOutcome Empty { get; } = new(new Dictionary<ParticipantId, double[]>(), new Dictionary<ParticipantId, decimal>(), 0);
}
