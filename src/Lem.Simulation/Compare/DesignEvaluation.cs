using Lem.Settlement.Allocation;
using Lem.Simulation.Days;

namespace Lem.Simulation.Compare;

/// <summary>Computes a design's metrics from its simulation (docs/comparison.md#metrics).</summary>
public static class DesignEvaluation
{
    /// <summary>Savings below this (EUR) count a participant as worse off.</summary>
    public const decimal WorseOffToleranceEur = 0.01m;

    /// <summary>The metrics of one design's simulation; <paramref name="poolWelfareEur"/> is the pool's welfare on the same days (null: no gap).</summary>
    public static DesignMetrics Evaluate(string design, IClearingMechanism mechanism, SimulationResult result, decimal? poolWelfareEur)
    {
        ArgumentNullException.ThrowIfNull(mechanism);
        ArgumentNullException.ThrowIfNull(result);
        var bills = new SortedDictionary<string, (decimal Bill, decimal Baseline)>(StringComparer.Ordinal);
        decimal welfare = 0;
        int before = 0, after = 0, rounds = 0;
        double clearing = 0, volume = 0, weighted = 0;
        double? lowSlot = null, highSlot = null;
        long messages = 0, bytes = 0;
        var notes = new List<string>();
        foreach (var day in result.Days)
        {
            welfare += day.WelfareEur;
            before += day.DayAhead.ViolationsBefore;
            after += day.DayAhead.ViolationsAfter;
            rounds += day.DayAhead.Rounds;
            clearing += day.ClearingSeconds;
            var (m, b) = CommunicationCost.Of(day);
            messages += m;
            bytes += b;
            var market = day.DayAheadMarket;
            foreach (var p in day.Participants)
            {
                var baseline = NoMarketBaseline.BillEur(p.DeliveredKw, market.OutsideMarket, market.Horizon.SlotHours);
                var key = p.Participant.Value;
                var (bill0, base0) = bills.TryGetValue(key, out var v) ? v : (0m, 0m);
                bills[key] = (bill0 + p.BillEur, base0 + baseline);
            }

            var final = day.DayAhead.Final;
            if (!final.HasSchedule)
            {
                notes.Add($"day {day.Day}: the {final.Mechanism} clearing ended {final.StatusName}");
            }

            for (var t = 0; t < final.SlotCount; t++)
            {
                double slotVolume = 0, slotWeighted = 0;
                foreach (var pos in final.Positions)
                {
                    if (t < pos.NetInjectionKw.Count && t < pos.PriceEurPerMwh.Count && double.IsFinite(pos.PriceEurPerMwh[t]))
                    {
                        var q = Math.Abs(pos.NetInjectionKw[t]);
                        slotVolume += q;
                        slotWeighted += q * pos.PriceEurPerMwh[t];
                    }
                }

                if (slotVolume > 1e-9)
                {
                    volume += slotVolume;
                    weighted += slotWeighted;
                    var price = slotWeighted / slotVolume;
                    lowSlot = lowSlot is null ? price : Math.Min(lowSlot.Value, price);
                    highSlot = highSlot is null ? price : Math.Max(highSlot.Value, price);
                }
            }
        }

        var outcomes = bills.Where(kv => kv.Value.Bill != 0 || kv.Value.Baseline != 0)
            .Select(kv => new ParticipantOutcome(new ParticipantId(kv.Key), kv.Value.Bill, kv.Value.Baseline)).ToList();
        var savings = outcomes.Select(o => (double)o.SavingsEur).ToList();
        if (FairnessIndex.NegativeValuesCaveat(savings, "savings") is { } caveat)
        {
            notes.Add(caveat);
        }

        return new DesignMetrics
        {
            Design = design,
            Mechanism = mechanism.Name,
            Days = result.Days.Count,
            Participants = outcomes.Count,
            WelfareEur = welfare,
            WelfareGapPercent = poolWelfareEur is { } w && w != 0 ? (double)((w - welfare) / Math.Abs(w)) * 100 : null,
            AveragePriceEurPerMwh = volume > 0 ? weighted / volume : null,
            PriceSpreadEurPerMwh = highSlot - lowSlot,
            TotalBillEur = outcomes.Sum(o => o.BillEur),
            TotalBaselineEur = outcomes.Sum(o => o.BaselineEur),
            MeanSavingsEur = outcomes.Count == 0 ? 0 : Math.Round(outcomes.Sum(o => o.SavingsEur) / outcomes.Count, 4),
            JainIndex = savings.Count == 0 ? double.NaN : FairnessIndex.Jain(savings),
            GiniCoefficient = savings.Count == 0 ? double.NaN : FairnessIndex.Gini(savings),
            WorseOffCount = outcomes.Count(o => o.SavingsEur < -WorseOffToleranceEur),
            ViolationsBefore = before,
            ViolationsAfter = after,
            RedispatchRounds = rounds,
            ClearingSeconds = clearing,
            WallSeconds = result.WallSeconds,
            Messages = messages,
            Bytes = bytes,
            Information = PrivacyTable.Of(mechanism.Capabilities),
            Outcomes = outcomes,
            Notes = notes,
        };
    }
}
