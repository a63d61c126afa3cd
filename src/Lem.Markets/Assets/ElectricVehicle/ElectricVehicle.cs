namespace Lem.Markets.Assets;

/// <summary>An electric vehicle that is plugged in from arrival to departure and must leave with a required energy.</summary>
/// <remarks>
/// The vehicle can charge in the slots that lie entirely within [Arrival, Departure). Without vehicle-to-grid it only
/// charges; with it, it may also discharge up to <see cref="MaxDischarge"/>. A vehicle still plugged in at the horizon's
/// end must hold its requirement there, or, with a <see cref="TerminalValue"/>, only what still lets it reach the
/// requirement by its departure, and its stored energy is valued instead
/// (docs/mechanisms/pool.md#electric-vehicles-at-the-horizons-end).
/// </remarks>
/// <param name="Id">The asset's id.</param>
/// <param name="Name">A display name, or null.</param>
/// <param name="Capacity">The battery capacity of the vehicle.</param>
/// <param name="MaxCharge">The largest charging power of the charge point.</param>
/// <param name="ChargeEfficiency">Charging efficiency in (0, 1].</param>
/// <param name="Arrival">When the vehicle is plugged in.</param>
/// <param name="Departure">When the vehicle leaves (excluded).</param>
/// <param name="ArrivalEnergy">The energy in the vehicle's battery at arrival.</param>
/// <param name="RequiredEnergy">The energy the battery must hold at departure.</param>
/// <param name="VehicleToGrid">Whether the vehicle may discharge into the grid.</param>
/// <param name="MaxDischarge">The largest discharging power with vehicle-to-grid (zero without).</param>
/// <param name="DischargeEfficiency">Discharging efficiency in (0, 1].</param>
/// <param name="TerminalValue">
/// For a vehicle that departs after the horizon's end: the value of its stored energy at the horizon's end, up to the
/// required energy; welfare loses this much per unit it still lacks of its requirement there, which it buys after the
/// horizon (null: the requirement applies at the horizon's end).
/// </param>
public sealed record ElectricVehicle(
    AssetId Id,
    string? Name,
    Energy Capacity,
    Power MaxCharge,
    double ChargeEfficiency,
    Instant Arrival,
    Instant Departure,
    Energy ArrivalEnergy,
    Energy RequiredEnergy,
    bool VehicleToGrid,
    Power MaxDischarge,
    double DischargeEfficiency,
    Price? TerminalValue = null) : Asset(Id, Name)
{
    /// <inheritdoc />
    public override string Kind => "ev";

    /// <summary>The energy that must be added to the battery while plugged in (never negative).</summary>
    public Energy EnergyToCharge => RequiredEnergy > ArrivalEnergy ? RequiredEnergy - ArrivalEnergy : Energy.Zero;

    /// <summary>
    /// The energy the vehicle must hold at min(departure, <paramref name="horizonEnd"/>): its requirement, or, with a
    /// <see cref="TerminalValue"/> and a departure after the horizon's end, what still lets it reach the requirement by
    /// its departure (<see cref="StillToHoldAt"/>; docs/mechanisms/pool.md#electric-vehicles-at-the-horizons-end).
    /// </summary>
    public Energy RequiredAtHorizonEnd(Instant horizonEnd) =>
        TerminalValue is null ? RequiredEnergy : StillToHoldAt(horizonEnd, RequiredEnergy, ChargeEfficiency, MaxCharge, Departure);

    /// <summary>
    /// The energy a vehicle must hold at <paramref name="at"/> to still reach <paramref name="required"/> by
    /// <paramref name="departure"/>: the requirement less what charging at full power until the departure adds,
    /// η·P̄ch·(departure − at), never below zero (the requirement itself when the departure is not after <paramref name="at"/>).
    /// </summary>
    public static Energy StillToHoldAt(Instant at, Energy required, double chargeEfficiency, Power maxCharge, Instant departure)
    {
        if (departure <= at)
        {
            return required;
        }

        var afterKwh = chargeEfficiency * maxCharge.Kw * (departure - at).TotalHours;
        return Energy.FromKwh(Math.Max(0, required.Kwh - afterKwh));
    }
}
