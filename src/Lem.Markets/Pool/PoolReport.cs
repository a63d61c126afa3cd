using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Lem.Markets.Pool;

/// <summary>The pool's outputs beyond the common ones: tie rule, model size, per-asset dispatch, storage and grid files.</summary>
/// <param name="result">The pool result.</param>
public sealed class PoolReport(PoolResult result) : IClearingReport
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The pool result behind the report.</summary>
    public PoolResult Result { get; } = result;

    /// <inheritdoc />
    public JsonObject SummaryFields(ClearingReportContext context)
    {
        var s = Result.Statistics;
        var summary = new PoolSummary(
            Result.PriceRule == PriceRule.Midpoint ? "midpoint" : "marginal",
            Result.SimultaneousChargingPrevented,
            new PoolModelSummary(s.Variables, s.Constraints, s.Binaries, s.BuildSeconds, s.SolveSeconds, s.SolverName),
            DlmpSummary.Of(Result.Slots),
            SocExactnessSummary.Of(Result.Slots),
            DlmpSummary.OfPhases(Result.Slots));
        return JsonSerializer.SerializeToNode(summary, MarketsJsonContext.Default.PoolSummary)!.AsObject();
    }

    /// <inheritdoc />
    public IReadOnlyList<ReportFile> Files(ClearingReportContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var r = Result;
        var hours = context.Market.Horizon.SlotHours;
        string Time(int t) => context.SlotTime(t);
        static string F(double v) => ClearingReportContext.Csv(v);

        var dispatch = new StringBuilder("slot,time,participant,asset,kind,net_injection_kw\n");
        foreach (var a in r.Assets)
        {
            for (var t = 0; t < a.NetInjectionKw.Count; t++)
            {
                dispatch.Append(Inv, $"{t},{Time(t)},{a.Participant},{a.Asset},{a.Kind},{F(a.NetInjectionKw[t])}\n");
            }
        }

        foreach (var slot in r.Slots)
        {
            dispatch.Append(Inv, $"{slot.Index},{Time(slot.Index)},outside-market,import,import,{F(slot.ImportMwh / hours * 1000)}\n");
            dispatch.Append(Inv, $"{slot.Index},{Time(slot.Index)},outside-market,export,export,{F(-slot.ExportMwh / hours * 1000)}\n");
        }

        var storage = new StringBuilder("slot,time,participant,asset,kind,charge_kw,discharge_kw,soc_kwh\n");
        // Grouped by kind in registry order (batteries, then EVs, then heat pumps), scenario order within a kind.
        foreach (var a in r.Assets.Where(a => a.Storage is not null).OrderBy(a => AssetKinds.OrderOf(a.Kind)))
        {
            var s = a.Storage!;
            for (var t = 0; t < s.ChargeKw.Count; t++)
            {
                storage.Append(Inv, $"{t},{Time(t)},{a.Participant},{a.Asset},{a.Kind},{F(s.ChargeKw[t])},{F(s.DischargeKw[t])},{F(s.StateKwh[t])}\n");
            }
        }

        var grid = new StringBuilder("slot,time,quantity,element,value\n");
        void GridRow(int t, string quantity, object element, double value) => grid.Append(Inv, $"{t},{Time(t)},{quantity},{element},{F(value)}\n");
        foreach (var slot in r.Slots)
        {
            if (slot.VoltagesPu is { } solverVm)
            {
                // Every bus of the grid, merged buses at their group's voltage (docs/power-flow.md, "Buses merged by switches").
                var vm = r.ToReportedBuses(solverVm);
                for (var b = 0; b < vm.Count; b++)
                {
                    GridRow(slot.Index, "vm_pu", r.ReportedBusIds[b], vm[b]);
                }
            }

            if (slot.BranchFlowsMw is { } flows)
            {
                for (var k = 0; k < flows.Count; k++)
                {
                    GridRow(slot.Index, "p_from_mw", r.BranchIds[k], flows[k]);
                }
            }

            if (slot.Phases is { } phases)
            {
                // Per-phase state of a phase-aware formulation (docs/three-phase.md#lindist3flow-clearing-with-per-phase-prices).
                for (var b = 0; b < phases.VoltagesPu.Count; b++)
                {
                    for (var phi = 0; phi < 3; phi++)
                    {
                        GridRow(slot.Index, PhaseQuantity("vm_pu", phi), r.BusIds[b], phases.VoltagesPu[b][phi]);
                    }
                }

                for (var k = 0; k < phases.BranchFlowsMw.Count; k++)
                {
                    for (var phi = 0; phi < 3; phi++)
                    {
                        GridRow(slot.Index, PhaseQuantity("p_from_mw", phi), r.BranchIds[k], phases.BranchFlowsMw[k][phi]);
                    }
                }
            }

            GridRow(slot.Index, "losses_mw", "total", slot.LossesMw);
        }

        if (context.AcCheck is { } ac)
        {
            foreach (var slot in ac.Slots)
            {
                GridRow(slot.Slot, "ac_vm_min_pu", slot.VmMinBus, slot.VmMinPu);
                GridRow(slot.Slot, "ac_max_loading_percent", "max", slot.MaxLoadingPercent);
                GridRow(slot.Slot, "ac_losses_mw", "total", slot.LossesMw);
                GridRow(slot.Slot, "ac_transformer_no_load_losses_mw", "total", slot.TransformerNoLoadLossesMw);
                GridRow(slot.Slot, "ac_shunt_losses_mw", "total", slot.ShuntLossesMw);
                GridRow(slot.Slot, "ac_total_losses_mw", "total", slot.TotalLossesMw);
            }

            foreach (var slot in ac.ThreePhase?.Slots ?? [])
            {
                // Three-phase check: the per-phase linearisation error and the largest unbalance (docs/three-phase.md#lindist3flow-clearing-with-per-phase-prices).
                for (var phi = 0; phi < 3 && slot.MaxVoltageErrorPu is { } error; phi++)
                {
                    GridRow(slot.Slot, PhaseQuantity("ac_vm_error_pu", phi), "max", error[phi]);
                }

                GridRow(slot.Slot, "ac_vuf_max_percent", slot.MaxUnbalanceBus, slot.MaxUnbalancePercent);
            }
        }

        var files = new List<ReportFile> { new("dispatch.csv", dispatch.ToString()), new("storage.csv", storage.ToString()), new("grid.csv", grid.ToString()) };
        if (r.Slots.Any(x => x.Dlmps is not null))
        {
            files.Add(new ReportFile(DlmpSummary.FileName, DlmpCsv(r)));
        }

        if (r.Slots.Any(x => x.Phases is not null))
        {
            files.Add(new ReportFile(PhaseDlmpFileName, PhaseDlmpCsv(r)));
        }

        if (r.Slots.Any(x => x.SocExactness is not null))
        {
            files.Add(new ReportFile(SocExactnessSummary.FileName, SocExactnessCsv(r)));
        }

        return files;
    }

    /// <summary>
    /// The DLMP decomposition per bus and slot, EUR/MWh (docs/formulations.md#prices-and-dlmps), one row for every bus of
    /// the user's network: a bus merged by a closed switch has its group's decomposition (docs/power-flow.md, "Buses merged
    /// by switches").
    /// </summary>
    private static string DlmpCsv(PoolResult r)
    {
        static string F(double v) => ClearingReportContext.Csv(v);
        var csv = new StringBuilder("bus,slot,total,energy,losses,congestion,voltage\n");
        var reported = r.ReportedBusIds;
        var groups = r.ToReportedBuses(r.BusIds);
        foreach (var slot in r.Slots)
        {
            if (slot.Dlmps is not { } dlmps)
            {
                continue;
            }

            var byGroup = dlmps.ToDictionary(d => d.Bus);
            for (var j = 0; j < reported.Count; j++)
            {
                if (byGroup.TryGetValue(groups[j], out var d))
                {
                    csv.Append(Inv, $"{reported[j]},{slot.Index},{F(d.TotalEurPerMwh)},{F(d.EnergyEurPerMwh)},{F(d.LossEurPerMwh)},{F(d.CongestionEurPerMwh)},{F(d.VoltageEurPerMwh)}\n");
                }
            }
        }

        return csv.ToString();
    }

    /// <summary>The file of the per-phase prices and DLMP decompositions.</summary>
    public const string PhaseDlmpFileName = "dlmp_phase.csv";

    /// <summary>A per-phase grid quantity's name: <c>vm_pu</c> → <c>vm_pu_a</c>.</summary>
    private static string PhaseQuantity(string quantity, int phase) => $"{quantity}_{Lem.Grid.ThreePhase.PhaseConnections.Names[phase]}";

    /// <summary>
    /// The per-phase prices per bus and slot, EUR/MWh (docs/three-phase.md#lindist3flow-clearing-with-per-phase-prices):
    /// one row per solver bus, phase and slot with the price and, where the prices are duals, its decomposition.
    /// </summary>
    private static string PhaseDlmpCsv(PoolResult r)
    {
        static string F(double v) => ClearingReportContext.Csv(v);
        var csv = new StringBuilder("bus,slot,phase,total,energy,losses,congestion,voltage\n");
        foreach (var slot in r.Slots)
        {
            if (slot.Phases is not { } phases)
            {
                continue;
            }

            for (var b = 0; b < phases.PricesEurPerMwh.Count; b++)
            {
                for (var phi = 0; phi < 3; phi++)
                {
                    var name = Lem.Grid.ThreePhase.PhaseConnections.Names[phi];
                    csv.Append(phases.Dlmps is { } d
                        ? string.Create(Inv, $"{r.BusIds[b]},{slot.Index},{name},{F(phases.PricesEurPerMwh[b][phi])},{F(d[b][phi].EnergyEurPerMwh)},{F(d[b][phi].LossEurPerMwh)},{F(d[b][phi].CongestionEurPerMwh)},{F(d[b][phi].VoltageEurPerMwh)}\n")
                        : string.Create(Inv, $"{r.BusIds[b]},{slot.Index},{name},{F(phases.PricesEurPerMwh[b][phi])},,,,\n"));
                }
            }
        }

        return csv.ToString();
    }

    /// <summary>
    /// The cone gap of every branch and slot of the SOC relaxation (docs/formulations.md#soc-distflow): the sending-end series
    /// flows, (w_f/τ²)·ℓ in MVA², the gap and its relative size. Written at round-trip precision: the gap is a small
    /// difference of much larger numbers, and a reader should be able to recompute it from the row.
    /// </summary>
    private static string SocExactnessCsv(PoolResult r)
    {
        static string R(double v) => v.ToString("R", Inv);
        var csv = new StringBuilder("line,slot,p_mw,q_mvar,s_squared_mva2,gap_mva2,relative_gap,spurious_loss_mva,exact\n");
        foreach (var slot in r.Slots)
        {
            if (slot.SocExactness is not { } report)
            {
                continue;
            }

            var s = report.PowerBaseMva;
            foreach (var l in report.Lines)
            {
                csv.Append(Inv, $"{l.BranchId},{slot.Index},{R(l.SeriesPPu * s)},{R(l.SeriesQPu * s)},{R(l.VoltageCurrentProductPu * s * s)},{R(l.AbsoluteGapPu * s * s)},{R(l.RelativeGap)},{R(l.SpuriousLossPu * s)},{(l.IsExact ? "true" : "false")}\n");
            }
        }

        return csv.ToString();
    }

    /// <inheritdoc />
    public string Title(ClearingReportContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return $"Pool clearing: {context.Market.Name} on {Result.FormulationName}";
    }

    /// <inheritdoc />
    public IReadOnlyList<KeyValuePair<string, string>> TextRows(ClearingReportContext context)
    {
        var s = Result.Statistics;
        return [new("Model", $"{s.Variables} variables, {s.Constraints} constraints, {s.Binaries} binaries; build {s.BuildSeconds.ToString("0.000", Inv)} s, solve {s.SolveSeconds.ToString("0.000", Inv)} s ({s.SolverName})")];
    }

    /// <inheritdoc />
    /// <remarks>None: the per-hour table is common to every mechanism (<see cref="PeriodTable"/>).</remarks>
    public IReadOnlyList<ReportTable> TextTables(ClearingReportContext context) => [];
}
