namespace Lem.Settlement.TariffDesign;

/// <summary>A tariff design at the level that recovers the revenue (docs/games.md#stackelberg-tariff-design).</summary>
/// <param name="Tariff">The design's name.</param>
/// <param name="Level">The level τ in <paramref name="LevelUnit"/>.</param>
/// <param name="LevelUnit">EUR/kWh or EUR/kW.</param>
/// <param name="RevenueEur">The tariff revenue at that level.</param>
/// <param name="PeakKw">The system's coincident peak withdrawal, kW.</param>
/// <param name="SystemCostEur">The participants' energy bills and asset costs together, EUR.</param>
/// <param name="Bills">Every participant's bill, in input order.</param>
/// <param name="PassiveShiftEur">The cost shifted to the passive consumers: Σ over them of tariff charge − reference share, EUR.</param>
/// <param name="WorstPassiveChangeEur">The largest change of one passive consumer's charge against its reference share, EUR.</param>
/// <param name="Evaluations">How many levels were evaluated (each one solve of every follower).</param>
public sealed record TariffDesignOutcome(
    string Tariff,
    double Level,
    string LevelUnit,
    double RevenueEur,
    double PeakKw,
    double SystemCostEur,
    IReadOnlyList<ParticipantTariffBill> Bills,
    double PassiveShiftEur,
    double WorstPassiveChangeEur,
    int Evaluations);
