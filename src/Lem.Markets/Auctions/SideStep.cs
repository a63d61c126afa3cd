namespace Lem.Markets.Auctions;

/// <summary>One step of one order on one side of a slot, with its order's tie rank (lower first).</summary>
internal readonly record struct SideStep(AuctionOrder Order, int StepIndex, double PriceEurPerMwh, double QuantityKwh, int Rank);
