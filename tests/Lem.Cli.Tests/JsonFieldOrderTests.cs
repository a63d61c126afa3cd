using System.Text.Json;
using Lem.Cli.Output.Records;
using Lem.Domain.Participants;
using Lem.Ledger;
using Lem.Testing;

namespace Lem.Cli.Tests;

/// <summary>
/// The JSON outputs keep the field names and their order that outside checks read: each list below is the output's
/// contract, written out by hand, not taken from the records that produce it.
/// </summary>
public sealed class JsonFieldOrderTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("lem-json-fields-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private static string[] Names(JsonElement e) => [.. e.EnumerateObject().Select(p => p.Name)];

    private static JsonElement Run(params string[] args)
    {
        var (exit, output, err) = CliRunner.Run(args);
        Assert.True(exit is 0 or 1, output + err);
        using var doc = JsonDocument.Parse(output);
        return doc.RootElement.Clone();
    }

    [Fact]
    public void Validate_ValidAndInvalid()
    {
        var valid = Run("validate", RepoPaths.InRepo("examples", "tiny", "scenario.json"), "--format", "json");
        Assert.Equal(["valid", "errors", "warnings", "warning_details"], Names(valid));

        var bad = Path.Combine(dir, "bad.json");
        File.WriteAllText(bad, """{"name": "x", "horizon": 3}""");
        var invalid = Run("validate", bad, "--format", "json");
        Assert.False(invalid.GetProperty("valid").GetBoolean());
        Assert.NotEqual(0, invalid.GetProperty("errors").GetArrayLength());
        foreach (var e in invalid.GetProperty("errors").EnumerateArray())
        {
            Assert.Equal(["path", "code", "message"], Names(e));
        }
    }

    [Fact]
    public void Info_Tiny()
    {
        var r = Run("info", RepoPaths.InRepo("examples", "tiny", "scenario.json"), "--format", "json");

        Assert.Equal(
            [
                "name", "horizon", "participants", "participants_by_role", "assets_by_kind", "demand_kwh", "peak_demand_kw", "pv_capacity_kw",
                "pv_available_kwh", "wind_capacity_kw", "wind_available_kwh", "battery_capacity_kwh", "battery_power_kw", "ev_energy_kwh",
                "flexible_energy_kwh", "heat_pump_thermal_demand_kwh", "bids", "offers", "grid",
            ],
            Names(r));
        Assert.Equal(["time_zone", "start", "end", "slot_minutes", "slots"], Names(r.GetProperty("horizon")));
        Assert.Equal([.. Enum.GetValues<ParticipantRole>().Select(RoleNames.Of)], Names(r.GetProperty("participants_by_role")));
        var kinds = Names(r.GetProperty("assets_by_kind"));
        Assert.Equal([.. kinds.Order(StringComparer.Ordinal)], kinds);
        Assert.Equal(["name", "buses", "lines", "transformers", "loads"], Names(r.GetProperty("grid")));
    }

    [Fact]
    public void Auction_EachMechanismWritesItsOwnParameters()
    {
        var orders = Path.Combine(dir, "orders.csv");
        File.WriteAllText(orders, "participant,side,slot,price_eur_per_mwh,quantity_kwh\nb1,buy,0,10,1000\ns1,sell,0,2,1000\nb2,buy,1,5,10\ns2,sell,1,8,10\n");
        string[] top = ["mechanism", "parameters", "rules", "clearing_price", "trades", "welfare", "surplus", "traded_volume_kwh", "slots", "warnings", "units"];

        var uniform = Run("auction", orders, "--format", "json");
        Assert.Equal(top, Names(uniform));
        Assert.Equal(["price_rule", "k"], Names(uniform.GetProperty("parameters")));
        Assert.Equal(["slot", "label", "price", "seller_price"], Names(uniform.GetProperty("clearing_price")[0]));
        Assert.Equal(["slot", "buyer", "seller", "buy_order", "sell_order", "quantity", "price", "seller_price", "bid", "ask"], Names(uniform.GetProperty("trades")[0]));
        Assert.Equal(
            ["slot", "label", "clearing_price", "seller_price", "price_low", "price_high", "efficient_volume_kwh", "traded_volume_kwh", "trades", "welfare", "surplus", "notes"],
            Names(uniform.GetProperty("slots")[0]));

        // The slot that does not cross has no price: written as null, not left out.
        var noCross = uniform.GetProperty("clearing_price").EnumerateArray().Single(s => s.GetProperty("slot").GetInt32() == 1);
        Assert.Equal(JsonValueKind.Null, noCross.GetProperty("price").ValueKind);

        Assert.Equal(["lot_kwh"], Names(Run("auction", orders, "--mechanism", "mcafee", "--format", "json").GetProperty("parameters")));
        Assert.Equal(["payment_rule"], Names(Run("auction", orders, "--mechanism", "pay-as-bid", "--format", "json").GetProperty("parameters")));
    }

    [Fact]
    public void Allocate_Nucleolus_WritesItsStagesBeforeTheCounts()
    {
        var r = Run("allocate", RepoPaths.InRepo("examples", "tiny", "scenario.json"), "--method", "nucleolus", "--game", "pool", "--format", "json");

        Assert.Equal(
            [
                "scenario", "method", "core_constraints", "game", "players", "total", "grand_coalition_cost_eur", "standalone_total_eur",
                "allocations", "excluded_participants", "jain", "gini", "market_jain", "market_gini", "in_core", "core_check", "stages",
                "coalitions_evaluated", "clearings_solved", "wall_seconds",
            ],
            Names(r));
        Assert.Equal(["participant", "allocation_eur", "standalone_eur", "savings_eur", "market_eur"], Names(r.GetProperty("allocations")[0]));
        Assert.Equal(["max_violation_eur", "worst_coalition", "tolerance_eur"], Names(r.GetProperty("core_check")));
        Assert.Equal(["t_eur", "coalitions"], Names(r.GetProperty("stages")[0]));
    }

    [Fact]
    public void Allocate_MonteCarlo_WritesTheIntervalsAndSamples()
    {
        var r = Run("allocate", RepoPaths.InRepo("examples", "tiny", "scenario.json"), "--method", "shapley-mc", "--samples", "50", "--target-ci", "0.5", "--game", "pool", "--format", "json");

        var names = Names(r);
        Assert.Equal(["coalitions_evaluated", "clearings_solved", "samples", "target_met", "ci95_method", "wall_seconds"], names[^6..]);
        Assert.Equal("student-t+bernstein", r.GetProperty("ci95_method").GetString());
        Assert.DoesNotContain("stages", names);
        Assert.Equal(["participant", "allocation_eur", "standalone_eur", "savings_eur", "ci95", "market_eur"], Names(r.GetProperty("allocations")[0]));
    }

    [Fact]
    public void ProofVerify()
    {
        byte[][] leaves = [[1, 2, 3], [4, 5], [6]];
        var proof = Path.Combine(dir, "proof.json");
        File.WriteAllText(proof, MerkleTree.InclusionProof(leaves, 1).ToJson().ToJsonString());

        var r = Run("ledger", "proof-verify", "--root", Convert.ToHexStringLower(MerkleTree.Root(leaves)), "--proof", proof, "--leaf-hex", "0405", "--format", "json");

        Assert.Equal(["valid", "leaf_index", "tree_size", "root"], Names(r));
        Assert.True(r.GetProperty("valid").GetBoolean());
    }

    [Fact]
    public void RunSummary_Settled_CommonFieldsThenTheMechanismsThenKpisAndSettlement()
    {
        var r = Run("run", RepoPaths.InRepo("examples", "tiny", "scenario.json"), "--mechanism", "pool", "--settle", "--format", "json");

        Assert.Equal(
            [
                "scenario", "mechanism", "grid", "status", "welfare_eur", "import_mwh", "export_mwh", "slot_count", "slot_minutes", "prices", "ac_check", "hours",
                "price_rule", "simultaneous_charging_prevented", "model", "dlmp", "kpis", "settlement", "tariff_aware",
            ],
            Names(r));
        Assert.Equal(
            ["file", "slots", "total_eur_per_mwh", "energy_eur_per_mwh", "losses_eur_per_mwh", "congestion_eur_per_mwh", "voltage_eur_per_mwh"],
            Names(r.GetProperty("dlmp")));
        Assert.Equal(["min", "max"], Names(r.GetProperty("dlmp").GetProperty("energy_eur_per_mwh")));
        Assert.Equal(["slot", "start", "source", "min_eur_per_mwh", "max_eur_per_mwh", "buses"], Names(r.GetProperty("prices")[0]));
        Assert.Equal(["id", "eur_per_mwh"], Names(r.GetProperty("prices")[0].GetProperty("buses")[0]));
        Assert.Equal(
            ["start", "first_slot", "slot_count", "import_mwh", "export_mwh", "mean_price_eur_per_mwh", "min_price_eur_per_mwh", "max_price_eur_per_mwh"],
            Names(r.GetProperty("hours")[0]));
        Assert.Equal(
            ["algorithm", "converged", "vm_min_pu", "vm_max_pu", "max_loading_percent", "losses_mwh", "max_voltage_deviation_pu", "violation_count", "violations",
                "series_losses_mwh", "transformer_no_load_losses_mwh", "shunt_losses_mwh", "total_losses_mwh",
            ],
            Names(r.GetProperty("ac_check")));
        Assert.Equal(
            ["invoice_count", "invoices", "metered", "total_bills_eur", "paid_by_buyers_eur", "received_by_sellers_eur", "operator_residual_eur", "budget_balanced"],
            Names(r.GetProperty("settlement")));

        // Without --out no invoices were written: the folder is null, not left out.
        Assert.Equal(JsonValueKind.Null, r.GetProperty("settlement").GetProperty("invoices").ValueKind);
        Assert.Equal("mechanism", Names(r.GetProperty("kpis"))[0]);
    }

    [NativeFact(NativeLibraries.Klu, NativeLibraries.Ipopt)]
    public void RunSummary_Soc_AppendsDlmpAndSocExactnessToThePoolsFields()
    {
        var r = Run("run", RepoPaths.InRepo("examples", "tiny", "scenario.json"), "--mechanism", "pool", "--grid", "soc", "--no-ac-check", "--format", "json");

        Assert.Equal(["price_rule", "simultaneous_charging_prevented", "model", "dlmp", "soc_exactness", "tariff_aware"], Names(r)[^6..]);
        Assert.Equal(
            ["file", "tolerance", "exact", "max_relative_gap", "max_abs_gap_mva2", "worst_line", "worst_slot", "inexact_count"],
            Names(r.GetProperty("soc_exactness")));
    }

    [Fact]
    public void RunSummary_Unsettled_EndsWithTheMechanismsFields()
    {
        var r = Run("run", RepoPaths.InRepo("examples", "tiny", "scenario.json"), "--mechanism", "exchange", "--no-ac-check", "--format", "json");

        Assert.Equal(
            [
                "scenario", "mechanism", "grid", "status", "welfare_eur", "import_mwh", "export_mwh", "slot_count", "slot_minutes", "prices", "ac_check", "hours",
                "iterations", "primal_residual", "dual_residual", "messages", "bytes", "wall_seconds", "trade_count", "tariff_aware",
            ],
            Names(r));
        Assert.Equal(JsonValueKind.Null, r.GetProperty("ac_check").ValueKind);
    }

    [SharedFact(NativeLibraries.Klu)]
    public void Pf_Case9_IdsAreNumbers()
    {
        var r = Run("pf", RepoPaths.Grid("matpower", "case9.m"), "--format", "json");

        Assert.Equal(
            [
                "file", "converged", "status", "algorithm", "iterations", "mismatch_mw", "losses_mw", "losses_mvar", "vm_min_pu", "vm_min_bus",
                "vm_max_pu", "vm_max_bus", "slack_p_mw", "slack_q_mvar", "elapsed_ms", "buses", "branches", "violations",
                "transformer_no_load_losses_mw", "shunt_losses_mw", "total_losses_mw", "phases",
            ],
            Names(r));
        Assert.Equal(["id", "vm_pu", "va_degree", "p_mw", "q_mvar"], Names(r.GetProperty("buses")[0]));
        Assert.Equal(
            ["id", "kind", "from", "to", "p_from_mw", "q_from_mvar", "p_to_mw", "q_to_mvar", "loss_mw", "loss_mvar", "loading_percent", "shunt_loss_mw"],
            Names(r.GetProperty("branches")[0]));
        Assert.Equal(JsonValueKind.Number, r.GetProperty("vm_min_bus").ValueKind);
        Assert.Equal(JsonValueKind.Number, r.GetProperty("buses")[0].GetProperty("id").ValueKind);
        Assert.Equal(JsonValueKind.Number, r.GetProperty("branches")[0].GetProperty("from").ValueKind);
    }

    [SharedFact]
    public void Grid_Case9()
    {
        var r = Run("grid", RepoPaths.Grid("matpower", "case9.m"), "--format", "json");

        Assert.Equal(
            [
                "file", "name", "format", "base_mva", "buses", "buses_in_service", "lines", "lines_in_service", "transformers", "branches", "loads",
                "static_generators", "generators", "shunts", "switches", "total_load_mw", "total_load_mvar", "voltage_levels_kv", "slack_buses",
                "islands", "radial", "unreachable_buses", "warnings",
            ],
            Names(r));
    }

    [Theory]
    [InlineData("17", JsonValueKind.Number)]
    [InlineData("-3", JsonValueKind.Number)]
    [InlineData("bus 7", JsonValueKind.String)]
    [InlineData("1.5", JsonValueKind.String)]
    [InlineData("99999999999999999999", JsonValueKind.String)]
    public void NumericIds_AreNumbersOnlyWhenTheyAreIntegers(string id, JsonValueKind kind)
    {
        var json = JsonSerializer.Serialize(new PowerFlowStepJson(0, true, "converged", 1, 1.0, id, 0, 0, 0, 0), CliJsonContext.Default.PowerFlowStepJson);

        using var doc = JsonDocument.Parse(json);
        var written = doc.RootElement.GetProperty("vm_min_bus");
        Assert.Equal(kind, written.ValueKind);
        Assert.Equal(id, kind == JsonValueKind.Number ? written.GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture) : written.GetString());
        Assert.Equal(id, JsonSerializer.Deserialize(json, CliJsonContext.Default.PowerFlowStepJson)!.VmMinBus);
    }

    [Fact]
    public void Flex_WorkedExampleA()
    {
        var r = Run("flex", RepoPaths.InRepo("examples", "flex", "worked-a.json"), "--format", "json");

        Assert.Equal(
            ["status", "cost_eur", "rounds", "orders", "flex_prices", "violations_before", "violations_after", "pricing", "sensitivities", "binding_limits", "notes"],
            Names(r));
        Assert.Equal(["offer", "fsp", "bus", "slot", "direction", "kw", "kvar", "price_eur_per_mwh"], Names(r.GetProperty("orders")[0]));
        Assert.Equal(["bus", "slot", "eur_per_mwh"], Names(r.GetProperty("flex_prices")[0]));
        Assert.Equal(["slot", "kind", "element", "value", "limit"], Names(r.GetProperty("violations_before")[0]));
        Assert.Equal(["slot", "kind", "element", "dual"], Names(r.GetProperty("binding_limits")[0]));
    }

    [Fact]
    public void FlexSettle_SettlementExample()
    {
        var r = Run("flex", "settle", RepoPaths.InRepo("examples", "flex", "settlement.json"), "--meters", RepoPaths.InRepo("examples", "flex", "settlement-meters.csv"), "--format", "json");

        Assert.Equal(["status", "baseline", "penalty_eur_per_mwh", "net_settlement_eur", "settlements", "statements"], Names(r));
        Assert.Equal(
            ["offer", "fsp", "slot", "direction", "baseline_power_kw", "ordered_flex_power_kw", "actual_power_kw", "delivered_flex_power_kw", "power_deficiency_kw", "utilisation_eur", "availability_eur", "penalty_eur", "net_settlement_eur"],
            Names(r.GetProperty("settlements")[0]));
        Assert.Equal(
            ["fsp", "month", "lines", "ordered_kwh", "delivered_kwh", "deficiency_kwh", "utilisation_eur", "availability_eur", "penalty_eur", "net_eur"],
            Names(r.GetProperty("statements")[0]));
    }
}
