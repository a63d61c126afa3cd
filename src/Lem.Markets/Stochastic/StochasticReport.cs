using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Lem.Markets.Stochastic;

/// <summary>The stochastic pool's outputs: risk figures in the summary and the text, and <c>stochastic.csv</c> (per scenario and slot).</summary>
/// <param name="market">The problem and its scenarios.</param>
/// <param name="evaluation">RP, EV, EEV and WS.</param>
public sealed class StochasticReport(StochasticMarket market, StochasticEvaluation evaluation) : IClearingReport
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The file with the per-scenario figures.</summary>
    public const string FileName = "stochastic.csv";

    /// <summary>The problem and its scenarios.</summary>
    public StochasticMarket Market { get; } = market;

    /// <summary>RP, EV, EEV and WS.</summary>
    public StochasticEvaluation Evaluation { get; } = evaluation;

    /// <summary>The summary record.</summary>
    public StochasticSummary Summary()
    {
        var p = Market.Parameters;
        var rp = Evaluation.Recourse;
        var eev = Evaluation.ExpectedValueEvaluated is { IsOptimal: true } e ? e.ObjectiveEur : (double?)null;
        return new StochasticSummary(
            p.Alpha,
            p.Beta,
            Market.Scenarios.Count,
            p.Samples,
            p.ForecastError,
            p.Correlation,
            p.Seed,
            rp.ExpectedCostEur,
            rp.CvarEur,
            rp.VarEur,
            rp.ObjectiveEur,
            eev,
            Evaluation.WaitAndSee.ObjectiveEur,
            eev is null ? null : Evaluation.VssEur,
            Evaluation.EvpiEur,
            Market.Reduction.Distance,
            rp.Variables,
            rp.Constraints);
    }

    /// <inheritdoc />
    public JsonObject SummaryFields(ClearingReportContext context) =>
        new() { ["stochastic"] = JsonSerializer.SerializeToNode(Summary(), MarketsJsonContext.Default.StochasticSummary) };

    /// <inheritdoc />
    public IReadOnlyList<ReportFile> Files(ClearingReportContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        static string F(double v) => ClearingReportContext.Csv(v);
        var rp = Evaluation.Recourse;
        var csv = new StringBuilder("scenario,sample,probability,cost_eur,slot,time,rt_price_eur_per_mwh\n");
        for (var s = 0; s < rp.ScenarioCostsEur.Count; s++)
        {
            for (var t = 0; t < Market.Problem.SlotCount; t++)
            {
                var price = rp.RealTimePricesEurPerMwh.Count > s ? F(rp.RealTimePricesEurPerMwh[s][t]) : string.Empty;
                csv.Append(Inv, $"{s},{Market.Reduction.Kept[s]},{F(rp.Probabilities[s])},{F(rp.ScenarioCostsEur[s])},{t},{context.SlotTime(t)},{price}\n");
            }
        }

        return [new ReportFile(FileName, csv.ToString())];
    }

    /// <inheritdoc />
    public string Title(ClearingReportContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var p = Market.Parameters;
        return $"Stochastic pool: {context.Market.Name} (β = {p.Beta.ToString("0.###", Inv)}, α = {p.Alpha.ToString("0.###", Inv)}, {Market.Scenarios.Count} of {p.Samples} scenarios)";
    }

    /// <inheritdoc />
    public IReadOnlyList<KeyValuePair<string, string>> TextRows(ClearingReportContext context)
    {
        var s = Summary();
        static string Eur(double v) => v.ToString("#,0.00", Inv) + " EUR";
        return
        [
            new("Expected cost", Eur(s.ExpectedCostEur)),
            new($"CVaR {s.Alpha.ToString("0.###", Inv)}", Eur(s.CvarEur)),
            new($"VaR {s.Alpha.ToString("0.###", Inv)}", Eur(s.VarEur)),
            new("VSS (EEV − RP)", s.VssEur is { } vss ? Eur(vss) : "n/a (the expected-value schedule is infeasible in some scenario)"),
            new("EVPI (RP − WS)", Eur(s.EvpiEur)),
            new("Model", $"{s.Variables} variables, {s.Constraints} constraints"),
        ];
    }

    /// <inheritdoc />
    public IReadOnlyList<ReportTable> TextTables(ClearingReportContext context)
    {
        var rp = Evaluation.Recourse;
        return
        [
            new ReportTable(
                "Scenarios",
                ["Scenario", "Sample", "Probability", "Cost (EUR)"],
                [.. rp.ScenarioCostsEur.Select((c, s) => (IReadOnlyList<string>)[s.ToString(Inv), Market.Reduction.Kept[s].ToString(Inv), rp.Probabilities[s].ToString("0.####", Inv), c.ToString("#,0.00", Inv)])]),
        ];
    }
}
