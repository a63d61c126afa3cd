namespace Lem.Markets.Tariffs;

/// <summary>
/// The per-meter charges of one participant that a tariff-aware clearing adds to its cost (docs/settlement.md#tariff-aware-clearing):
/// charges on its withdrawal w_t = max(0, −e_t) and injection x_t = max(0, e_t) in every slot, on its net withdrawal per
/// net-metered rate band, on its withdrawal above a subscription in every slot and on its peak withdrawal over the
/// horizon (the billing period). e_t is the participant's net injection (all its assets and orders). Lem.Markets does
/// not know the settlement: the settlement's tariffs are converted into this description one layer up.
/// </summary>
public sealed record TariffCost
{
    /// <summary>The charge per MWh withdrawn in each slot, EUR/MWh (≥ 0).</summary>
    public required IReadOnlyList<double> WithdrawalEurPerMwh { get; init; }

    /// <summary>The charge per MWh injected in each slot, EUR/MWh (≥ 0).</summary>
    public required IReadOnlyList<double> InjectionEurPerMwh { get; init; }

    /// <summary>Charges on the net withdrawal max(0, Σ_{t∈band} −e_t) of groups of slots (net metering per rate band).</summary>
    public IReadOnlyList<TariffNetBand> NetBands { get; init; } = [];

    /// <summary>The penalty per kW of withdrawal above <see cref="SubscribedKw"/> in each slot, EUR/kW (0 for none).</summary>
    public double ExcessEurPerKw { get; init; }

    /// <summary>The subscribed capacity the excess penalty starts at, kW.</summary>
    public double SubscribedKw { get; init; }

    /// <summary>The charge on the highest withdrawal over the horizon, EUR/kW (0 for none).</summary>
    public double PeakEurPerKw { get; init; }

    /// <summary>Whether a charge couples slots or needs more than one kink per slot (net bands, capacity excess, peak).</summary>
    public bool CouplesSlots => NetBands.Count > 0 || ExcessEurPerKw > 0 || PeakEurPerKw > 0;

    /// <summary>Whether any charge is non-zero.</summary>
    public bool IsZero => !CouplesSlots && WithdrawalEurPerMwh.All(r => r == 0) && InjectionEurPerMwh.All(r => r == 0);
}
