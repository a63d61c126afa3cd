namespace Lem.Grid.Formulations;

/// <summary>
/// The distribution locational marginal price of active power at one bus, split into its components (docs/formulations.md#prices-and-dlmps;
/// Papavasiliou 2018, Bai et al. 2018): energy (the price at the substation/slack bus), losses, congestion (thermal
/// limits) and voltage (voltage limits). Prices are in objective units per MWh (EUR/MWh when the objective is in EUR
/// per hour) and refer to demand at the bus: the total is +∂(optimal cost)/∂(demand).
/// </summary>
/// <param name="Bus">The user id of the bus.</param>
/// <param name="EnergyEurPerMwh">The energy component: the price of the slack bus balance.</param>
/// <param name="LossEurPerMwh">The loss component: marginal losses (series losses in SOC, shunt consumption in LinDistFlow) valued at the slack prices.</param>
/// <param name="CongestionEurPerMwh">The congestion component from thermal limits.</param>
/// <param name="VoltageEurPerMwh">The voltage component from voltage magnitude limits.</param>
public sealed record DlmpDecomposition(BusId Bus, double EnergyEurPerMwh, double LossEurPerMwh, double CongestionEurPerMwh, double VoltageEurPerMwh)
{
    /// <summary>The nodal price: energy + loss + congestion + voltage.</summary>
    public double TotalEurPerMwh => EnergyEurPerMwh + LossEurPerMwh + CongestionEurPerMwh + VoltageEurPerMwh;
}
