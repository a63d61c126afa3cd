using Lem.Grid.Formulations;

namespace Lem.Grid.Opf;

/// <summary>The outcome of <see cref="OptimalPowerFlow.Solve"/>. Bus, generator and branch lists are empty unless the solve found values.</summary>
public sealed record OpfResult
{
    /// <summary>How the solve ended.</summary>
    public required SolveStatus Status { get; init; }

    /// <summary>Whether the solve was optimal.</summary>
    public bool IsOptimal => Status == SolveStatus.Optimal;

    /// <summary>The solver's own words on the outcome.</summary>
    public string? Message { get; init; }

    /// <summary>The formulation's name (dc, lindistflow, soc, ac, ...).</summary>
    public required string Formulation { get; init; }

    /// <summary>The back end that solved the model.</summary>
    public required string SolverName { get; init; }

    /// <summary>The total generation cost in the case's cost units per hour (MATPOWER's objective).</summary>
    public double ObjectivePerHour { get; init; }

    /// <summary>The result at each solver bus, in solver order.</summary>
    public IReadOnlyList<OpfBus> Buses { get; init; } = [];

    /// <summary>The dispatch of each in-service generator, in the network's order.</summary>
    public IReadOnlyList<OpfGenerator> Generators { get; init; } = [];

    /// <summary>The power bought from each in-service external grid, in the network's order.</summary>
    public IReadOnlyList<OpfExternalGrid> ExternalGrids { get; init; } = [];

    /// <summary>The flow on each in-service branch, in solver order (empty when the formulation has no flows).</summary>
    public IReadOnlyList<OpfBranch> Branches { get; init; } = [];

    /// <summary>The active losses (MW) the formulation models (zero for lossless formulations).</summary>
    public double LossesMw { get; init; }

    /// <summary>The solver's wall time in seconds.</summary>
    public double SolverSeconds { get; init; }

    /// <summary>The wall time of the whole call (index, model building, solve, read-out) in seconds.</summary>
    public double TotalSeconds { get; init; }

    /// <summary>The formulation's slot, for formulation-specific read-outs (DLMP decomposition, SOC exactness, angles).</summary>
    public required GridSlot Slot { get; init; }

    /// <summary>The raw solution of the optimisation model.</summary>
    public required Solution Solution { get; init; }

    /// <summary>The result at a user bus.</summary>
    /// <exception cref="KeyNotFoundException">When the bus is not among the results.</exception>
    public OpfBus Bus(BusId id) => Buses.FirstOrDefault(b => b.Id == id) ?? throw new KeyNotFoundException($"Bus '{id}' is not in the OPF result.");
}
