namespace Lem.Markets.Distributed;

/// <summary>The outcome of <see cref="DistributedClearing.Run"/>.</summary>
public sealed record DistributedResult
{
    /// <summary>The mechanism that ran.</summary>
    public required DistributedMechanism Mechanism { get; init; }

    /// <summary>Convergence, iterations, residuals, messages, bytes, wall time and the residual history (with CSV export).</summary>
    public required AdmmDiagnostics Diagnostics { get; init; }

    /// <summary>How the run ended.</summary>
    public ConvergenceStatus Status => Diagnostics.Status;

    /// <summary>Iterations performed.</summary>
    public int Iterations => Diagnostics.Iterations;

    /// <summary>The last primal residual (kW).</summary>
    public double PrimalResidual => Diagnostics.PrimalResidual;

    /// <summary>The last dual residual.</summary>
    public double DualResidual => Diagnostics.DualResidual;

    /// <summary>Messages exchanged.</summary>
    public long Messages => Diagnostics.Messages;

    /// <summary>Bytes exchanged (<see cref="MessageEncoding"/>).</summary>
    public long Bytes => Diagnostics.Bytes;

    /// <summary>Wall time, seconds (agent construction included).</summary>
    public required double WallSeconds { get; init; }

    /// <summary>The price per slot, EUR/MWh: the market price (exchange), the community price (community), or the volume-weighted mean of the pair prices (P2P).</summary>
    public required IReadOnlyList<double> PricesEurPerMwh { get; init; }

    /// <summary>P2P only: the reconciled bilateral trades; empty otherwise.</summary>
    public required IReadOnlyList<DistributedTrade> Trades { get; init; }

    /// <summary>Every participant's net injection per slot (the outside market's agent too, for P2P and exchange).</summary>
    public required IReadOnlyList<DistributedPosition> Positions { get; init; }

    /// <summary>Import from the outside market per slot, kW.</summary>
    public required IReadOnlyList<double> ImportKw { get; init; }

    /// <summary>Export to the outside market per slot, kW.</summary>
    public required IReadOnlyList<double> ExportKw { get; init; }

    /// <summary>
    /// Welfare, EUR: −Σ of the agents' own costs at the final point (each agent reports one number at the end — the
    /// only aggregation of private data), plus the outside trade. Comparable with the pool's welfare.
    /// </summary>
    public required decimal WelfareEur { get; init; }

    /// <summary>The residual history as CSV (see <see cref="AdmmDiagnostics.ResidualHistoryCsv"/>).</summary>
    public string ResidualHistoryCsv() => Diagnostics.ResidualHistoryCsv();

    /// <summary>The grid formulation the market cleared on (<c>copperplate</c> without the grid agent).</summary>
    public string Formulation { get; init; } = "copperplate";

    /// <summary>With the grid agent: the bus ids of <see cref="BusPricesEurPerMwh"/>'s columns; empty on copper plate.</summary>
    public IReadOnlyList<string> PriceLocations { get; init; } = [];

    /// <summary>
    /// The asset schedules of the participants whose agents solve their local problem through the optimisation layer
    /// (storage, EVs, heat pumps, flexible loads, orders), at their final local solution;
    /// the closed-form agents (loads, PV, curtailable loads) report none.
    /// </summary>
    public IReadOnlyList<AssetDispatch> Assets { get; init; } = [];

    /// <summary>With the grid agent: the DLMP per slot and bus of <see cref="PriceLocations"/>, EUR/MWh; empty on copper plate.</summary>
    public IReadOnlyList<IReadOnlyList<double>> BusPricesEurPerMwh { get; init; } = [];
}
