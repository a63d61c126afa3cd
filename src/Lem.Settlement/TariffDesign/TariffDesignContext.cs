using Lem.Domain.Time;

namespace Lem.Settlement.TariffDesign;

/// <summary>What the tariff designs need to know about the horizon (docs/games.md#stackelberg-tariff-design).</summary>
/// <param name="Horizon">The billing horizon.</param>
/// <param name="PeakSlots">The slots of the time-of-use peak window.</param>
public sealed record TariffDesignContext(Horizon Horizon, IReadOnlyList<bool> PeakSlots);
