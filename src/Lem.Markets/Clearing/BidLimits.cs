namespace Lem.Markets.Clearing;

/// <summary>
/// The DSO's bid limits of a market (docs/mechanisms/redispatch.md#bid-limits): per participant and slot a cap on net
/// injection and one on net withdrawal, kW. Participants not listed are not capped. Mechanisms with
/// <see cref="ClearingCapabilities.BidLimits"/> honour them: the pool as constraints on the participant's net injection,
/// the call auctions by trimming the participant's orders (<see cref="BidLimitTrimming"/>).
/// </summary>
/// <param name="ByParticipant">The limits by participant.</param>
public sealed record BidLimits(IReadOnlyDictionary<ParticipantId, BidLimit> ByParticipant)
{
    /// <summary>The cap on <paramref name="participant"/>'s net injection in <paramref name="slot"/>, kW (+∞ when none).</summary>
    public double MaxInjectionKw(ParticipantId participant, int slot) =>
        ByParticipant.TryGetValue(participant, out var limit) && slot < limit.MaxInjectionKw.Count ? limit.MaxInjectionKw[slot] : double.PositiveInfinity;

    /// <summary>The cap on <paramref name="participant"/>'s net withdrawal in <paramref name="slot"/>, kW (+∞ when none).</summary>
    public double MaxWithdrawalKw(ParticipantId participant, int slot) =>
        ByParticipant.TryGetValue(participant, out var limit) && slot < limit.MaxWithdrawalKw.Count ? limit.MaxWithdrawalKw[slot] : double.PositiveInfinity;

    /// <summary>Whether <paramref name="participant"/> has a finite cap in some slot.</summary>
    public bool Caps(ParticipantId participant) => ByParticipant.TryGetValue(participant, out var limit) && limit.Caps;

    /// <summary>Problems of the limits against <paramref name="market"/> (unknown participants, wrong lengths, negative or NaN caps), each with a path.</summary>
    public IReadOnlyList<ValidationError> Validate(MarketInput market)
    {
        ArgumentNullException.ThrowIfNull(market);
        var errors = new List<ValidationError>();
        var known = market.Participants.Select(p => p.Id).ToHashSet();
        foreach (var (participant, limit) in ByParticipant.OrderBy(kv => kv.Key.Value, StringComparer.Ordinal))
        {
            var path = $"bid_limits.{participant}";
            if (!known.Contains(participant))
            {
                errors.Add(new ValidationError(path, ValidationCodes.ValueInvalid, $"Bid limits for '{participant}', who is not a participant."));
            }

            for (var t = 0; t < Math.Min(limit.MaxInjectionKw.Count, limit.MaxWithdrawalKw.Count); t++)
            {
                if (-limit.MaxWithdrawalKw[t] > limit.MaxInjectionKw[t])
                {
                    errors.Add(new ValidationError($"{path}[{t}]", ValidationCodes.BoundsInverted, $"The injection cap {limit.MaxInjectionKw[t]} kW is below minus the withdrawal cap {limit.MaxWithdrawalKw[t]} kW."));
                }
            }

            foreach (var (name, series) in new[] { ("max_injection_kw", limit.MaxInjectionKw), ("max_withdrawal_kw", limit.MaxWithdrawalKw) })
            {
                if (series.Count != market.Horizon.Count)
                {
                    errors.Add(new ValidationError($"{path}.{name}", ValidationCodes.ValueInvalid, $"{series.Count} values for {market.Horizon.Count} slots."));
                }

                for (var t = 0; t < series.Count; t++)
                {
                    if (double.IsNaN(series[t]))
                    {
                        errors.Add(new ValidationError($"{path}.{name}[{t}]", ValidationCodes.ValueInvalid, "The cap is not a number."));
                    }
                }
            }
        }

        return errors;
    }
}
