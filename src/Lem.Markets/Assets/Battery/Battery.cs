namespace Lem.Markets.Assets;

/// <summary>A stationary battery with state-of-charge dynamics (docs/mechanisms/pool.md#batteries).</summary>
/// <remarks>
/// e(t) = e(t-1) + ηch·pch(t)·Δt − pdis(t)·Δt/ηdis, with SocMin ≤ e(t) ≤ SocMax, e(0) = InitialSoc and
/// e(T) ≥ TerminalSocMin. At the horizon's end (docs/mechanisms/pool.md#storage-at-the-horizons-end) the battery either
/// holds at least <see cref="TerminalSocMin"/>, or returns to its initial state of charge (<see cref="Cyclic"/>:
/// e(T) = e(0)), or its stored energy is worth <see cref="TerminalValue"/> (welfare gains TerminalValue·(e(T) − e(0)), the value of
/// the change of stored energy).
/// </remarks>
/// <param name="Id">The asset's id.</param>
/// <param name="Name">A display name, or null.</param>
/// <param name="Capacity">The usable energy capacity.</param>
/// <param name="MaxCharge">The largest charging power (drawn from the grid).</param>
/// <param name="MaxDischarge">The largest discharging power (injected into the grid).</param>
/// <param name="ChargeEfficiency">Charging efficiency in (0, 1].</param>
/// <param name="DischargeEfficiency">Discharging efficiency in (0, 1].</param>
/// <param name="SocMin">The lowest state of charge allowed.</param>
/// <param name="SocMax">The highest state of charge allowed (at most the capacity).</param>
/// <param name="InitialSoc">The state of charge at the start of the horizon.</param>
/// <param name="TerminalSocMin">The state of charge the battery must at least hold at the end of the horizon.</param>
/// <param name="DegradationCost">Cost per unit of energy discharged, for cell wear.</param>
/// <param name="Cyclic">Whether the state of charge at the end of the horizon must equal the initial state of charge.</param>
/// <param name="TerminalValue">The value of stored energy at the end of the horizon, counted on the change from the initial state of charge (zero: stored energy is worth nothing).</param>
public sealed record Battery(
    AssetId Id,
    string? Name,
    Energy Capacity,
    Power MaxCharge,
    Power MaxDischarge,
    double ChargeEfficiency,
    double DischargeEfficiency,
    Energy SocMin,
    Energy SocMax,
    Energy InitialSoc,
    Energy TerminalSocMin,
    Price DegradationCost,
    bool Cyclic = false,
    Price TerminalValue = default) : Asset(Id, Name)
{
    /// <inheritdoc />
    public override string Kind => "battery";

    /// <summary>The round-trip efficiency ηch·ηdis.</summary>
    public double RoundTripEfficiency => ChargeEfficiency * DischargeEfficiency;
}
