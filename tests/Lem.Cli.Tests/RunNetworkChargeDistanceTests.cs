using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Lem.Testing;

namespace Lem.Cli.Tests;

/// <summary><c>lem run --mechanism p2p --network-charge γ [--distance …] [--charge-split …]</c> (docs/network-charges.md).</summary>
public sealed class RunNetworkChargeDistanceTests : IDisposable
{
    // examples/tiny: lines 0–1 (0.15 km × 0.206 Ω/km) and 1–2 (0.10 km × 0.642 Ω/km) on Z_base = 0.4² / 1 = 0.16 Ω.
    private static readonly double R01 = 0.15 * 0.206 / 0.16;
    private static readonly double R12 = 0.10 * 0.642 / 0.16;

    private static readonly Dictionary<string, string> BusOf = new()
    {
        ["anna"] = "1",
        ["ben"] = "1",
        ["clara"] = "2",
        ["dora"] = "2",
        ["outside-market"] = "0",
    };

    private readonly string _dir = Directory.CreateTempSubdirectory("lem-charges-").FullName;

    private static string Tiny => RepoPaths.InRepo("examples", "tiny", "scenario.json");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [NativeFact(NativeLibraries.Klu)]
    public void Tiny_PositiveCharge_ShrinksTheTradesOfDistantPairs_AndReportsChargesThatAddUp()
    {
        // A zero charge reproduces the run without charges exactly (see below) and lists the pairs' trades.
        var free = RunJson(Tiny, "--mechanism", "p2p", "--no-ac-check", "--network-charge", "0");
        var charged = RunJson(Tiny, "--mechanism", "p2p", "--no-ac-check", "--network-charge", "20");

        Assert.Equal("converged", charged.GetProperty("status").GetString());
        var charges = charged.GetProperty("network_charges");
        Assert.Equal("resistance", charges.GetProperty("distance").GetString());
        Assert.Equal("half", charges.GetProperty("split").GetString());
        Approx.Equal(R01 + R12, charges.GetProperty("normalisation_distance").GetDouble(), 1e-12);

        var before = Traded(free);
        var after = charges.GetProperty("pairs").EnumerateArray().ToList();
        Assert.Equal(10, after.Count);
        double total = 0, weightedBefore = 0, weightedAfter = 0, chargeOnFreeTrades = 0;
        foreach (var pair in after)
        {
            var (a, b) = (pair.GetProperty("a").GetString()!, pair.GetProperty("b").GetString()!);
            var distance = Distance(BusOf[a], BusOf[b]);
            var c = 20 * distance / (R01 + R12);
            var kwh = pair.GetProperty("traded_kwh").GetDouble();
            Approx.Equal(distance, pair.GetProperty("distance").GetDouble(), 1e-12, what: $"d({a}, {b})");
            Approx.Equal(c, pair.GetProperty("charge_eur_per_mwh").GetDouble(), 1e-9, what: $"c({a}, {b})");
            Approx.Equal(c * kwh / 1000, pair.GetProperty("charge_eur").GetDouble(), 1e-9, what: $"charge({a}, {b})");
            total += c * kwh / 1000;
            weightedBefore += distance * before[(a, b)];
            weightedAfter += distance * kwh;
            chargeOnFreeTrades += c * before[(a, b)] / 1000;

            // Pairs at least half the feeder apart (bus 1 ↔ bus 2, bus 2 ↔ the outside market) trade less.
            if (distance >= 0.5 * (R01 + R12))
            {
                Assert.True(kwh < before[(a, b)] - 0.1, $"{a}–{b}: {kwh} kWh with the charge, {before[(a, b)]} without");
            }
        }

        Approx.Equal(total, charges.GetProperty("total_eur").GetDouble(), 1e-9, what: "total");
        Approx.Equal(total, charges.GetProperty("buyers_eur").GetDouble() + charges.GetProperty("sellers_eur").GetDouble(), 1e-9, what: "buyers + sellers");
        Assert.True(total > 0.01, $"total {total}");
        Assert.True(weightedAfter < 0.5 * weightedBefore, $"Σ d·kWh {weightedAfter} with the charge, {weightedBefore} without");

        // Welfare counts the charges as costs. The charge-free optimum is the best welfare before charges, so
        // W(γ) + charges(γ) ≤ W(0); the charge-free trades stay feasible, so W(γ) ≥ W(0) − their charges.
        var w0 = free.GetProperty("welfare_eur").GetDouble();
        var w = charged.GetProperty("welfare_eur").GetDouble();
        Assert.True(w + total <= w0 + 2e-3, $"W(γ) + charges = {w + total} > W(0) = {w0}");
        Assert.True(w >= w0 - chargeOnFreeTrades - 2e-3, $"W(γ) = {w} < W(0) − charges of the free trades = {w0 - chargeOnFreeTrades}");
    }

