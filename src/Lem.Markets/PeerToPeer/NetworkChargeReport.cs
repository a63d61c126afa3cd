using System.Text;
using Lem.Grid.Distance;

namespace Lem.Markets.PeerToPeer;

/// <summary>The outputs of P2P network charges (docs/network-charges.md): the summary member, the per-trade file and a one-line description.</summary>
public static class NetworkChargeReport
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The JSON value of a distance method.</summary>
    public static string Name(ElectricalDistanceMethod method) => method switch
    {
        ElectricalDistanceMethod.PathImpedance => "path",
        ElectricalDistanceMethod.ResistanceDistance => "resistance",
        _ => "ptdf",
    };

    /// <summary>The <c>network_charges</c> member: null without charges, else the policy, totals and the pairs.</summary>
    public static NetworkChargeSummary? Summary(NetworkChargesTable? table, IReadOnlyList<DistributedTrade> trades)
    {
        ArgumentNullException.ThrowIfNull(trades);
        if (table is null)
        {
            return null;
        }

        var settled = trades.Select(table.Settle).ToList();
        var byPair = settled.ToLookup(x => table.Pair(x.Trade.BuyerId, x.Trade.SellerId));
        var distance = table.Policy.Basis as DistanceChargeBasis;
        return new NetworkChargeSummary(
            table.Policy.LevelEurPerMwh,
            BasisName(table.Policy.Basis),
            distance is null ? null : Name(distance.Method),
            distance is null ? null : table.Charges.NormalisationDistance ?? 0,
            table.Policy.Split == NetworkChargeSplit.Half ? "half" : "buyer",
            settled.Sum(x => x.ChargeEur),
            settled.Sum(x => x.BuyerChargeEur),
            settled.Sum(x => x.SellerChargeEur),
            [.. table.Pairs.Select(pair =>
            {
                var pairTrades = byPair[pair].ToList();
                return new NetworkChargePairSummary(
                    pair.AgentA,
                    pair.AgentB,
                    pair.BusA?.Value,
                    pair.BusB?.Value,
                    pair.Distance,
                    pair.ChargeEurPerMwh,
                    pairTrades.Sum(x => x.Trade.QuantityKwh),
                    pairTrades.Sum(x => x.ChargeEur));
            })]);
    }

    /// <summary>The <c>network_charges.csv</c> file: one row per trade with its charge, the split and the re-quoted energy price.</summary>
    public static string Csv(NetworkChargesTable table, IReadOnlyList<DistributedTrade> trades)
    {
        string F(double v) => v.ToString("0.######", Inv);
        var csv = new StringBuilder("buyer,seller,slot,quantity_kwh,charge_eur_per_mwh,buyer_charge_eur,seller_charge_eur,energy_price_eur_per_mwh\n");
        foreach (var x in trades.Select(table.Settle))
        {
            csv.Append(Inv, $"{x.Trade.BuyerId},{x.Trade.SellerId},{x.Trade.Slot},{F(x.Trade.QuantityKwh)},{F(x.ChargeEurPerMwh)},{F((double)x.BuyerChargeEur)},{F((double)x.SellerChargeEur)},{F(x.EnergyPriceEurPerMwh)}\n");
        }

        return csv.ToString();
    }

    /// <summary>A one-line description for the text output.</summary>
    public static string Describe(NetworkChargesTable table, IReadOnlyList<DistributedTrade> trades)
    {
        var total = trades.Sum(t => table.Settle(t).ChargeEur);
        var basis = table.Policy.Basis is DistanceChargeBasis d ? $"{Name(d.Method)} distance" : BasisName(table.Policy.Basis);
        return $"{total.ToString("0.0000", Inv)} EUR ({basis}, γ = {table.Policy.LevelEurPerMwh.ToString("0.###", Inv)} EUR/MWh, split {(table.Policy.Split == NetworkChargeSplit.Half ? "half" : "buyer")})";
    }

    private static string BasisName(NetworkChargeBasis basis) => basis switch
    {
        DistanceChargeBasis => "distance",
        ZonalChargeBasis => "zonal",
        _ => "uniform",
    };
}
