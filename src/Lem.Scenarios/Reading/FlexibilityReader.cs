using Lem.Grid.Indexing;
using Lem.Markets.Flexibility.Domain;
using Lem.Markets.Flexibility.Sensitivities;

namespace Lem.Scenarios.Reading;

/// <summary>
/// Reads the optional <c>flexibility</c> section (docs/scenario-format.md#flexibility): the DSO flexibility market's
/// rules, congestion points, registered flexible assets, prognoses, offers and requests. Every problem is reported
/// with its path; offers and requests are read by <see cref="FlexOfferReader"/>.
/// </summary>
internal static class FlexibilityReader
{
    /// <summary>The most items a list of the <c>flexibility</c> section may hold.</summary>
    internal const int MaxItems = 100_000;

    public static FlexMarket? Read(ObjectReader r, ReadContext c, IReadOnlyList<Participant> participants, GridNetwork? grid, out string? sensitivityModel)
    {
        var d = c.Diagnostics;
        var errorsBefore = d.Errors.Count;
        sensitivityModel = r.Choice("sensitivities", required: false, [.. FlexSensitivityModels.Names]) ?? "auto";
        var rules = ReadRules(r.Object("rules", required: false), c);
        var index = grid is null ? null : NetworkIndex.Build(grid);
        if (grid is null)
        {
            d.Error(r.Path, ValidationCodes.FieldMissing, "A flexibility market needs the scenario's 'grid': offers, prognoses and congestion points are placed at its buses.");
        }

        var scope = new FlexReadScope(c, index, participants.ToDictionary(p => p.Id.Value, p => p, StringComparer.Ordinal));
        var congestionPoints = new List<CongestionPoint>();
        GridSpecReader.Each(r.Array("congestion_points", required: false, MaxItems), r.PathOf("congestion_points"), d, cr =>
        {
            var point = ReadCongestionPoint(cr, scope);
            if (point is not null)
            {
                congestionPoints.Add(point);
                scope.CongestionPoints[point.Id] = point;
            }
        });

        var registry = new FlexibleAssetRegistry();
        GridSpecReader.Each(r.Array("assets", required: false, MaxItems), r.PathOf("assets"), d, ar =>
        {
            var asset = ReadAsset(ar, scope);
            if (asset is not null)
            {
                registry.Register(asset);
            }
        });

        var prognoses = new List<FlexPrognosis>();
        GridSpecReader.Each(r.Array("prognoses", required: false, MaxItems), r.PathOf("prognoses"), d, pr =>
        {
            var bus = scope.Bus(pr, "bus", required: true);
            var kw = c.Series(pr, "kw", required: true, NumberRange.Any, "kW");
            var kvar = c.Series(pr, "kvar", required: false, NumberRange.Any, "kvar");
            var fsp = scope.Participant(pr, "fsp", required: false);
            var phase = pr.Choice("phase", required: false, [.. Lem.Grid.ThreePhase.PhaseConnections.Names]);
            pr.ReportUnknown();
            if (bus is not null && kw is not null)
            {
                prognoses.Add(new FlexPrognosis(bus.Value, kw.Values, kvar?.Values) { Fsp = fsp, Phase = Lem.Grid.ThreePhase.PhaseConnections.TryParse(phase) ?? Lem.Grid.ThreePhase.PhaseConnection.Abc });
            }
        });

        var offers = FlexOfferReader.ReadOffers(r, scope, registry, rules);
        var requestsText = r.Element("requests", required: false) is { ValueKind: System.Text.Json.JsonValueKind.String } text ? text.GetString() : null;
        var automatic = requestsText == "auto";
        if (requestsText is not null && !automatic)
        {
            d.Error(r.PathOf("requests"), ValidationCodes.ValueInvalid, $"'requests' is an array of requests or the string \"auto\" (derived from the AC power flow of the baseline), not \"{requestsText}\".");
        }

        var requests = requestsText is null ? FlexOfferReader.ReadRequests(r, scope) : [];
        var baselineReader = r.Object("baseline", required: false);
        var baseline = FlexBaselineReader.ReadSpec(baselineReader);
        var nominations = FlexBaselineReader.ReadNominations(r, scope);
        var history = FlexBaselineReader.ReadHistory(r, scope);
        r.ReportUnknown();
        if (c.Horizon is null)
        {
            return null;
        }

        var fsps = offers.Select(o => o.Fsp).Concat(registry.Assets.Select(a => a.Fsp)).Distinct()
            .Select(id => new FlexibilityServiceProvider(id, scope.Participants[id.Value].Name)).ToList();
        var market = new FlexMarket
        {
            Rules = rules with { IspMinutes = (int)Math.Round(c.Horizon.SlotHours * 60) },
            SlotCount = c.Horizon.Count,
            SlotHours = c.Horizon.SlotHours,
            SlotStarts = [.. c.Horizon.Slots.Select(s => s.Start.ToDateTimeOffset())],
            Fsps = fsps,
            Assets = registry,
            CongestionPoints = congestionPoints,
            Offers = offers,
            Requests = requests,
            Prognoses = prognoses,
            Baseline = baseline,
            Nominations = nominations,
            MeterHistory = history,
            AutomaticRequests = automatic,
        };
        if (baselineReader is not null)
        {
            FlexBaselineReader.CheckFsps(market, baselineReader.PathOf("method"), d);
        }

        return d.Errors.Count != errorsBefore ? null : market;
    }

