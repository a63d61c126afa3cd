namespace Lem.Markets.Flexibility.Clearing;

/// <summary>An offer that can be ordered in the slot being cleared, with its bus and its change of injection at full activation (MW, Mvar).</summary>
internal sealed record FlexCandidate(FlexOffer Offer, int Bus, double DeltaPMw, double DeltaQMvar, double CostEurPerActivation);
