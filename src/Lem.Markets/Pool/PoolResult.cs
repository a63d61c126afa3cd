namespace Lem.Markets.Pool;

/// <summary>
/// The outcome of <see cref="PoolClearing.Clear"/>: status, welfare, prices per slot and bus, dispatch per participant,
/// asset and order, grid state where the formulation has one, model size and timings, and the rules used.
/// </summary>
/// <remarks>
/// Units: powers in kW per participant and asset, energies in MWh for the outside market, prices in EUR/MWh, welfare
/// in EUR. Injection into the grid is positive. When <see cref="Status"/> is not <see cref="PoolStatus.Optimal"/>
/// the dispatch lists are empty and <see cref="Message"/> says why.
/// </remarks>
public sealed record PoolResult
{
    /// <summary>
    /// With declared preferences: each pure seller's labelled energy and premium price per slot
    /// (docs/mechanisms/pool.md#preferences-multi-class-energy); empty otherwise.
    /// </summary>
    public IReadOnlyList<PremiumPrice> PremiumPrices { get; init; } = [];

    /// <summary>How the clearing ended.</summary>
    public required PoolStatus Status { get; init; }

    /// <summary>Why the clearing did not succeed (the likely cause, naming the participant and asset), or null when optimal.</summary>
    public string? Message { get; init; }

    /// <summary>Remarks on an optimal clearing (for example a tie-rule result that was not used), possibly empty.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>The scenario's name.</summary>
    public required string ScenarioName { get; init; }

    /// <summary>The grid formulation's name (<c>copperplate</c>, <c>dc</c>, ...).</summary>
    public required string FormulationName { get; init; }

    /// <summary>The price rule used in slots the tie rules apply to.</summary>
    public required PriceRule PriceRule { get; init; }

    /// <summary>The volume rule used in slots the tie rules apply to.</summary>
    public required VolumeRule VolumeRule { get; init; }

    /// <summary>Whether simultaneous charging and discharging was forbidden by binaries because the LP did it.</summary>
    public bool SimultaneousChargingPrevented { get; init; }

    /// <summary>Total welfare in EUR: Σ over slots of <see cref="PoolSlot.WelfareEur"/>, the negated optimal objective.</summary>
    public decimal WelfareEur { get; init; }

    /// <summary>Total energy imported from the outside market, MWh.</summary>
    public double ImportMwh { get; init; }

    /// <summary>Total energy exported to the outside market, MWh.</summary>
    public double ExportMwh { get; init; }

    /// <summary>The bus ids the per-bus arrays of <see cref="Slots"/> refer to (the single virtual <c>copperplate</c> bus without a grid).</summary>
    public IReadOnlyList<BusId> BusIds { get; init; } = [];

    /// <summary>
    /// Every bus of the grid in the network's order and ids, merged buses (closed bus-bus switches) included; empty
    /// when the result has no such mapping, which then means <see cref="BusIds"/>. See docs/power-flow.md, "Buses merged by switches".
    /// </summary>
    public IReadOnlyList<BusId> AllBusIds { get; init; } = [];

    /// <summary>The position in <see cref="BusIds"/> (and the per-bus arrays of <see cref="Slots"/>) of each entry of <see cref="AllBusIds"/>.</summary>
    public IReadOnlyList<int> AllBusIndex { get; init; } = [];

    /// <summary>The ids to report per-bus values under: <see cref="AllBusIds"/>, or <see cref="BusIds"/> when there is no mapping.</summary>
    public IReadOnlyList<BusId> ReportedBusIds => AllBusIds.Count > 0 ? AllBusIds : BusIds;

    /// <summary>Expands a per-bus array of <see cref="Slots"/> to one value per entry of <see cref="ReportedBusIds"/> (merged buses share their group's value).</summary>
    public IReadOnlyList<T> ToReportedBuses<T>(IReadOnlyList<T> perBus)
    {
        ArgumentNullException.ThrowIfNull(perBus);
        return AllBusIds.Count > 0 ? [.. AllBusIndex.Select(b => perBus[b])] : perBus;
    }

    /// <summary>Finds the position in <see cref="BusIds"/> (and the per-bus arrays of <see cref="Slots"/>) of any bus of the grid, merged buses included.</summary>
    public bool TryGetBusIndex(BusId bus, out int index)
    {
        for (var j = 0; j < AllBusIds.Count; j++)
        {
            if (AllBusIds[j] == bus)
            {
                index = AllBusIndex[j];
                return true;
            }
        }

        for (var b = 0; b < BusIds.Count; b++)
        {
            if (BusIds[b] == bus)
            {
                index = b;
                return true;
            }
        }

        index = -1;
        return false;
    }

    /// <summary>The branch ids the branch-flow arrays of <see cref="Slots"/> refer to (empty without a grid).</summary>
    public IReadOnlyList<string> BranchIds { get; init; } = [];

    /// <summary>Per-slot prices, exchange, welfare and grid state.</summary>
    public IReadOnlyList<PoolSlot> Slots { get; init; } = [];

    /// <summary>Per-participant net injection, in scenario order.</summary>
    public IReadOnlyList<ParticipantDispatch> Participants { get; init; } = [];

    /// <summary>Per-asset schedules, in scenario order.</summary>
    public IReadOnlyList<AssetDispatch> Assets { get; init; } = [];

    /// <summary>Per-order acceptance, in scenario order.</summary>
    public IReadOnlyList<OrderDispatch> Orders { get; init; } = [];

    /// <summary>Model size and timings.</summary>
    public required PoolStatistics Statistics { get; init; }
}
