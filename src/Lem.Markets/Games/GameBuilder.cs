using Lem.Markets.Flexibility.Sensitivities;

namespace Lem.Markets.Games;

/// <summary>
/// Builds the quantity game of a market (docs/games.md#from-a-scenario). The players are the participants with PV/wind
/// or batteries (producers and prosumers with storage); their variables are the generators' output in [0, available]
/// and the batteries' charge and discharge with their state-of-charge rows. Everyone's inflexible demand D_t and the
/// outside market give the residual inverse demand P_t(Q) = a_t − b_t·Q with a_t the wholesale import price (what the
/// community pays without local supply) and b_t = (import − export price)/D_t (the price reaches the export price when
/// local supply covers the demand). Line ratings become shared rows through a linear sensitivity model (DC/PTDF or
/// LinDistFlow of Lem.Grid), loads fixed at their demand.
/// </summary>
public static class GameBuilder
{
    /// <summary>The smallest demand the slope is drawn through, kW (keeps b_t finite in a slot without load).</summary>
    public const double MinDemandKw = 1.0;

    /// <summary>The smallest price spread a_t − export price, EUR/MWh (keeps b_t positive when both prices coincide).</summary>
    public const double MinSpreadEurPerMwh = 0.01;

    /// <summary>The participants that can be players: those with a PV/wind generator or a battery, in input order.</summary>
    public static IReadOnlyList<ParticipantId> Candidates(MarketInput market)
    {
        ArgumentNullException.ThrowIfNull(market);
        return [.. market.Participants.Where(p => p.Assets.Any(a => a is RenewableGenerator or Battery)).Select(p => p.Id)];
    }

    /// <summary>Builds the game; <paramref name="strategic"/> selects the Cournot players (the others take the price); <paramref name="gridModel"/> is none, auto, dc or lindistflow.</summary>
    /// <exception cref="ArgumentException">When the grid model cannot represent the grid.</exception>
    public static GameBuild Build(MarketInput market, IReadOnlySet<ParticipantId> strategic, string gridModel = "auto")
    {
        ArgumentNullException.ThrowIfNull(market);
        ArgumentNullException.ThrowIfNull(strategic);
        var horizon = market.Horizon;
        var slots = horizon.Count;
        var h = horizon.SlotHours;
        var demand = new double[slots];
        var remarks = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var p in market.Participants)
        {
            foreach (var load in p.AssetsOf<InflexibleLoad>())
            {
                for (var t = 0; t < slots; t++)
                {
                    demand[t] += load.DemandKw[t];
                }
            }

            foreach (var other in p.Assets.Where(a => a is not (InflexibleLoad or RenewableGenerator or Battery)))
            {
                remarks.Add($"{other.Kind} assets are not players and add no demand");
            }
        }

        var outside = market.OutsideMarket;
        var a = new double[slots];
        var b = new double[slots];
        for (var t = 0; t < slots; t++)
        {
            a[t] = outside.WholesaleImportEurPerMwh[t];
            b[t] = Math.Max(MinSpreadEurPerMwh, a[t] - outside.WholesaleExportEurPerMwh[t]) / Math.Max(MinDemandKw, demand[t]);
        }

        var players = new List<GamePlayer>();
        var variables = new List<GameVariable>();
        var rows = new List<GameRow>();
        NetworkIndex? index = market.Grid is { } grid && gridModel != "none" ? NetworkIndex.Build(grid) : null;
        foreach (var p in market.Participants.Where(p => p.Assets.Any(x => x is RenewableGenerator or Battery)))
        {
            var bus = index is not null && p.Bus is { } id && index.TryIndexOf(id, out var at) ? at : -1;
            var player = players.Count;
            players.Add(new GamePlayer(p.Id.Value, strategic.Contains(p.Id), bus));
            foreach (var g in p.AssetsOf<RenewableGenerator>())
            {
                for (var t = 0; t < slots; t++)
                {
                    variables.Add(new GameVariable(player, t, 1.0, 0.0, 0.0, 0.0, Math.Max(0.0, g.AvailableKw[t]), $"{g.Id}.output[{t}]"));
                }
            }

            foreach (var s in p.AssetsOf<Battery>())
            {
                AddBattery(s, player, slots, h, variables, rows);
            }
        }

        string? modelName = null;
        if (index is not null)
        {
            var model = FlexSensitivityModels.Choose(gridModel, index);
            modelName = model.Name;
            AddLines(market, index, model.Prepare(index), players, variables, rows);
        }

