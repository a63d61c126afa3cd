using Lem.Domain.Ids;
using Lem.Domain.Series;
using Lem.Domain.Units;

namespace Lem.Domain.Markets;

/// <summary>
/// The world outside the local market: the wholesale market the community can import from and export to, and the
/// supplier's retail and feed-in tariffs that are every participant's fallback.
/// </summary>
/// <param name="WholesaleImportEurPerMwh">The price of importing energy into the community, per slot.</param>
/// <param name="WholesaleExportEurPerMwh">The price received for exporting energy, per slot.</param>
/// <param name="RetailEurPerKwh">The supplier's retail tariff, all-in, per slot (constant or time-of-use).</param>
/// <param name="FeedInEurPerKwh">The feed-in tariff paid for exported energy, per slot.</param>
/// <param name="ImportLimit">The most the community may import at the point of common coupling, or null when unlimited.</param>
/// <param name="ExportLimit">The most the community may export, or null when unlimited.</param>
/// <param name="ConnectionBus">The bus of the point of common coupling, or null (the grid's slack).</param>
public sealed record OutsideMarket(
    SlotSeries WholesaleImportEurPerMwh,
    SlotSeries WholesaleExportEurPerMwh,
    SlotSeries RetailEurPerKwh,
    SlotSeries FeedInEurPerKwh,
    Power? ImportLimit,
    Power? ExportLimit,
    BusId? ConnectionBus);
