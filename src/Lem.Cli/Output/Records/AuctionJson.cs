namespace Lem.Cli.Output.Records;

/// <summary><c>lem auction --format json</c>.</summary>
/// <param name="Mechanism">The auction's name.</param>
/// <param name="Parameters">Its parameters.</param>
/// <param name="Rules">Its rules, in words.</param>
/// <param name="ClearingPrice">The prices per slot.</param>
/// <param name="Trades">The trades.</param>
/// <param name="WelfareEur">Welfare, EUR (<c>welfare</c>).</param>
/// <param name="SurplusEur">The operator's surplus, EUR (<c>surplus</c>).</param>
/// <param name="TradedVolumeKwh">The traded volume, kWh, rounded to 1e-9.</param>
/// <param name="Slots">The slots.</param>
/// <param name="Warnings">Warnings about the book.</param>
/// <param name="Units">The units, in words.</param>
public sealed record AuctionJson(
    string Mechanism,
    AuctionParametersJson Parameters,
    IReadOnlyList<string> Rules,
    IReadOnlyList<AuctionPriceJson> ClearingPrice,
    IReadOnlyList<AuctionTradeJson> Trades,
    [property: JsonPropertyName("welfare")] decimal WelfareEur,
    [property: JsonPropertyName("surplus")] decimal SurplusEur,
    double TradedVolumeKwh,
    IReadOnlyList<AuctionSlotJson> Slots,
    IReadOnlyList<string> Warnings,
    string Units);
