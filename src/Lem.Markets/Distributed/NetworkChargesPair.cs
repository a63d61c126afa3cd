namespace Lem.Markets.Distributed;

/// <summary>The network charge between two P2P agents and how it is handed to them as preferences.</summary>
/// <param name="AgentA">One agent (the earlier in the agent list).</param>
/// <param name="AgentB">The other agent.</param>
/// <param name="BusA">The bus <paramref name="AgentA"/> trades at (null on copper plate).</param>
/// <param name="BusB">The bus <paramref name="AgentB"/> trades at (null on copper plate).</param>
/// <param name="Distance">The electrical distance between the buses for a distance basis (per unit, or dimensionless for the PTDF distance); null otherwise.</param>
/// <param name="ChargeEurPerMwh">The charge c_nm on the energy traded between the two, EUR/MWh.</param>
/// <param name="PreferenceAEurPerMwh">The part of the charge <paramref name="AgentA"/> sees as its preference for trading with <paramref name="AgentB"/>.</param>
/// <param name="PreferenceBEurPerMwh">The part <paramref name="AgentB"/> sees; the two add up to the charge.</param>
public sealed record NetworkChargesPair(
    string AgentA,
    string AgentB,
    BusId? BusA,
    BusId? BusB,
    double? Distance,
    double ChargeEurPerMwh,
    double PreferenceAEurPerMwh,
    double PreferenceBEurPerMwh);
