namespace Lem.Grid.Formulations;

/// <summary>
/// The copper plate: the grid is ignored and one active-power balance per slot joins every bus,
/// Σ_bus p_bus = 0 (MW, injection positive). No voltages, no flows, no losses; reactive power is not balanced.
/// </summary>
/// <remarks>
/// The dual of the balance is the one price of the slot, the same at every bus: with the injections' constants
/// (fixed demand) moved to the right-hand side, the row reads "supply − flexible demand = fixed demand", so the dual
/// is +∂(optimal objective)/∂(demand) (docs/formulations.md#copper-plate). A scenario without a grid is cleared on a network of one
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
    IPreparedGridFormulation IGridFormulation.Prepare(NetworkIndex index) => Prepare(index);

    /// <summary>Prepares the copper plate for a network: there is nothing to analyse beyond the bus count.</summary>
    /// <exception cref="ArgumentException">When the network has no in-service bus.</exception>
    public PreparedCopperPlateFormulation Prepare(NetworkIndex index)
    {
        var why = CannotRepresent(index);
        if (why is not null)
        {
            throw new ArgumentException(why, nameof(index));
        }

        return new PreparedCopperPlateFormulation(this, index);
    }
}
