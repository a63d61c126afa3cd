namespace Lem.Grid.Network;

/// <summary>The production cost curve of one generator (MATPOWER gencost row); see <see cref="PolynomialCost"/> and <see cref="PiecewiseLinearCost"/>.</summary>
public abstract record GeneratorCost
{
    /// <summary>The id of the generator the cost belongs to (<see cref="Generator.Id"/>).</summary>
    public required string GeneratorId { get; init; }

    /// <summary>The start-up cost in currency units.</summary>
    public double StartupCost { get; init; }

    /// <summary>The shut-down cost in currency units.</summary>
    public double ShutdownCost { get; init; }

    /// <summary>The cost per hour of producing <paramref name="pMw"/> MW.</summary>
    public abstract double Evaluate(double pMw);
}