    [NativeFact(NativeLibraries.Klu)]
    public void Tiny_ZeroCharge_EqualsTheRunWithoutTheOption()
    {
        var plainDir = Path.Combine(_dir, "plain");
        var zeroDir = Path.Combine(_dir, "zero");
        var plain = RunJson(Tiny, "--mechanism", "p2p", "--out", plainDir);
        var zero = RunJson(Tiny, "--mechanism", "p2p", "--out", zeroDir, "--network-charge", "0", "--distance", "ptdf");

        foreach (var field in new[] { "welfare_eur", "import_mwh", "export_mwh", "iterations", "primal_residual", "dual_residual", "messages", "trade_count" })
        {
            Assert.Equal(plain.GetProperty(field).GetDouble(), zero.GetProperty(field).GetDouble());
        }

        Assert.Equal(JsonValueKind.Null, plain.GetProperty("network_charges").ValueKind);
        Assert.Equal(0.0, zero.GetProperty("network_charges").GetProperty("total_eur").GetDouble());
        foreach (var file in new[] { "trades.csv", "dispatch.csv", "prices.csv" })
        {
            Assert.Equal(File.ReadAllText(Path.Combine(plainDir, file)), File.ReadAllText(Path.Combine(zeroDir, file)));
        }

        Assert.True(File.Exists(Path.Combine(zeroDir, "network_charges.csv")));
        Assert.False(File.Exists(Path.Combine(plainDir, "network_charges.csv")));
    }

    [Fact]
    public void Tiny_BuyerSplit_BillsTheBuyer_AndRequotesTheEnergyPrice()
    {
        var outDir = Path.Combine(_dir, "buyer");
        var r = RunJson(Tiny, "--mechanism", "p2p", "--no-ac-check", "--network-charge", "20", "--distance", "path", "--charge-split", "buyer", "--out", outDir);

        Assert.Equal("buyer", r.GetProperty("network_charges").GetProperty("split").GetString());
        var trades = File.ReadAllLines(Path.Combine(outDir, "trades.csv")).Skip(1).Select(l => l.Split(',')).ToList();
        var charged = File.ReadAllLines(Path.Combine(outDir, "network_charges.csv")).ToList();
        Assert.Equal("buyer,seller,slot,quantity_kwh,charge_eur_per_mwh,buyer_charge_eur,seller_charge_eur,energy_price_eur_per_mwh", charged[0]);
        Assert.Equal(trades.Count, charged.Count - 1);
        for (var i = 0; i < trades.Count; i++)
        {
            var row = charged[i + 1].Split(',');
            var (buyer, seller) = (row[0], row[1]);
            Assert.Equal((trades[i][0], trades[i][1]), (buyer, seller));
            var kwh = D(row[3]);
            var c = D(row[4]);
            Approx.Equal(20 * Distance(BusOf[buyer], BusOf[seller]) / (R01 + R12), c, 1e-5, what: $"c({buyer}, {seller})");
            var lambda = D(trades[i][4]);
            if (seller == "outside-market" || buyer == "outside-market")
            {
                // The participant pays all of it; the pair price is the cleared one.
                Approx.Equal(seller == "outside-market" ? c * kwh / 1000 : 0, D(row[5]), 1e-6);
                Approx.Equal(lambda, D(row[7]), 1e-5);
            }
            else
            {
                // The buyer pays all; the seller, who carried c/2 in the market, is quoted λ − c/2.
                Approx.Equal(c * kwh / 1000, D(row[5]), 1e-6);
                Assert.Equal(0.0, D(row[6]));
                Approx.Equal(lambda - (c / 2), D(row[7]), 1e-5);
            }
        }
    }

    [Fact]
    public void Tiny_UniformCharge_ChargesEveryTrade()
    {
        var r = RunJson(Tiny, "--mechanism", "p2p", "--no-ac-check", "--network-charge", "15", "--distance", "uniform");
        var charges = r.GetProperty("network_charges");
        Assert.Equal("uniform", charges.GetProperty("basis").GetString());
        var volume = charges.GetProperty("pairs").EnumerateArray().Sum(p => p.GetProperty("traded_kwh").GetDouble());
        Assert.All(charges.GetProperty("pairs").EnumerateArray(), p => Assert.Equal(15.0, p.GetProperty("charge_eur_per_mwh").GetDouble()));
        Approx.Equal(15 * volume / 1000, charges.GetProperty("total_eur").GetDouble(), 1e-9);
    }

