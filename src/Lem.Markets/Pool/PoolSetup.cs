namespace Lem.Markets.Pool;

/// <summary>The checked inputs of a clearing: the scenario, the network it is cleared on and where each participant injects.</summary>
/// <param name="Market">The market input.</param>
/// <param name="Index">The solver network (the single virtual bus without a grid).</param>
/// <param name="Formulation">The grid formulation.</param>
/// <param name="ParticipantBus">The solver bus of each participant (scenario order), −1 for participants without a bus.</param>
/// <param name="ConnectionBus">The solver bus of the point of common coupling.</param>
/// <param name="Options">The settings.</param>
internal sealed record PoolSetup(MarketInput Market, NetworkIndex Index, IGridFormulation Formulation, int[] ParticipantBus, int ConnectionBus, PoolOptions Options)
{
    /// <summary>The formulation prepared for <see cref="Index"/>, once per clearing and shared by every model built from this setup.</summary>
    public IPreparedGridFormulation Grid { get; } = Formulation.Prepare(Index);

    /// <summary>tan(acos(pf)) of loads.</summary>
    public double LoadTanPhi => Math.Sqrt(1.0 - (Options.LoadPowerFactor * Options.LoadPowerFactor)) / Options.LoadPowerFactor;
}
