namespace Lem.Markets.Community;

/// <summary>The community's terms with the outside market, which only the community manager trades with: public prices and limits.</summary>
/// <param name="ImportPriceEurPerMwh">π_imp per slot.</param>
/// <param name="ExportPriceEurPerMwh">π_exp per slot (≤ π_imp).</param>
/// <param name="ImportLimit">The most the community imports per slot (members' quantity unit), +∞ for none.</param>
/// <param name="ExportLimit">The most it exports per slot, +∞ for none.</param>
/// <param name="EurPerPriceTimesQuantity">What price × quantity is in EUR: 1 for MW in one-hour slots, Δt/1000 for kW.</param>
public sealed record CommunityOutside(
    IReadOnlyList<double> ImportPriceEurPerMwh,
    IReadOnlyList<double> ExportPriceEurPerMwh,
    double ImportLimit = double.PositiveInfinity,
    double ExportLimit = double.PositiveInfinity,
    double EurPerPriceTimesQuantity = 1.0);
