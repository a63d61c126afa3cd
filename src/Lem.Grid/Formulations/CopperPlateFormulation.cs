using Lem.Grid.Indexing;
using Lem.Optimization;

namespace Lem.Grid.Formulations;

/// <summary>
/// The copper plate: the grid is ignored and one active-power balance per slot joins every bus,
/// Σ_bus p_bus = 0 (MW, injection positive). No voltages, no flows, no losses; reactive power is not balanced.
/// </summary>
/// <remarks>
/// The dual of the balance is the one price of the slot, the same at every bus: with the injections' constants
/// (fixed demand) moved to the right-hand side, the row reads "supply − flexible demand = fixed demand", so the dual
/// is +∂(optimal objective)/∂(demand) (FORMULATIONS §0, §1). A scenario without a grid is cleared on a network of one
/// virtual bus (see <see cref="VirtualBusId"/>); the formulation itself accepts any <see cref="NetworkIndex"/>.
/// </remarks>
public sealed class CopperPlateFormulation : IGridFormulation
{
    /// <summary>The id of the single virtual bus used when a scenario has no grid (<c>copperplate</c>).</summary>
    public static BusId VirtualBusId { get; } = new("copperplate");

    /// <inheritdoc />
    public string Name => "copperplate";

    /// <inheritdoc />
    public bool HasVoltages => false;

    /// <inheritdoc />
    public string? CannotRepresent(NetworkIndex index)
    {
        ArgumentNullException.ThrowIfNull(index);
        return index.BusCount == 0 ? "The network has no in-service bus." : null;
    }

    /// <inheritdoc />
    public GridSlot AddSlot(OptimizationModel model, NetworkIndex index, int slot, IReadOnlyList<LinearExpression> pInjectionMw, IReadOnlyList<LinearExpression> qInjectionMvar)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(pInjectionMw);
        ArgumentNullException.ThrowIfNull(qInjectionMvar);
        ArgumentOutOfRangeException.ThrowIfNegative(slot);
        if (pInjectionMw.Count != index.BusCount)
        {
            throw new ArgumentException($"{pInjectionMw.Count} active injections were given for {index.BusCount} buses.", nameof(pInjectionMw));
        }

        var total = new LinearExpression(pInjectionMw.Sum(e => e.Count));
        foreach (var e in pInjectionMw)
        {
            total.Add(e);
        }

        var balance = model.AddEquality(total, 0.0, $"copperplate.balance[{slot}]");
        return new CopperPlateSlot(balance, index.BusCount) { Slot = slot };
    }
}
