namespace Lem.Settlement.TariffDesign;

/// <summary>One participant's bill under a tariff design.</summary>
/// <param name="Participant">The participant's id.</param>
/// <param name="Passive">Whether it has no PV, wind or battery.</param>
/// <param name="EnergyEur">Its energy bill and asset costs, EUR.</param>
/// <param name="TariffEur">Its grid-tariff charge, EUR.</param>
/// <param name="ReferenceTariffEur">Its share of the revenue in proportion to its gross consumption (the bill before anyone had PV or a battery), EUR.</param>
public sealed record ParticipantTariffBill(string Participant, bool Passive, double EnergyEur, double TariffEur, double ReferenceTariffEur)
{
    /// <summary>Energy plus tariff, EUR.</summary>
    public double TotalEur => EnergyEur + TariffEur;

    /// <summary>The tariff charge less the reference share, EUR (positive: the participant pays for others).</summary>
    public double ShiftEur => TariffEur - ReferenceTariffEur;
}
