namespace Lem.Markets.Tariffs;

/// <summary>A net-metered rate band: its slots are charged on max(0, Σ_{t∈band} −e_t), the net withdrawal over them.</summary>
/// <param name="Slots">The slot indices of the band.</param>
/// <param name="EurPerMwh">The charge per MWh of net withdrawal, EUR/MWh (≥ 0).</param>
public sealed record TariffNetBand(IReadOnlyList<int> Slots, double EurPerMwh);
