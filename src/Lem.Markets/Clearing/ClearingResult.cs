namespace Lem.Markets.Clearing;

/// <summary>
/// The one result of every clearing mechanism (docs/mechanisms/README.md): its status, per participant and slot the net
/// injection and the price it is settled at, prices per location and slot, the bilateral trades where the mechanism has
/// them, the community's import and export, welfare, diagnostics and timings, what the AC check needs, and the
/// mechanism's own report for outputs.
/// </summary>
/// <remarks>
/// When <see cref="Bilateral"/> is true, energy is settled trade by trade at the pair prices (a participant's position
/// beyond its trades, normally zero, at its position price); otherwise every net position is settled at its price.
/// Energy is rounded to 1e-6 kWh and prices to 1e-6 EUR/MWh before any amount is computed, so settlement is exact in
/// decimal from there on.
/// </remarks>
public sealed record ClearingResult
{
    /// <summary>The mechanism's registered name (<c>pool</c>, <c>p2p</c>, <c>community</c>, <c>exchange</c>, <c>uniform</c>, ...).</summary>
    public required string Mechanism { get; init; }

    /// <summary>How the clearing ended.</summary>
    public ClearingStatus Status { get; init; } = ClearingStatus.Optimal;

    /// <summary>The status as written in outputs (<c>optimal</c>, <c>converged</c>, <c>iteration_limit</c>, ...).</summary>
    public string StatusName => ClearingStatusNames.Of(Status);

    /// <summary>Whether the mechanism reached its goal (an optimum, or convergence).</summary>
    public bool Succeeded => Status is ClearingStatus.Optimal or ClearingStatus.Converged;

    /// <summary>Whether the positions form a schedule that can be checked and settled (also an iterative clearing stopped early).</summary>
    public bool HasSchedule => Succeeded || Status is ClearingStatus.IterationLimit or ClearingStatus.Diverging;

    /// <summary>Why the clearing failed, or a remark on success; null when there is nothing to say.</summary>
    public string? Message { get; init; }

    /// <summary>Warnings for the user.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>The cleared market's (scenario's) name.</summary>
    public string MarketName { get; init; } = string.Empty;

    /// <summary>The grid formulation the clearing used (<c>copperplate</c> without a grid model).</summary>
    public string Formulation { get; init; } = "copperplate";

    /// <summary>The number of slots.</summary>
    public required int SlotCount { get; init; }

    /// <summary>The price locations, in the column order of <see cref="PricesEurPerMwh"/>: bus ids, or <c>copperplate</c>.</summary>
    public IReadOnlyList<string> PriceLocations { get; init; } = ["copperplate"];

    /// <summary>Prices per slot and location, EUR/MWh (balance duals: +∂cost/∂demand); an empty row for a slot without a price.</summary>
    public IReadOnlyList<IReadOnlyList<double>> PricesEurPerMwh { get; init; } = [];

    /// <summary>Where each slot's price came from (<c>dual</c>, <c>merit_order</c>, ...), or null when the mechanism does not say.</summary>
    public IReadOnlyList<string>? PriceSources { get; init; }

    /// <summary>The net positions of the participants (not the outside market), in any order; participants not listed have none.</summary>
    public required IReadOnlyList<ClearingPosition> Positions { get; init; }

    /// <summary>Whether energy is settled by the bilateral <see cref="Trades"/> rather than by net position.</summary>
    public bool Bilateral { get; init; }

    /// <summary>The bilateral trades (P2P, call auctions), possibly with <see cref="OutsideMarketId"/> as buyer or seller.</summary>
    public IReadOnlyList<ClearingTrade> Trades { get; init; } = [];

    /// <summary>The id that stands for the outside market in <see cref="Trades"/>.</summary>
    public string OutsideMarketId { get; init; } = "outside-market";

    /// <summary>The community's scheduled import from the outside market per slot, kW (≥ 0).</summary>
    public required IReadOnlyList<double> ImportKw { get; init; }

    /// <summary>The community's scheduled export to the outside market per slot, kW (≥ 0).</summary>
    public required IReadOnlyList<double> ExportKw { get; init; }

    /// <summary>The clearing's social welfare, EUR.</summary>
    public decimal WelfareEur { get; init; }

    /// <summary>The energy accepted of each explicit order over the horizon, kWh, by order id; null when the mechanism does not report order fills (the distributed mechanisms).</summary>
    public IReadOnlyDictionary<string, double>? OrderFillsKwh { get; init; }

    /// <summary>The losses the grid formulation computed per slot, kW; null without a grid model.</summary>
    public IReadOnlyList<double>? LossesKw { get; init; }

    /// <summary>What the AC check needs beyond the positions (the consumption that draws reactive power, predicted voltages); null: net injections only.</summary>
    public GridCheckInput? GridCheck { get; init; }

    /// <summary>Named figures of the run (iterations, residuals, model size, ...), for reports and benchmarks.</summary>
    public IReadOnlyDictionary<string, double> Diagnostics { get; init; } = new Dictionary<string, double>();

    /// <summary>Wall-clock time of the clearing, seconds.</summary>
    public double WallSeconds { get; init; }

    /// <summary>
    /// The schedules of the participants' assets as the clearing decided them (the pool: every asset; the ADMM designs:
    /// the assets of every agent solved through the optimisation layer, at its final local solution); empty when the
    /// mechanism clears orders only. A participant's assets and filled orders sum to its position.
    /// </summary>
    public IReadOnlyList<AssetDispatch> Assets { get; init; } = [];

    /// <summary>The mechanism's own outputs (summary fields, files, text rows), or null for the common outputs only.</summary>
    public IClearingReport? Report { get; init; }
}
