using NodaTime;

namespace Lem.Markets.Assets;

/// <summary>An electric vehicle that is plugged in from arrival to departure and must leave with a required energy.</summary>
/// <remarks>
/// The vehicle can charge in the slots that lie entirely within [Arrival, Departure). Without vehicle-to-grid it only
/// charges; with it, it may also discharge up to <see cref="MaxDischarge"/>.
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
    double DischargeEfficiency) : Asset(Id, Name)
{
    /// <inheritdoc />
    public override string Kind => "ev";

    /// <summary>The energy that must be added to the battery while plugged in (never negative).</summary>
    public Energy EnergyToCharge => RequiredEnergy > ArrivalEnergy ? RequiredEnergy - ArrivalEnergy : Energy.Zero;
}