        return new GameBuild(new CournotGame(h, a, b, players, variables, rows), demand, modelName, [.. remarks]);
    }

    /// <summary>
    /// Charge (e = −1) and discharge (e = +1) per slot and the state of charge soc_t = soc_{t−1} + Δt·(η_c·ch_t − dis_t/η_d)
    /// in [soc_min, soc_max], ending at least at the terminal minimum; degradation costs the discharge and the
    /// terminal value credits the energy left (as marginal costs on ch and dis).
    /// </summary>
    private static void AddBattery(Battery s, int player, int slots, double h, List<GameVariable> variables, List<GameRow> rows)
    {
        var etaC = s.ChargeEfficiency;
        var etaD = s.DischargeEfficiency;
        var value = s.TerminalValue.EurPerMwh;
        var first = variables.Count;
        for (var t = 0; t < slots; t++)
        {
            variables.Add(new GameVariable(player, t, -1.0, -value * etaC, 0.0, 0.0, s.MaxCharge.Kw, $"{s.Id}.charge[{t}]"));
            variables.Add(new GameVariable(player, t, 1.0, s.DegradationCost.EurPerMwh + (value / etaD), 0.0, 0.0, s.MaxDischarge.Kw, $"{s.Id}.discharge[{t}]"));
        }

        // The state of charge as variables of the player with no injection (e = 0) keeps the rows sparse:
        // soc_t − soc_{t−1} − Δt·(η_c·ch_t − dis_t/η_d) = 0 as two inequalities.
        var soc0 = s.InitialSoc.Kwh;
        var socFirst = variables.Count;
        for (var t = 0; t < slots; t++)
        {
            var floor = t == slots - 1 ? Math.Max(s.SocMin.Kwh, s.TerminalSocMin.Kwh) : s.SocMin.Kwh;
            variables.Add(new GameVariable(player, t, 0.0, 0.0, 0.0, Math.Min(floor, s.SocMax.Kwh), s.SocMax.Kwh, $"{s.Id}.soc[{t}]"));
        }

        for (var t = 0; t < slots; t++)
        {
            List<int> vars = [socFirst + t, first + (2 * t), first + (2 * t) + 1];
            List<double> coefficients = [1.0, -h * etaC, h / etaD];
            var rhs = soc0;
            if (t > 0)
            {
                vars.Add(socFirst + t - 1);
                coefficients.Add(-1.0);
                rhs = 0.0;
            }

            rows.Add(new GameRow($"{s.Id}.soc_balance[{t}]", vars, coefficients, rhs, false));
            rows.Add(new GameRow($"{s.Id}.soc_balance_neg[{t}]", vars, [.. coefficients.Select(c => -c)], -rhs, false));
        }
    }

    /// <summary>
    /// A shared row per rated branch, slot and direction that the players can reach: the flow at the loads plus the
    /// players' injections times the model's sensitivities, within the rating (rows in kW: the per-unit row times 1000·S_base).
    /// </summary>
    private static void AddLines(MarketInput market, NetworkIndex index, IFlexLinearisation lin, List<GamePlayer> players, List<GameVariable> variables, List<GameRow> rows)
    {
        var kwPerPu = 1000.0 * index.BaseMva;
        var slots = market.Horizon.Count;
        var sensitivities = players.Select(p => p.Bus >= 0 ? lin.Of(p.Bus, false).BranchP : null).ToArray();
        for (var t = 0; t < slots; t++)
        {
            var p = new double[index.BusCount];
            foreach (var participant in market.Participants)
            {
                if (participant.Bus is { } id && index.TryIndexOf(id, out var bus))
                {
                    p[bus] -= participant.AssetsOf<InflexibleLoad>().Sum(l => l.DemandKw[t]) / kwPerPu;
                }
            }

            var baseFlow = lin.StateAt(p, new double[index.BusCount]).BranchP;
            var slotVars = Enumerable.Range(0, variables.Count).Where(j => variables[j].Slot == t && sensitivities[variables[j].Player] is not null).ToList();
            for (var k = 0; k < index.BranchCount; k++)
            {
                var rating = index.RatingPu[k];
                if (!double.IsFinite(rating))
                {
                    continue;
                }

                var members = new List<int>();
                var coefficients = new List<double>();
                double low = baseFlow[k], high = baseFlow[k];
                foreach (var j in slotVars)
                {
                    var c = sensitivities[variables[j].Player]![k] * variables[j].InjectionCoefficient;
                    if (Math.Abs(c) < 1e-9)
                    {
                        continue;
                    }

                    members.Add(j);
                    coefficients.Add(c);
                    low += Math.Min(c * variables[j].LowerKw, c * variables[j].UpperKw) / kwPerPu;
                    high += Math.Max(c * variables[j].LowerKw, c * variables[j].UpperKw) / kwPerPu;
                }

                if (members.Count == 0)
                {
                    continue;
                }

                if (high > rating)
                {
                    rows.Add(new GameRow($"{index.BranchIds[k]}.forward[{t}]", members, coefficients, (rating - baseFlow[k]) * kwPerPu, true));
                }

                if (low < -rating)
                {
                    rows.Add(new GameRow($"{index.BranchIds[k]}.backward[{t}]", members, [.. coefficients.Select(c => -c)], (rating + baseFlow[k]) * kwPerPu, true));
                }
            }
        }
    }
}
