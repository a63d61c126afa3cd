namespace Lem.Markets.Flexibility.Continuous;

/// <summary>
/// One match of an offer against a request in continuous trading or a TSO–DSO order (docs/mechanisms/flexibility.md#continuous-trading):
/// what was wanted, what the grid check let through, and for a reduced or refused match the limit that the wanted
/// volume would violate.
/// </summary>
/// <param name="Sequence">The running number of the event (1, 2, …).</param>
/// <param name="Buyer">Who orders: <c>dso</c> or <c>tso</c>.</param>
/// <param name="RequestId">The request matched.</param>
/// <param name="OfferId">The offer matched.</param>
/// <param name="Slot">The slot.</param>
/// <param name="Direction">The direction.</param>
/// <param name="Outcome">Accepted, reduced or refused.</param>
/// <param name="WantedKw">The volume the match wanted: the least of the offer's and the request's open volumes (kW).</param>
/// <param name="OrderedKw">The volume ordered (kW, 0 when refused).</param>
/// <param name="ActivationFactor">The ordered share of the offer.</param>
/// <param name="PriceEurPerMwh">The offer's price (pay-as-bid).</param>
/// <param name="CostEur">The payment, pay-as-bid: ordered kW × slot hours / 1000 × price (EUR); for a <c>dso-pair</c> leg the energy value at the leg's price, the grid operator paying only the pairing's spread.</param>
/// <param name="ViolationKind">For a reduced or refused match: <c>overload</c>, <c>overvoltage</c>, <c>undervoltage</c> or <c>no-relief</c>; otherwise null.</param>
/// <param name="ViolatedElement">The branch or bus of <paramref name="ViolationKind"/>, or null.</param>
public sealed record FlexMatchEvent(
    int Sequence,
    string Buyer,
    string RequestId,
    string OfferId,
    int Slot,
    FlexDirection Direction,
    FlexMatchOutcome Outcome,
    double WantedKw, double OrderedKw, double ActivationFactor,
    double PriceEurPerMwh, decimal CostEur,
    string? ViolationKind, string? ViolatedElement);
