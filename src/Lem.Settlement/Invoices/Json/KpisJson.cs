namespace Lem.Settlement.Invoices.Json;

/// <summary>The KPIs (<c>kpis.json</c>, and the <c>kpis</c> block of the community summary and of the run summary); non-finite ratios are null.</summary>
/// <param name="Mechanism">The mechanism that cleared the market.</param>
/// <param name="WelfareEur">Social welfare, EUR.</param>
/// <param name="WithdrawalKwh">Energy withdrawn, kWh.</param>
/// <param name="InjectionKwh">Energy injected, kWh.</param>
/// <param name="LocalMatchedKwh">Withdrawal matched by local injection, kWh.</param>
/// <param name="ImportKwh">Imported from the outside market, kWh.</param>
/// <param name="ExportKwh">Exported to the outside market, kWh.</param>
/// <param name="SelfSufficiency">Self-sufficiency, or null.</param>
/// <param name="SelfConsumption">Self-consumption, or null.</param>
/// <param name="LocalTradedKwh">Traded locally, kWh.</param>
/// <param name="AverageLocalPriceEurPerMwh">The volume-weighted local price, or null.</param>
/// <param name="PeakImportKw">The peak import, kW.</param>
/// <param name="PeakImportSlot">The slot of the peak import, or null.</param>
/// <param name="PeakImportTime">Its local start with offset, or null.</param>
/// <param name="TotalBillsEur">All bills, EUR with two decimals.</param>
/// <param name="TotalBaselineEur">All retail baselines, EUR with two decimals.</param>
/// <param name="TotalSavingsEur">All savings, EUR with two decimals.</param>
/// <param name="JainIndex">Jain's index of the savings, or null.</param>
/// <param name="GiniCoefficient">The Gini coefficient of the savings, or null.</param>
/// <param name="JainIndexAfterCompensation">Jain's index after compensation, or null.</param>
/// <param name="GiniCoefficientAfterCompensation">The Gini coefficient after compensation, or null.</param>
/// <param name="Compensation">The compensation status's JSON name.</param>
/// <param name="WorseOffCount">Members worse off than on the retail tariff.</param>
/// <param name="WorseOff">Those members.</param>
/// <param name="WorseOffAfterCompensationCount">Members still worse off after compensation.</param>
/// <param name="WorseOffAfterCompensation">Those members.</param>
/// <param name="Savings">Every member's savings.</param>
public sealed record KpisJson(
    string Mechanism,
    decimal WelfareEur,
    double WithdrawalKwh,
    double InjectionKwh,
    double LocalMatchedKwh,
    double ImportKwh,
    double ExportKwh,
    double? SelfSufficiency,
    double? SelfConsumption,
    double LocalTradedKwh,
    double? AverageLocalPriceEurPerMwh,
    double PeakImportKw,
    int? PeakImportSlot,
    string? PeakImportTime,
    decimal TotalBillsEur,
    decimal TotalBaselineEur,
    decimal TotalSavingsEur,
    double? JainIndex,
    double? GiniCoefficient,
    double? JainIndexAfterCompensation,
    double? GiniCoefficientAfterCompensation,
    string Compensation,
    int WorseOffCount,
    IReadOnlyList<SavingsJson> WorseOff,
    int WorseOffAfterCompensationCount,
    IReadOnlyList<SavingsJson> WorseOffAfterCompensation,
    IReadOnlyList<SavingsJson> Savings);