    private static FlexMarketRules ReadRules(ObjectReader? r, ReadContext c)
    {
        if (r is null)
        {
            return FlexMarketRules.Default;
        }

        var minimum = r.Number("minimum_quantity_kw", required: false, NumberRange.NonNegative, "kW") ?? 0;
        var granularity = r.Number("granularity_kw", required: false, NumberRange.NonNegative, "kW") ?? 0;
        var gate = r.Number("gate_closure_minutes", required: false, NumberRange.NonNegative, "min") ?? 0;
        var penalty = r.Number("penalty_eur_per_mwh", required: false, NumberRange.NonNegative, "EUR/MWh") ?? 0;
        r.ReportUnknown();
        return new FlexMarketRules { MinimumQuantityKw = minimum, GranularityKw = granularity, GateClosureLead = TimeSpan.FromMinutes(gate), PenaltyEurPerMwh = penalty };
    }

    private static CongestionPoint? ReadCongestionPoint(ObjectReader r, FlexReadScope scope)
    {
        var id = scope.UniqueId(r, "id", scope.CongestionPoints.Keys, "congestion point");
        var dso = scope.Participant(r, "dso", required: false);
        var buses = new List<BusId>();
        var array = r.Array("buses", required: true, MaxItems);
        if (array is not null)
        {
            var i = 0;
            foreach (var item in array.Value.EnumerateArray())
            {
                var path = JsonPaths.Index(r.PathOf("buses"), i++);
                if (item.ValueKind != System.Text.Json.JsonValueKind.String)
                {
                    r.Diagnostics.Error(path, ValidationCodes.FieldType, $"A bus is a string, not {ObjectReader.KindName(item)}.");
                    continue;
                }

                if (scope.CheckBus(item.GetString()!, path) is { } bus)
                {
                    buses.Add(bus);
                }
            }
        }

        r.ReportUnknown();
        return id is null ? null : new CongestionPoint(id, dso, buses);
    }

    private static FlexibleAsset? ReadAsset(ObjectReader r, FlexReadScope scope)
    {
        var id = scope.UniqueId(r, "id", scope.AssetIds, "flexible asset");
        var fsp = scope.Participant(r, "fsp", required: true);
        var bus = scope.Bus(r, "bus", required: true);
        var connection = r.String("connection", required: false);
        var point = scope.CongestionPointRef(r, "congestion_point", required: false);
        r.ReportUnknown();
        if (point is not null && bus is not null && !point.Contains(bus.Value))
        {
            r.Diagnostics.Error(r.PathOf("congestion_point"), ValidationCodes.ValueInvalid, $"Bus '{bus}' is not one of the buses of congestion point '{point.Id}'.");
            return null;
        }

        if (id is null || fsp is null || bus is null)
        {
            return null;
        }

        scope.AssetIds.Add(id);
        return new FlexibleAsset(new AssetId(id), fsp.Value, bus.Value, connection ?? id, point?.Id);
    }
}
