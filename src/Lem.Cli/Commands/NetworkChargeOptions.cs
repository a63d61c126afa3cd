using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Lem.Grid.Distance;
using Lem.Markets.Distributed;

namespace Lem.Cli.Commands;

/// <summary>
/// The P2P network-charge options of <c>lem run</c> (docs/network-charges.md): <c>--network-charge γ</c> (EUR/MWh),
/// <c>--distance path|resistance|ptdf|uniform|zonal</c> and <c>--charge-split half|buyer</c>, their checks and their output.
/// </summary>
internal sealed class NetworkChargeOptions
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Creates the options.</summary>
    public NetworkChargeOptions()
    {
        Level = new Option<double>("--network-charge")
        {
            Description = "P2P only: charge bilateral trades for using the grid, γ in EUR/MWh (FORMULATIONS §13): γ·d/d_max with the electrical distance d between the partners' buses (see --distance), γ for every trade (uniform) or γ across zones (zonal).",
        };
        Level.Validators.Add(result =>
        {
            // Only a number is checked here; text that is no number gets the parser's own error.
            if (result.Tokens.Count == 1 && double.TryParse(result.Tokens[0].Value, NumberStyles.Float, Inv, out var v) && (!(v >= 0) || !double.IsFinite(v)))
            {
                result.AddError($"--network-charge must be a finite, non-negative price in EUR/MWh; got {v.ToString(Inv)}.");
            }
        });
        Distance = new Option<string?>("--distance")
        {
            Description = "With --network-charge: path (sum of branch resistance along the path; radial grids), resistance (resistance distance; any grid; the default), ptdf (flow footprint Σ|PTDF|), uniform (postage stamp; no grid needed) or zonal (the grid's bus zones).",
        };
        Distance.AcceptOnlyFromAmong("path", "resistance", "ptdf", "uniform", "zonal");
        Split = new Option<string?>("--charge-split")
        {
            Description = "With --network-charge: who pays a trade's charge, half (buyer and seller half each; the default) or buyer. Trades with the outside market: the participant pays all.",
        };
        Split.AcceptOnlyFromAmong("half", "buyer");
    }

    /// <summary><c>--network-charge</c>.</summary>
    public Option<double> Level { get; }

    /// <summary><c>--distance</c>.</summary>
    public Option<string?> Distance { get; }

    /// <summary><c>--charge-split</c>.</summary>
    public Option<string?> Split { get; }

    /// <summary>The values given on the command line.</summary>
    public NetworkChargeRequest Read(ParseResult parse) =>
        new(parse.GetResult(Level) is null ? null : parse.GetValue(Level), parse.GetValue(Distance), parse.GetValue(Split));

    /// <summary>The JSON value of a distance method.</summary>
    public static string Name(ElectricalDistanceMethod method) => method switch
    {
        ElectricalDistanceMethod.PathImpedance => "path",
        ElectricalDistanceMethod.ResistanceDistance => "resistance",
        _ => "ptdf",
    };

    /// <summary>Writes the <c>network_charges</c> member: null without charges, else the policy, totals and the pairs.</summary>
    public static void WriteJson(Utf8JsonWriter w, NetworkChargesTable? table, DistributedResult result)
    {
        if (table is null)
        {
            w.WriteNull("network_charges");
            return;
        }

        var settled = result.Trades.Select(table.Settle).ToList();
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
            var trades = byPair[pair].ToList();
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
            w.WriteNumber("traded_kwh", trades.Sum(x => x.Trade.QuantityKwh));
            w.WriteNumber("charge_eur", trades.Sum(x => x.ChargeEur));
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>The <c>network_charges.csv</c> file: one row per trade with its charge, the split and the re-quoted energy price.</summary>
    public static string Csv(NetworkChargesTable table, DistributedResult result)
    {
        string F(double v) => v.ToString("0.######", Inv);
        var csv = new StringBuilder("buyer,seller,slot,quantity_kwh,charge_eur_per_mwh,buyer_charge_eur,seller_charge_eur,energy_price_eur_per_mwh\n");
        foreach (var x in result.Trades.Select(table.Settle))
        {
            csv.Append(Inv, $"{x.Trade.BuyerId},{x.Trade.SellerId},{x.Trade.Slot},{F(x.Trade.QuantityKwh)},{F(x.ChargeEurPerMwh)},{F((double)x.BuyerChargeEur)},{F((double)x.SellerChargeEur)},{F(x.EnergyPriceEurPerMwh)}\n");
        }

        return csv.ToString();
    }

    /// <summary>A one-line description for the text output.</summary>
    public static string Describe(NetworkChargesTable table, DistributedResult result)
    {
        var total = result.Trades.Sum(t => table.Settle(t).ChargeEur);
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
