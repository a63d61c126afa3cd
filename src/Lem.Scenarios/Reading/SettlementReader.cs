using System.Globalization;
using Lem.Settlement.Tariffs;

namespace Lem.Scenarios.Reading;

/// <summary>
/// Reads the optional <c>settlement</c> section (docs/scenario-format.md, docs/settlement.md): grid tariff, taxes,
/// operator fee, imbalance rule, outside counterparty and compensation. Every problem is reported with its path.
/// </summary>
internal static class SettlementReader
{
    private static readonly NumberRange EurPerKwh = NumberRange.UpTo(100);
    private static readonly NumberRange EurPerPeriod = NumberRange.UpTo(1_000_000);
    private static readonly NumberRange EurPerKw = NumberRange.UpTo(100_000);
    private static readonly NumberRange EurPerMwh = NumberRange.UpTo(100_000);
    private static readonly NumberRange Kw = NumberRange.UpTo(1_000_000);

    /// <summary>Reads the section; <paramref name="participants"/> are the participants read so far, <paramref name="grid"/> the grid or null.</summary>
    public static SettlementSettings? Read(ObjectReader r, ReadContext c, IReadOnlyList<Participant> participants, GridNetwork? grid, bool gridGiven)
    {
        var errorsBefore = r.Diagnostics.Errors.Count;
        var counterparty = r.Choice("outside_counterparty", required: false, "wholesale", "supplier");
        var gridReader = r.Object("grid_tariff", required: false);
        var taxesReader = r.Object("taxes", required: false);
        var feeReader = r.Object("operator_fee", required: false);
        var imbalanceReader = r.Object("imbalance", required: false);
        var compensation = r.Choice("compensation", required: false, "none", "proportional");
        r.ReportUnknown();

        var gridTariff = gridReader is null ? TariffGrid.None : ReadGrid(gridReader, participants, grid, gridGiven);
        var taxes = taxesReader is null ? TariffTaxes.None : ReadTaxes(taxesReader);
        var fee = feeReader is null ? TariffOperatorFee.None : ReadFee(feeReader);
        var imbalance = imbalanceReader is null ? SettlementImbalance.Default : ReadImbalance(imbalanceReader, c);
        if (r.Diagnostics.Errors.Count > errorsBefore)
        {
            return null;
        }

        return new SettlementSettings
        {
            IsSpecified = true,
            OutsideCounterparty = counterparty == "supplier" ? SettlementCounterparty.Supplier : SettlementCounterparty.Wholesale,
            Grid = gridTariff,
            Taxes = taxes,
            OperatorFee = fee,
            Imbalance = imbalance,
            Compensation = compensation == "proportional" ? SettlementCompensationRule.Proportional : SettlementCompensationRule.None,
        };
    }

    private static TariffGrid ReadGrid(ObjectReader r, IReadOnlyList<Participant> participants, GridNetwork? grid, bool gridGiven)
    {
        var fixedEur = r.Number("fixed_eur_per_period", required: false, EurPerPeriod, "EUR");
        var volumetric = r.Number("volumetric_eur_per_kwh", required: false, EurPerKwh, "EUR/kWh");
        var netMetering = r.Bool("net_metering", required: false);
        var periods = ReadPeriods(r);
        var capacityReader = r.Object("subscribed_capacity", required: false);
        var peak = r.Number("measured_peak_eur_per_kw", required: false, EurPerKw, "EUR/kW");
        var distanceReader = r.Object("distance", required: false);
        var discount = r.Number("local_discount", required: false, NumberRange.Fraction);
        r.ReportUnknown();

        var capacity = capacityReader is null ? null : ReadCapacity(capacityReader, participants);
        TariffDistance? distance = null;
        if (distanceReader is not null)
        {
            distance = ReadDistance(distanceReader);
            if (!gridGiven)
            {
                r.Diagnostics.Error(r.PathOf("distance"), ValidationCodes.ValueInvalid, "A distance-based charge needs the electrical distances between buses, but the scenario has no grid; add a 'grid' or remove 'distance'.");
            }
            else if (grid is not null && participants.Any(p => p.Bus is null && (p.Assets.Count > 0 || p.Orders.Count > 0)))
            {
                var who = participants.First(p => p.Bus is null && (p.Assets.Count > 0 || p.Orders.Count > 0));
                r.Diagnostics.Error(r.PathOf("distance"), ValidationCodes.ValueInvalid, $"A distance-based charge needs every trading participant's bus, but '{who.Id}' has none.");
            }
        }

        return new TariffGrid
        {
            FixedEurPerPeriod = Dec(fixedEur),
            VolumetricEurPerKwh = Dec(volumetric),
            NetMetering = netMetering ?? false,
            TimeOfUse = periods,
            Capacity = capacity,
            MeasuredPeakEurPerKw = Dec(peak),
            Distance = distance,
            LocalDiscountFraction = Dec(discount),
        };
    }

