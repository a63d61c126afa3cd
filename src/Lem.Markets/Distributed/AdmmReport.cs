using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Lem.Markets.PeerToPeer;

namespace Lem.Markets.Distributed;

/// <summary>The distributed mechanisms' outputs beyond the common ones: iterations and residuals, messages, the positions, trades, convergence history and network charges.</summary>
/// <param name="result">The distributed result.</param>
/// <param name="charges">The P2P network charges, or null.</param>
/// <param name="pricesNetworkCharges">Whether the mechanism prices network charges (then the summary has <c>network_charges</c>, null without).</param>
public sealed class AdmmReport(DistributedResult result, NetworkChargesTable? charges, bool pricesNetworkCharges) : IClearingReport
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The distributed result behind the report.</summary>
    public DistributedResult Result { get; } = result;

    /// <summary>The network charges, or null.</summary>
    public NetworkChargesTable? Charges { get; } = charges;

    /// <inheritdoc />
    public JsonObject SummaryFields(ClearingReportContext context)
    {
        var r = Result;
        var fields = JsonSerializer.SerializeToNode(
            new AdmmSummary(r.Iterations, r.PrimalResidual, r.DualResidual, r.Messages, r.Bytes, r.WallSeconds, r.Trades.Count),
            MarketsJsonContext.Default.AdmmSummary)!.AsObject();
        if (pricesNetworkCharges)
        {
            var p2p = JsonSerializer.SerializeToNode(new P2pSummary(NetworkChargeReport.Summary(Charges, r.Trades)), MarketsJsonContext.Default.P2pSummary)!.AsObject();
            foreach (var (name, value) in p2p.ToList())
            {
                p2p.Remove(name);
                fields[name] = value;
            }
        }

        return fields;
    }

    /// <inheritdoc />
    public IReadOnlyList<ReportFile> Files(ClearingReportContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        static string F(double v) => ClearingReportContext.Csv(v);
        var dispatch = new StringBuilder("slot,time,participant,net_injection_kw\n");
        foreach (var position in Result.Positions)
        {
            for (var t = 0; t < position.NetInjectionKw.Count; t++)
            {
                dispatch.Append(Inv, $"{t},{context.SlotTime(t)},{position.ParticipantId},{F(position.NetInjectionKw[t])}\n");
            }
        }

        var trades = new StringBuilder("buyer,seller,slot,quantity,price\n");
        foreach (var trade in Result.Trades)
        {
            trades.Append(Inv, $"{trade.BuyerId},{trade.SellerId},{trade.Slot},{F(trade.QuantityKwh)},{F(trade.PriceEurPerMwh)}\n");
        }

        var files = new List<ReportFile> { new("dispatch.csv", dispatch.ToString()), new("trades.csv", trades.ToString()) };
        if (Charges is not null)
        {
            files.Add(new("network_charges.csv", NetworkChargeReport.Csv(Charges, Result.Trades)));
        }

        files.Add(new("convergence.csv", Result.ResidualHistoryCsv()));
        return files;
    }

    /// <inheritdoc />
    public string Title(ClearingReportContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return $"{context.Result.Mechanism} market (distributed, ADMM): {context.Market.Name}";
    }

    /// <inheritdoc />
    public IReadOnlyList<KeyValuePair<string, string>> TextRows(ClearingReportContext context)
    {
        var rows = new List<KeyValuePair<string, string>>
        {
            new("Iterations", $"{Result.Status} after {Result.Iterations} iterations ({Result.WallSeconds.ToString("0.000", Inv)} s)"),
            new("Residuals (primal / dual)", $"{Result.PrimalResidual.ToString("0.0e+0", Inv)} / {Result.DualResidual.ToString("0.0e+0", Inv)}"),
            new("Messages / bytes", $"{Result.Messages} / {Result.Bytes}"),
            new("Bilateral trades", Result.Trades.Count.ToString(Inv)),
        };
        if (Charges is not null)
        {
            rows.Add(new("Network charges", NetworkChargeReport.Describe(Charges, Result.Trades)));
        }

        return rows;
    }

    /// <inheritdoc />
    public IReadOnlyList<ReportTable> TextTables(ClearingReportContext context) => [];
}