    [NativeFact(NativeLibraries.Klu)]
    public void Tiny_Text_ShowsTheCharges()
    {
        var (exit, output, err) = CliRunner.Run("run", Tiny, "--mechanism", "p2p", "--no-ac-check", "--network-charge", "5");
        Assert.True(exit == 0, output + err);
        Assert.Contains("Network charges", output, StringComparison.Ordinal);
        Assert.Contains("resistance distance, γ = 5 EUR/MWh, split half", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("-5")]
    [InlineData("NaN")]
    [InlineData("abc")]
    public void BadCharge_IsAUsageError(string value)
    {
        var (exit, output, err) = CliRunner.Run("run", Tiny, "--mechanism", "p2p", "--network-charge", value);
        Assert.Equal(2, exit);
        Assert.Contains("--network-charge", err, StringComparison.Ordinal);
        CliRunner.AssertNoStackTrace(output + err);
    }

    [Theory]
    [InlineData("--mechanism", "pool", "--network-charge", "5")]
    [InlineData("--mechanism", "community", "--network-charge", "5")]
    [InlineData("--mechanism", "p2p", "--distance", "path")]
    [InlineData("--mechanism", "p2p", "--charge-split", "buyer")]
    [InlineData("--mechanism", "p2p", "--network-charge", "5", "--distance", "euclid")]
    public void MisplacedOptions_AreUsageErrors(params string[] args)
    {
        var (exit, output, err) = CliRunner.Run(["run", Tiny, .. args]);
        Assert.Equal(2, exit);
        Assert.StartsWith("lem: ", err, StringComparison.Ordinal);
        CliRunner.AssertNoStackTrace(output + err);
    }

    [NativeFact(NativeLibraries.Klu)]
    public void PathDistance_OnAMeshedGrid_IsInvalidInput_NamingTheProblem()
    {
        var meshed = WriteVariant("meshed.json", root =>
            root["grid"]!["lines"]!.AsArray().Add(JsonNode.Parse("""{ "id": "L02", "from_bus": "0", "to_bus": "2", "length_km": 0.3, "r_ohm_per_km": 0.206, "x_ohm_per_km": 0.08, "c_nf_per_km": 261, "max_i_ka": 0.27 }""")));

        var (exit, output, err) = CliRunner.Run("run", meshed, "--mechanism", "p2p", "--network-charge", "10", "--distance", "path", "--format", "json");

        Assert.Equal(1, exit);
        var e = JsonDocument.Parse(output).RootElement.GetProperty("errors")[0];
        Assert.Equal("--distance", e.GetProperty("path").GetString());
        Assert.Contains("meshed", e.GetProperty("message").GetString(), StringComparison.Ordinal);
        CliRunner.AssertNoStackTrace(output + err);

        // The resistance and PTDF distances apply to the meshed grid.
        Assert.Equal("converged", RunJson(meshed, "--mechanism", "p2p", "--no-ac-check", "--network-charge", "10", "--distance", "ptdf").GetProperty("status").GetString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("resistance")]
    [InlineData("path")]
    [InlineData("zonal")]
    public void DistanceCharge_WithoutAGrid_IsInvalidInput(string? distance)
    {
        var copper = WriteVariant("copper.json", root =>
        {
            root.AsObject().Remove("grid");
            root["outside_market"]!.AsObject().Remove("connection_bus");
            foreach (var p in root["participants"]!.AsArray())
            {
                p!.AsObject().Remove("bus");
            }
        });
        string[] args = ["run", copper, "--mechanism", "p2p", "--network-charge", "10", "--format", "json"];

        var (exit, output, err) = CliRunner.Run(distance is null ? args : [.. args, "--distance", distance]);

        Assert.True(exit == 1, output + err);
        var message = JsonDocument.Parse(output).RootElement.GetProperty("errors")[0].GetProperty("message").GetString();
        Assert.Contains(distance is null ? "--distance uniform" : "grid", message, StringComparison.Ordinal);
        CliRunner.AssertNoStackTrace(output + err);
        Assert.Equal(0, CliRunner.Run([.. args, "--distance", "uniform", "--no-ac-check"]).Exit);
    }

    private static double Distance(string a, string b)
    {
        double Depth(string bus) => bus switch { "0" => 0, "1" => R01, _ => R01 + R12 };
        return a == b ? 0 : Math.Abs(Depth(a) - Depth(b)); // a feeder 0–1–2: the path is the depth difference
    }

    private static Dictionary<(string, string), double> Traded(JsonElement run)
    {
        var result = new Dictionary<(string, string), double>();
        foreach (var pair in run.GetProperty("network_charges").GetProperty("pairs").EnumerateArray())
        {
            result[(pair.GetProperty("a").GetString()!, pair.GetProperty("b").GetString()!)] = pair.GetProperty("traded_kwh").GetDouble();
        }

        return result;
    }

    private static JsonElement RunJson(string scenario, params string[] args)
    {
        var (exit, output, err) = CliRunner.Run(["run", scenario, "--format", "json", .. args]);
        Assert.True(exit == 0, output + err);
        return JsonDocument.Parse(output).RootElement;
    }

    private static double D(string text) => double.Parse(text, CultureInfo.InvariantCulture);

    private string WriteVariant(string name, Action<JsonNode> change)
    {
        var root = JsonNode.Parse(File.ReadAllText(Tiny))!;
        root.AsObject().Remove("$schema");
        change(root);
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, root.ToJsonString());
        return path;
    }
}
