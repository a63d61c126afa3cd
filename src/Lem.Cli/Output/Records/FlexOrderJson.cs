namespace Lem.Cli.Output.Records;

/// <summary>One order of <c>lem flex</c>'s JSON.</summary>
/// <param name="Offer">The offer's id.</param>
/// <param name="Fsp">The FSP.</param>
/// <param name="Bus">The bus.</param>
/// <param name="Slot">The slot (horizon index).</param>
/// <param name="Direction">up or down.</param>
/// <param name="PowerKw">The ordered active power, kW (<c>kw</c>).</param>
/// <param name="ReactiveKvar">The ordered reactive power, kvar (<c>kvar</c>).</param>
/// <param name="PriceEurPerMwh">The price paid per MWh of the ordered quantity.</param>
public sealed record FlexOrderJson(
    string Offer,
    string Fsp,
    string Bus,
    int Slot,
    string Direction,
    [property: JsonPropertyName("kw")] double PowerKw,
    [property: JsonPropertyName("kvar")] double ReactiveKvar,
    double PriceEurPerMwh);
