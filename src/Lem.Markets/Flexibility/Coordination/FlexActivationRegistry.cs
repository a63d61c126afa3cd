namespace Lem.Markets.Flexibility.Coordination;

/// <summary>
/// The activation registry of TSO–DSO coordination (docs/mechanisms/flexibility.md#tso-dso-coordination): every order of
/// every buyer books its volume here per (offer, slot, direction), and no booking can take more than the offer's volume
/// minus what is booked already, so no offer's volume is ordered twice.
/// </summary>
public sealed class FlexActivationRegistry
{
    private readonly object _gate = new();
    private readonly Dictionary<(string Offer, int Slot, FlexDirection Direction), double> _booked = [];
    private readonly List<FlexActivation> _activations = [];

    /// <summary>Every booking in order.</summary>
    public IReadOnlyList<FlexActivation> Activations
    {
        get
        {
            lock (_gate)
            {
                return [.. _activations];
            }
        }
    }

    /// <summary>The volume of an offer booked in a slot (kW).</summary>
    public double BookedKw(FlexOffer offer, int slot)
    {
        ArgumentNullException.ThrowIfNull(offer);
        lock (_gate)
        {
            return _booked.GetValueOrDefault((offer.Id, slot, offer.Direction));
        }
    }

    /// <summary>The volume of an offer still free in a slot (kW, 0 when the offer does not cover the slot).</summary>
    public double RemainingKw(FlexOffer offer, int slot)
    {
        ArgumentNullException.ThrowIfNull(offer);
        return offer.Slots.Contains(slot) ? Math.Max(0, offer.QuantityKw - BookedKw(offer, slot)) : 0;
    }

    /// <summary>Books up to <paramref name="kw"/> of an offer for a buyer; returns the volume booked (at most what is free).</summary>
    public double Book(FlexOffer offer, int slot, double kw, string buyer)
    {
        ArgumentNullException.ThrowIfNull(offer);
        lock (_gate)
        {
            var free = offer.Slots.Contains(slot) ? Math.Max(0, offer.QuantityKw - _booked.GetValueOrDefault((offer.Id, slot, offer.Direction))) : 0;
            var booked = Math.Min(Math.Max(0, kw), free);
            if (booked <= 0)
            {
                return 0;
            }

            _booked[(offer.Id, slot, offer.Direction)] = _booked.GetValueOrDefault((offer.Id, slot, offer.Direction)) + booked;
            _activations.Add(new FlexActivation(offer.Id, slot, offer.Direction, booked, buyer));
            return booked;
        }
    }
}
