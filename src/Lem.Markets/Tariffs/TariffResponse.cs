namespace Lem.Markets.Tariffs;

/// <summary>A participant's optimal response to a tariff (<see cref="TariffFollower"/>).</summary>
/// <param name="WithdrawalKw">Its withdrawal (import) per slot, kW.</param>
/// <param name="InjectionKw">Its injection (export) per slot, kW.</param>
/// <param name="EnergyCostEur">Its energy bill (imports at the import price less exports at the export price) plus its assets' own costs, EUR.</param>
public sealed record TariffResponse(IReadOnlyList<double> WithdrawalKw, IReadOnlyList<double> InjectionKw, double EnergyCostEur);