    private static List<TariffPeriod> ReadPeriods(ObjectReader r)
    {
        var result = new List<TariffPeriod>();
        var array = r.Array("time_of_use", required: false, maxItems: 48);
        if (array is null)
        {
            return result;
        }

        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var i = 0;
        foreach (var item in array.Value.EnumerateArray())
        {
            var path = JsonPaths.Index(r.PathOf("time_of_use"), i++);
            if (item.ValueKind != JsonValueKind.Object)
            {
                r.Diagnostics.Error(path, ValidationCodes.FieldType, $"Each time-of-use period must be an object, not {ObjectReader.KindName(item)}.");
                continue;
            }

            var p = new ObjectReader(item, path, r.Diagnostics);
            var name = p.String("name", required: true, maxLength: 64);
            var from = TimeOfDay(p, "from", allowEndOfDay: false);
            var to = TimeOfDay(p, "to", allowEndOfDay: true);
            var rate = p.Number("eur_per_kwh", required: true, EurPerKwh, "EUR/kWh");
            p.ReportUnknown();
            if (name is not null && name.Length == 0)
            {
                p.Diagnostics.Error(p.PathOf("name"), ValidationCodes.ValueInvalid, "A time-of-use period needs a non-empty name.");
                name = null;
            }
            else if (name is not null && !names.TryAdd(name, p.PathOf("name")))
            {
                p.Diagnostics.Error(p.PathOf("name"), ValidationCodes.IdDuplicate, $"The time-of-use period name '{name}' is already used at {names[name]}.");
                name = null;
            }

            if (from is not null && to is not null && (from == to || (from == 0 && to == 1440)))
            {
                p.Diagnostics.Error(p.PathOf("to"), ValidationCodes.ValueInvalid, $"The time-of-use period '{name}' covers the whole day; use volumetric_eur_per_kwh for a flat rate.");
                continue;
            }

            if (name is null || from is null || to is null || rate is null)
            {
                continue;
            }

            var period = new TariffPeriod(name, from.Value, to.Value % 1440 == 0 && from.Value > 0 ? 1440 : to.Value, Dec(rate));
            var clash = result.FirstOrDefault(q => Enumerable.Range(0, 1440).Any(m => q.Contains(m) && period.Contains(m)));
            if (clash is not null)
            {
                p.Diagnostics.Error(path, ValidationCodes.ValueInvalid, $"The time-of-use period '{name}' ({period.Window}) overlaps '{clash.Name}' ({clash.Window}); periods must not overlap.");
                continue;
            }

            result.Add(period);
        }

        return result;
    }

