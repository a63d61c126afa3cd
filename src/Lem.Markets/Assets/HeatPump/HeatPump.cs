namespace Lem.Markets.Assets;

/// <summary>
/// A heat pump with a thermal store (docs/mechanisms/pool.md#heat-pumps): it draws electric power P(t) between its
/// minimum and maximum, turns it into heat COP(t)·P(t), and the store follows
/// E(t) = (1 − loss·Δt)·E(t−1) + (COP(t)·P(t) − D(t))·Δt from E(−1) = <see cref="InitialEnergy"/>, with
/// <see cref="ComfortMin"/> ≤ E(t) ≤ <see cref="ComfortMax"/> in every slot and E(T−1) ≥ <see cref="FinalEnergyMin"/>.
/// </summary>
/// <remarks>
/// Thermal quantities are in kWh_th and kW_th, electric ones in kW. The comfort band is a band on the stored thermal
/// energy (for a building whose thermal mass is the store, E = C·(T_indoor − T_ref) maps an indoor-temperature band
/// to it; see docs/scenario-format.md#heat-pumps).
/// </remarks>
/// <param name="Id">The asset's id.</param>
/// <param name="Name">A display name, or null.</param>
/// <param name="MinPower">The electric power the heat pump draws at least in every slot (often zero).</param>
/// <param name="MaxPower">The largest electric power it can draw.</param>
/// <param name="Cop">The coefficient of performance per slot (heat out per electricity in, &gt; 0).</param>
/// <param name="StorageCapacity">The capacity of the thermal store, kWh_th.</param>
/// <param name="StandingLossPerHour">The fraction of the stored heat lost per hour, in [0, 1).</param>
/// <param name="ComfortMin">The least stored heat allowed at the end of every slot.</param>
/// <param name="ComfortMax">The most stored heat allowed at the end of every slot (at most the capacity).</param>
/// <param name="InitialEnergy">The stored heat at the start of the horizon.</param>
/// <param name="FinalEnergyMin">The stored heat the store must at least hold at the end of the horizon.</param>
/// <param name="ThermalDemandKw">The heat drawn from the store per slot, kW_th (≥ 0).</param>
public sealed record HeatPump(
    AssetId Id,
    string? Name,
    Power MinPower,
    Power MaxPower,
    SlotSeries Cop,
    Energy StorageCapacity,
    double StandingLossPerHour,
    Energy ComfortMin,
    Energy ComfortMax,
    Energy InitialEnergy,
    Energy FinalEnergyMin,
    SlotSeries ThermalDemandKw) : Asset(Id, Name)
{
    /// <inheritdoc />
    public override string Kind => "heat_pump";

    /// <summary>The fraction of the stored heat kept over one slot of <paramref name="slotHours"/> hours: 1 − loss·Δt.</summary>
    public double Retention(double slotHours) => 1.0 - (StandingLossPerHour * slotHours);
}
