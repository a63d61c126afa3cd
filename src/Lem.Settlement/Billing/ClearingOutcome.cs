namespace Lem.Settlement.Billing;

/// <summary>
/// The result of any clearing mechanism in the form settlement needs: per participant and slot the net injection and its
/// price, the bilateral trades of a P2P market, and the community's import and export. Build it with
/// <see cref="ClearingOutcomes"/> from a pool or distributed result, or directly.
/// </summary>
/// <remarks>
/// When <see cref="Bilateral"/> is true, energy is settled trade by trade at the pair prices (a participant's position
/// beyond its trades, normally zero, at its position price); otherwise every net position is settled at its price.
/// Energy is rounded to 1e-6 kWh and prices to 1e-6 EUR/MWh before any amount is computed, so settlement is exact in
/// decimal from there on.
/// </remarks>
public sealed record ClearingOutcome
{
    /// <summary>The mechanism's name (<c>pool</c>, <c>p2p</c>, <c>community</c>, <c>exchange</c>, ...).</summary>
    public required string Mechanism { get; init; }

    /// <summary>The number of slots.</summary>
    public required int SlotCount { get; init; }

    /// <summary>The net positions of the participants (not the outside market), in any order; participants not listed have none.</summary>
    public required IReadOnlyList<ClearingPosition> Positions { get; init; }

    /// <summary>Whether energy is settled by the bilateral <see cref="Trades"/> rather than by net position.</summary>
    public bool Bilateral { get; init; }

    /// <summary>The bilateral trades (P2P), possibly with <see cref="OutsideMarketId"/> as buyer or seller.</summary>
    public IReadOnlyList<ClearingTrade> Trades { get; init; } = [];

    /// <summary>The id that stands for the outside market in <see cref="Trades"/>.</summary>
    public string OutsideMarketId { get; init; } = "outside-market";

    /// <summary>The community's scheduled import from the outside market per slot, kW (≥ 0).</summary>
    public required IReadOnlyList<double> ImportKw { get; init; }

    /// <summary>The community's scheduled export to the outside market per slot, kW (≥ 0).</summary>
    public required IReadOnlyList<double> ExportKw { get; init; }

    /// <summary>The clearing's social welfare, EUR.</summary>
    public decimal WelfareEur { get; init; }
}
