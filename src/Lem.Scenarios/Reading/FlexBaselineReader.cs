using Lem.Markets.Flexibility.Baselines;
using Lem.Markets.Flexibility.Domain;

namespace Lem.Scenarios.Reading;

/// <summary>
/// Reads the settlement baseline parts of the <c>flexibility</c> section (docs/scenario-format.md#flexibility):
/// <c>baseline</c> (the method), <c>nominations</c> and <c>meter_history</c>, and checks that the chosen method has
/// what it needs for every FSP.
/// </summary>
internal static class FlexBaselineReader
{
    public static FlexBaselineSpec ReadSpec(ObjectReader? r)
    {
        if (r is null)
        {
            return FlexBaselineSpec.Default;
        }

        var method = r.Choice("method", required: true, [.. FlexBaselines.Names]) ?? FlexBaselineSpec.Default.Method;
        var x = r.Integer("x", required: false, 1, 365);
        var y = r.Integer("y", required: false, 1, 365);
        var selection = r.Choice("selection", required: false, "highest", "most_recent");
        r.ReportUnknown();
        var spec = new FlexBaselineSpec
        {
            Method = method,
            X = x ?? FlexBaselineSpec.Default.X,
            Y = y ?? FlexBaselineSpec.Default.Y,
            Selection = selection == "most_recent" ? FlexDaySelection.MostRecent : FlexDaySelection.Highest,
        };
        if (method != "x_of_y" && (x is not null || y is not null || selection is not null))
        {
            r.Diagnostics.Error(r.PathOf(x is not null ? "x" : y is not null ? "y" : "selection"), ValidationCodes.ValueInvalid, $"'x', 'y' and 'selection' belong to the x_of_y method, not to '{method}'.");
        }

        if (spec.X > spec.Y)
        {
            r.Diagnostics.Error(r.PathOf("x"), ValidationCodes.BoundsInverted, $"x = {spec.X} is above y = {spec.Y}: the baseline averages X of the Y most recent days.");
        }

        return spec;
    }

    public static List<FlexNomination> ReadNominations(ObjectReader r, FlexReadScope scope)
    {
        var nominations = new List<FlexNomination>();
        GridSpecReader.Each(r.Array("nominations", required: false, FlexibilityReader.MaxItems), r.PathOf("nominations"), r.Diagnostics, nr =>
        {
            var fsp = scope.Participant(nr, "fsp", required: true);
            var kw = scope.Context.Series(nr, "kw", required: true, NumberRange.Any, "kW");
            nr.ReportUnknown();
            if (fsp is not null && nominations.Any(n => n.Fsp == fsp))
            {
                nr.Diagnostics.Error(nr.PathOf("fsp"), ValidationCodes.IdDuplicate, $"FSP '{fsp}' has a nomination already.");
            }
            else if (fsp is not null && kw is not null)
            {
                nominations.Add(new FlexNomination(fsp.Value, kw.Values));
            }
        });
        return nominations;
    }

    public static List<FlexMeterDay> ReadHistory(ObjectReader r, FlexReadScope scope)
    {
        var days = new List<FlexMeterDay>();
        GridSpecReader.Each(r.Array("meter_history", required: false, FlexibilityReader.MaxItems), r.PathOf("meter_history"), r.Diagnostics, hr =>
        {
            var fsp = scope.Participant(hr, "fsp", required: true);
            var before = hr.Integer("days_before", required: true, 1, 3660);
            var kw = scope.Context.Series(hr, "kw", required: true, NumberRange.Any, "kW");
            hr.ReportUnknown();
            if (fsp is not null && before is not null && days.Any(d => d.Fsp == fsp && d.DaysBefore == before))
            {
                hr.Diagnostics.Error(hr.PathOf("days_before"), ValidationCodes.IdDuplicate, $"FSP '{fsp}' has a metered day {before} days before already.");
            }
            else if (fsp is not null && before is not null && kw is not null)
            {
                days.Add(new FlexMeterDay(fsp.Value, before.Value, kw.Values));
            }
        });
        return days;
    }

    /// <summary>Reports, at the baseline's path, every FSP the explicitly chosen method cannot give a baseline for.</summary>
    public static void CheckFsps(FlexMarket market, string path, Diagnostics diagnostics)
    {
        if (!FlexBaselines.TryGet(market.Baseline.Method, out var method))
        {
            return;
        }

        foreach (var fsp in market.Fsps)
        {
            if (method.Check(market, fsp.Id) is { } problem)
            {
                diagnostics.Error(path, ValidationCodes.ValueInvalid, problem);
            }
        }
    }
}
