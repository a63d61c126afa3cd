using Lem.Markets.Flexibility.Products;

namespace Lem.Markets.Flexibility.Domain;

/// <summary>
/// An FSP's offer of flexibility at one bus (docs/mechanisms/flexibility.md#offers): in each slot it covers, the DSO may
/// order any activation factor a ∈ {0} ∪ [<see cref="MinActivationFactor"/>, 1], which changes the net injection by
/// sign(direction)·a·<see cref="PowerKw"/> kW and sign(direction)·a·<see cref="ReactiveKvar"/> kvar.
/// </summary>
public sealed record FlexOffer
{
    /// <summary>The offer's identifier (unique in the market).</summary>
    public required string Id { get; init; }

    /// <summary>The FSP making the offer.</summary>
    public required ParticipantId Fsp { get; init; }

    /// <summary>The registered asset offered, or null for an offer made directly at a bus.</summary>
    public AssetId? Asset { get; init; }

    /// <summary>The grid bus where the injection changes.</summary>
    public required BusId Bus { get; init; }

    /// <summary>
    /// The phases the change is connected to (docs/three-phase.md#flexibility-on-three-phases): abc (a third on each,
    /// the default), one phase, or a phase pair; only a per-phase sensitivity model (lindist3flow) tells them apart.
    /// </summary>
    public Lem.Grid.ThreePhase.PhaseConnection Phase { get; init; } = Lem.Grid.ThreePhase.PhaseConnection.Abc;

    /// <summary>The product (activation, availability, capacity limitation).</summary>
    public required IFlexProduct Product { get; init; }

    /// <summary>Up (more injection) or down.</summary>
    public required FlexDirection Direction { get; init; }

    /// <summary>The active power at full activation (kW, ≥ 0).</summary>
    public double PowerKw { get; init; }

    /// <summary>The reactive power at full activation (kvar, ≥ 0).</summary>
    public double ReactiveKvar { get; init; }

    /// <summary>The activation (utilisation) price in EUR/MWh of the offered quantity (EUR/Mvarh for a purely reactive offer).</summary>
    public required double PriceEurPerMwh { get; init; }

    /// <summary>The availability (reservation) price in EUR per MW per hour, for products that have one; 0 otherwise.</summary>
    public double AvailabilityEurPerMwPerHour { get; init; }

    /// <summary>The smallest activation factor the FSP accepts when ordered (0: any part; 1: all or nothing).</summary>
    public double MinActivationFactor { get; init; }

    /// <summary>The slots (horizon indices) the offer covers.</summary>
    public required IReadOnlyList<int> Slots { get; init; }

    /// <summary>When the offer expires (it cannot be ordered after this), or null when it is valid until gate closure.</summary>
    public DateTimeOffset? ValidUntil { get; init; }

    /// <summary>The offered quantity: the active power, or the reactive power for a purely reactive offer (kW or kvar).</summary>
    public double QuantityKw => PowerKw > 0 ? PowerKw : ReactiveKvar;
}
