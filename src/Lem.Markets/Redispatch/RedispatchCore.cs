namespace Lem.Markets.Redispatch;

/// <summary>What the redispatch strategies share (docs/mechanisms/redispatch.md): clearing under bid limits, the AC check, the participants' positions and unavoidable demand.</summary>
internal static class RedispatchCore
{
    /// <summary>
    /// Clears <paramref name="request"/> with <paramref name="limits"/>: as bid limits when the mechanism honours them,
    /// otherwise by trimming the capped participants' orders (their assets stay uncapped, with a warning).
    /// </summary>
    public static ClearingResult Clear(IClearingMechanism mechanism, ClearingRequest request, BidLimits? limits, List<string> warnings)
    {
        var market = request.Market with { BidLimits = limits };
        if (limits is not null && !mechanism.Capabilities.BidLimits)
        {
            var assets = market.Participants.Where(p => limits.Caps(p.Id) && p.Assets.Count > 0).Select(p => p.Id.Value).Order(StringComparer.Ordinal).ToList();
            if (assets.Count > 0)
            {
                var warning = $"The {mechanism.Name} mechanism does not honour bid limits: the orders of capped participants were trimmed, their assets ({string.Join(", ", assets)}) were not capped.";
                if (!warnings.Contains(warning))
                {
                    warnings.Add(warning);
                }
            }

            market = BidLimitTrimming.Apply(market);
        }

        return mechanism.Clear(request with { Market = market });
    }

    /// <summary>The first clearing (with the market's own bid limits), its AC check, its violation count and the history that starts with it.</summary>
    public static (ClearingResult Initial, AcCheckResult? Check, int Violations, List<RedispatchRound> History) First(IClearingMechanism mechanism, ClearingRequest request, RedispatchOptions options, List<string> warnings)
    {
        ArgumentNullException.ThrowIfNull(mechanism);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(options);
        var market = request.Market;
        var initial = Clear(mechanism, request, market.BidLimits, warnings);
        var check = initial.HasSchedule ? GridCheck.Run(market, initial, request.Options.Progress) : null;
        return (initial, check, GridCheck.ViolationCount(check), [Round(0, initial, check, market.BidLimits)]);
    }

    /// <summary>The clearing's net injection per participant of the market and slot, kW (zero for a participant without a position).</summary>
    public static Dictionary<ParticipantId, double[]> Positions(MarketInput market, ClearingResult clearing)
    {
        var slots = market.Horizon.Count;
        var result = market.Participants.ToDictionary(p => p.Id, _ => new double[slots]);
        foreach (var position in clearing.Positions)
        {
            if (result.TryGetValue(position.Participant, out var row))
            {
                for (var t = 0; t < slots && t < position.NetInjectionKw.Count; t++)
                {
                    row[t] = position.NetInjectionKw[t];
                }
            }
        }

        return result;
    }

    /// <summary>
    /// Per participant and slot the demand its assets must serve and the most its assets can supply, kW (the
    /// import-limit check's figures): a withdrawal cap below demand − supply cannot be met.
    /// </summary>
    public static (Dictionary<ParticipantId, double[]> DemandKw, Dictionary<ParticipantId, double[]> SupplyKw) Demand(MarketInput market)
    {
        var demand = new Dictionary<ParticipantId, double[]>();
        var supply = new Dictionary<ParticipantId, double[]>();
        foreach (var p in market.Participants)
        {
            var check = new ImportCheck(market.Horizon.Count);
            foreach (var asset in p.Assets)
            {
                AssetKinds.Of(asset).AddToImportCheck(asset, p.Id, market.Horizon, check);
            }

            demand[p.Id] = check.DemandKw;
            supply[p.Id] = check.SupplyKw;
        }

        return (demand, supply);
    }

    /// <summary>The caps as bid limits (participants without a finite cap left out), or null when nobody is capped.</summary>
    public static BidLimits? ToLimits(IReadOnlyDictionary<ParticipantId, (double[] Injection, double[] Withdrawal)> caps)
    {
        var limits = caps
            .Where(kv => kv.Value.Injection.Any(double.IsFinite) || kv.Value.Withdrawal.Any(double.IsFinite))
            .ToDictionary(kv => kv.Key, kv => new BidLimit([.. kv.Value.Injection], [.. kv.Value.Withdrawal]));
        return limits.Count == 0 ? null : new BidLimits(limits);
    }

    /// <summary>Caps per participant and slot to start from: the market's own bid limits, +∞ elsewhere.</summary>
    public static Dictionary<ParticipantId, (double[] Injection, double[] Withdrawal)> StartCaps(MarketInput market)
    {
        var slots = market.Horizon.Count;
        var caps = new Dictionary<ParticipantId, (double[] Injection, double[] Withdrawal)>();
        foreach (var p in market.Participants)
        {
            var injection = new double[slots];
            var withdrawal = new double[slots];
            for (var t = 0; t < slots; t++)
            {
                injection[t] = market.BidLimits?.MaxInjectionKw(p.Id, t) ?? double.PositiveInfinity;
                withdrawal[t] = market.BidLimits?.MaxWithdrawalKw(p.Id, t) ?? double.PositiveInfinity;
            }

            caps[p.Id] = (injection, withdrawal);
        }

        return caps;
    }

    /// <summary>The record of one round.</summary>
    public static RedispatchRound Round(int round, ClearingResult clearing, AcCheckResult? check, BidLimits? limits) =>
        new(round, GridCheck.ViolationCount(check), clearing.WelfareEur, limits?.ByParticipant.Count(kv => kv.Value.Caps) ?? 0, check?.MaxLoadingPercent ?? 0);
}
