using Lem.Domain.Markets;
using Lem.Domain.Units;

namespace Lem.Scenarios.Reading;

/// <summary>Reads <c>outside_market</c>: wholesale prices, retail and feed-in tariffs, import and export limits.</summary>
internal static class OutsideMarketReader
{
    public static OutsideMarket? Read(ObjectReader r, ReadContext c, out string? connectionBusPath)
    {
        var wholesaleRange = NumberRange.Between(-10_000, 100_000);
        var tariffRange = NumberRange.Between(-10, 100);
        var import = c.Series(r, "wholesale_import_eur_per_mwh", required: true, wholesaleRange, "EUR/MWh");
        var export = c.Series(r, "wholesale_export_eur_per_mwh", required: false, wholesaleRange, "EUR/MWh") ?? import;
        var retail = c.Series(r, "retail_eur_per_kwh", required: true, tariffRange, "EUR/kWh");
        var feedIn = c.Series(r, "feed_in_eur_per_kwh", required: true, tariffRange, "EUR/kWh");
        var importLimit = r.Number("import_limit_kw", required: false, NumberRange.NonNegative, "kW");
        var exportLimit = r.Number("export_limit_kw", required: false, NumberRange.NonNegative, "kW");
        var bus = r.String("connection_bus", required: false);
        connectionBusPath = bus is null ? null : r.PathOf("connection_bus");
        r.ReportUnknown();

        if (import is not null && export is not null)
        {
            for (var t = 0; t < import.Count; t++)
            {
                if (export[t] > import[t] + 1e-9)
                {
                    r.Diagnostics.Error(r.PathOf("wholesale_export_eur_per_mwh"), ValidationCodes.BoundsInverted, $"In slot {t} the export price {export[t]} EUR/MWh is above the import price {import[t]} EUR/MWh, which would let the community trade in circles.");
                    return null;
                }
            }
        }

        BusId? busId = null;
        if (bus is not null)
        {
            if (BusId.TryCreate(bus, out var b))
            {
                busId = b;
            }
            else
            {
                r.Diagnostics.Error(r.PathOf("connection_bus"), ValidationCodes.IdInvalid, IdRules.Problem(bus)!);
            }
        }

        if (import is null || export is null || retail is null || feedIn is null)
        {
            return null;
        }

        return new OutsideMarket(
            import,
            export,
            retail,
            feedIn,
            importLimit is null ? null : Power.FromKw(importLimit.Value),
            exportLimit is null ? null : Power.FromKw(exportLimit.Value),
            busId);
    }
}