    /// <summary>Reads a local time of day <c>HH:mm</c> as minutes after midnight; <c>24:00</c> only for the end of a window.</summary>
    private static int? TimeOfDay(ObjectReader r, string name, bool allowEndOfDay)
    {
        var s = r.String(name, required: true, maxLength: 16);
        if (s is null)
        {
            return null;
        }

        var parts = s.Split(':');
        if (parts.Length == 2 && parts[0].Length is 1 or 2 && parts[1].Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var h)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var m)
            && m < 60 && (h < 24 || (allowEndOfDay && h == 24 && m == 0)))
        {
            return (h * 60) + m;
        }

        r.Diagnostics.Error(r.PathOf(name), ValidationCodes.TimeInvalid, $"'{s}' is not a local time of day; write it as HH:mm, from 00:00 to {(allowEndOfDay ? "24:00" : "23:59")}.");
        return null;
    }

    private static TariffCapacity? ReadCapacity(ObjectReader r, IReadOnlyList<Participant> participants)
    {
        var defaultKw = r.Number("default_kw", required: true, Kw, "kW");
        var price = r.Number("eur_per_kw", required: false, EurPerKw, "EUR/kW");
        var excess = r.Number("excess_eur_per_kw", required: false, EurPerKw, "EUR/kW");
        var listed = r.Element("participants", required: false);
        r.ReportUnknown();

        var byParticipant = new Dictionary<ParticipantId, double>();
        if (listed is { ValueKind: not JsonValueKind.Object } notAnObject)
        {
            r.TypeError("participants", "an object mapping participant ids to kW", notAnObject);
        }
        else if (listed is { } map)
        {
            var known = participants.Select(p => p.Id.Value).ToHashSet(StringComparer.Ordinal);
            foreach (var property in map.EnumerateObject())
            {
                var path = JsonPaths.Property(r.PathOf("participants"), property.Name);
                var kw = ObjectReader.NumberValue(property.Value, path, property.Name, Kw, "kW", r.Diagnostics);
                if (!known.Contains(property.Name))
                {
                    r.Diagnostics.Error(path, ValidationCodes.UnknownParticipant, $"'{property.Name}' is not a participant of the scenario.");
                }
                else if (kw is not null)
                {
                    byParticipant[new ParticipantId(property.Name)] = kw.Value;
                }
            }
        }

        return defaultKw is null ? null : new TariffCapacity
        {
            DefaultSubscribedKw = defaultKw.Value,
            SubscribedKwByParticipant = byParticipant,
            EurPerKw = Dec(price),
            ExcessEurPerKw = Dec(excess),
        };
    }

    private static TariffDistance? ReadDistance(ObjectReader r)
    {
        var level = r.Number("eur_per_mwh", required: true, EurPerMwh, "EUR/MWh");
        var method = r.Choice("method", required: false, "path", "resistance", "ptdf");
        var split = r.Choice("split", required: false, "buyer", "seller", "half");
        var normalization = r.Choice("normalization", required: false, "max", "mean");
        r.ReportUnknown();
        return level is null ? null : new TariffDistance
        {
            EurPerMwh = Dec(level),
            Method = method switch { "resistance" => TariffDistanceMethod.Resistance, "ptdf" => TariffDistanceMethod.Ptdf, _ => TariffDistanceMethod.Path },
            Split = split switch { "buyer" => TariffChargeSplit.Buyer, "seller" => TariffChargeSplit.Seller, _ => TariffChargeSplit.Half },
            Normalization = normalization == "mean" ? TariffDistanceNormalization.Mean : TariffDistanceNormalization.Max,
        };
    }

    private static TariffTaxes ReadTaxes(ObjectReader r)
    {
        var levies = r.Number("levies_eur_per_kwh", required: false, EurPerKwh, "EUR/kWh");
        var fixedEur = r.Number("fixed_eur_per_period", required: false, EurPerPeriod, "EUR");
        var vat = r.Number("vat_percent", required: false, NumberRange.UpTo(100), "%");
        r.ReportUnknown();
        return new TariffTaxes(Dec(levies), Dec(fixedEur), Dec(vat));
    }

    private static TariffOperatorFee ReadFee(ObjectReader r)
    {
        var perKwh = r.Number("eur_per_kwh", required: false, EurPerKwh, "EUR/kWh");
        var fixedEur = r.Number("fixed_eur_per_period", required: false, EurPerPeriod, "EUR");
        r.ReportUnknown();
        return new TariffOperatorFee { EurPerKwh = Dec(perKwh), FixedEurPerPeriod = Dec(fixedEur) };
    }

    private static SettlementImbalance ReadImbalance(ObjectReader r, ReadContext c)
    {
        var rule = r.Choice("rule", required: false, "single", "dual");
        var price = c.Series(r, "price_eur_per_mwh", required: false, NumberRange.Between(-10_000, 100_000), "EUR/MWh");
        var factor = r.Number("wholesale_factor", required: false, NumberRange.UpTo(100));
        r.ReportUnknown();
        if (r.Has("price_eur_per_mwh") && factor is not null)
        {
            r.Diagnostics.Error(r.PathOf("wholesale_factor"), ValidationCodes.ValueInvalid, "Give either 'price_eur_per_mwh' (an explicit imbalance price) or 'wholesale_factor' (a factor on the wholesale import price), not both.");
        }

        return new SettlementImbalance(
            rule == "dual" ? SettlementImbalanceRule.Dual : SettlementImbalanceRule.Single,
            price,
            factor is null ? 1m : Dec(factor));
    }

    private static decimal Dec(double? value) => value is null ? 0m : (decimal)value.Value;
}
