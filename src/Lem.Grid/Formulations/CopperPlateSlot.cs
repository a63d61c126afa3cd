namespace Lem.Grid.Formulations;

/// <summary>The one balance a <see cref="CopperPlateFormulation"/> adds for a slot; its dual is the price at every bus.</summary>
public sealed class CopperPlateSlot : GridSlot
{
    private readonly int _busCount;

    /// <summary>Wraps the balance constraint of a slot on a network of <paramref name="busCount"/> buses.</summary>
    public CopperPlateSlot(Constraint balance, int busCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(busCount);
        Balance = balance;
        _busCount = busCount;
    }

    /// <summary>The balance Σ_bus p_bus = 0 of the slot (MW).</summary>
    public Constraint Balance { get; }

    /// <inheritdoc />
    public override double[] ActivePrices(Solution solution)
    {
        ArgumentNullException.ThrowIfNull(solution);
        var prices = new double[_busCount];
        Array.Fill(prices, solution.Dual(Balance));
        return prices;
    }

    /// <inheritdoc />
    public override double[]? VoltageMagnitudesPu(Solution solution) => null;

    /// <inheritdoc />
    public override double[]? BranchFlowsMw(Solution solution) => null;

    /// <inheritdoc />
    public override double LossesMw(Solution solution) => 0.0;
}
