namespace Lem.Settlement.Tariffs;

/// <summary>
/// A subscribed-capacity tariff: every participant pays for its subscribed kW and a penalty for each kW it withdraws above
/// the subscription in each slot: τ_sub·K̄ + τ_exc·Σ_t max(0, imp_t/Δt − K̄) (docs/settlement.md#invoice-lines).
/// </summary>
public sealed record TariffCapacity
{
    /// <summary>The subscription of participants not listed in <see cref="SubscribedKwByParticipant"/>, kW.</summary>
    public double DefaultSubscribedKw { get; init; }

    /// <summary>Subscriptions of individual participants, kW.</summary>
    public IReadOnlyDictionary<ParticipantId, double> SubscribedKwByParticipant { get; init; } = new Dictionary<ParticipantId, double>();

    /// <summary>The price of the subscription per kW and billing period, EUR/kW.</summary>
    public decimal EurPerKw { get; init; }

    /// <summary>The penalty per kW above the subscription in each slot, EUR/kW.</summary>
    public decimal ExcessEurPerKw { get; init; }

    /// <summary>The subscription of a participant, kW.</summary>
    public double SubscribedKw(ParticipantId participant) =>
        SubscribedKwByParticipant.TryGetValue(participant, out var kw) ? kw : DefaultSubscribedKw;
}
