namespace Lem.Markets.Auctions;

/// <summary>The efficient allocation of one slot: accepted kWh per step (in merit order), volume and price interval.</summary>
internal sealed record EfficientAllocation(double[] BidAcceptedKwh, double[] AskAcceptedKwh, double VolumeKwh, double PriceLowEurPerMwh, double PriceHighEurPerMwh);
