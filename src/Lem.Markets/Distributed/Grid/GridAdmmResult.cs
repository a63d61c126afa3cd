namespace Lem.Markets.Distributed.Grid;

/// <summary>The last iterate of <see cref="GridSharing"/>: the agents' positions, the coordinator's own, the DLMPs and the grid agent's injections.</summary>
internal sealed record GridAdmmResult : AdmmResult
{
    /// <summary>The coordinator's own position per slot (the community's outside trade, import positive), kW; null without one.</summary>
    public double[]? OwnPositionKw { get; init; }

    /// <summary>The DLMP per slot and solver bus, EUR/MWh: −ρ times the bus's scaled dual.</summary>
    public required double[][] BusPricesEurPerMwh { get; init; }

    /// <summary>The injection per solver bus and slot the grid agent accepted last, bus-major [b·T + t], kW.</summary>
    public required double[] GridInjectionKw { get; init; }
}
