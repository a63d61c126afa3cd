using System.Globalization;
using System.Text;
using System.Text.Json;
using Lem.Grid.Distance;
using Lem.Markets.Distributed;

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

    /// <summary>Writes the <c>network_charges</c> member: null without charges, else the policy, totals and the pairs.</summary>
    public static void WriteJson(Utf8JsonWriter w, NetworkChargesTable? table, IReadOnlyList<DistributedTrade> trades)
    {
        if (table is null)
        {
            w.WriteNull("network_charges");
            return;
        }

        var settled = trades.Select(table.Settle).ToList();
        w.WriteStartObject("network_charges");
        w.WriteNumber("level_eur_per_mwh", table.Policy.LevelEurPerMwh);
        w.WriteString("basis", BasisName(table.Policy.Basis));
        if (table.Policy.Basis is DistanceChargeBasis d)
        {
            w.WriteString("distance", Name(d.Method));
            w.WriteNumber("normalisation_distance", table.Charges.NormalisationDistance ?? 0);
        }
        else
        {
            w.WriteNull("distance");
            w.WriteNull("normalisation_distance");
        }

        w.WriteString("split", table.Policy.Split == NetworkChargeSplit.Half ? "half" : "buyer");
        w.WriteNumber("total_eur", settled.Sum(x => x.ChargeEur));
        w.WriteNumber("buyers_eur", settled.Sum(x => x.BuyerChargeEur));
        w.WriteNumber("sellers_eur", settled.Sum(x => x.SellerChargeEur));
        var byPair = settled.ToLookup(x => table.Pair(x.Trade.BuyerId, x.Trade.SellerId));
        w.WriteStartArray("pairs");
        foreach (var pair in table.Pairs)
        {
            var pairTrades = byPair[pair].ToList();
            w.WriteStartObject();
            w.WriteString("a", pair.AgentA);
            w.WriteString("b", pair.AgentB);
            WriteBus(w, "bus_a", pair.BusA);
            WriteBus(w, "bus_b", pair.BusB);
            if (pair.Distance is { } distance)
            {
                w.WriteNumber("distance", distance);
            }
            else
            {
                w.WriteNull("distance");
            }

            w.WriteNumber("charge_eur_per_mwh", pair.ChargeEurPerMwh);
            w.WriteNumber("traded_kwh", pairTrades.Sum(x => x.Trade.QuantityKwh));
            w.WriteNumber("charge_eur", pairTrades.Sum(x => x.ChargeEur));
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
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

    private static void WriteBus(Utf8JsonWriter w, string name, BusId? bus)
    {
        if (bus is { } b)
        {
            w.WriteString(name, b.Value);
        }
        else
        {
            w.WriteNull(name);
        }
    }
}
