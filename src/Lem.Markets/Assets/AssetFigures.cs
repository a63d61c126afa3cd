namespace Lem.Markets.Assets;

/// <summary>Headline figures of a scenario's assets that the kinds add to (<c>lem info</c>).</summary>
/// <param name="slotCount">The number of slots of the horizon.</param>
public sealed class AssetFigures(int slotCount)
{
    /// <summary>Inflexible and curtailable demand per slot, kW.</summary>
    public double[] DemandKw { get; } = new double[slotCount];

    /// <summary>Installed PV capacity, kW.</summary>
    public double PvCapacityKw { get; set; }

    /// <summary>Energy PV could produce over the horizon, kWh.</summary>
    public double PvAvailableKwh { get; set; }

    /// <summary>Installed wind capacity, kW.</summary>
    public double WindCapacityKw { get; set; }

    /// <summary>Energy wind could produce over the horizon, kWh.</summary>
    public double WindAvailableKwh { get; set; }

    /// <summary>Usable battery capacity, kWh.</summary>
    public double BatteryCapacityKwh { get; set; }

    /// <summary>Battery discharge power, kW.</summary>
    public double BatteryPowerKw { get; set; }

    /// <summary>Energy the EVs must receive before departure, kWh.</summary>
    public double EvEnergyKwh { get; set; }

    /// <summary>Energy the flexible loads must receive within their windows, kWh.</summary>
    public double FlexibleEnergyKwh { get; set; }

    /// <summary>Heat the heat pumps must deliver over the horizon, kWh_th.</summary>
    public double HeatPumpThermalDemandKwh { get; set; }

    /// <summary>Adds a demand series to <see cref="DemandKw"/>.</summary>
    public void AddDemand(IReadOnlyList<double> demandKw)
    {
        ArgumentNullException.ThrowIfNull(demandKw);
        for (var t = 0; t < DemandKw.Length; t++)
        {
            DemandKw[t] += demandKw[t];
        }
    }
}
