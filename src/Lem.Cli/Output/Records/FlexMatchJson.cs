namespace Lem.Cli.Output.Records;

/// <summary>One match of continuous flexibility trading (docs/mechanisms/flexibility.md#continuous-trading).</summary>
/// <param name="Sequence">Its running number.</param>
/// <param name="Request">The request matched.</param>
/// <param name="Offer">The offer matched.</param>
/// <param name="Slot">The slot.</param>
/// <param name="Direction">up or down.</param>
/// <param name="Outcome">accepted, reduced or refused.</param>
/// <param name="WantedKw">The volume wanted (kW).</param>
/// <param name="OrderedKw">The volume ordered (kW).</param>
/// <param name="PriceEurPerMwh">The offer's price.</param>
/// <param name="CostEur">The payment (EUR).</param>
/// <param name="ViolationKind">For a reduced or refused match: overload, overvoltage, undervoltage or no-relief.</param>
/// <param name="ViolatedElement">The branch or bus that the wanted volume would violate (the congestion point for no-relief).</param>
public sealed record FlexMatchJson(
    int Sequence,
    string Request,
    string Offer,
    int Slot,
    string Direction,
    string Outcome,
    double WantedKw,
    double OrderedKw,
    double PriceEurPerMwh,
    decimal CostEur,
    string? ViolationKind,
    string? ViolatedElement);
