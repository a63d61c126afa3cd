namespace Lem.Markets.Flexibility.Settlement;

/// <summary>The settlement of one order in one slot (a UFTP FlexOrderSettlement ISP line).</summary>
/// <param name="Order">The order.</param>
/// <param name="Delivery">Its baseline, ordered, actual and delivered power and its payments.</param>
public sealed record FlexOrderSettlement(FlexOrder Order, FlexDelivery Delivery);
