namespace Lem.Settlement.TariffDesign;

/// <summary>Every requested design at its cost-recovering level and the one the DSO's objective picks.</summary>
/// <param name="Outcomes">One outcome per requested design, in request order.</param>
/// <param name="Recommended">The design with the lowest objective among those within the fairness limit, or null when none is.</param>
/// <param name="Objective">peak or cost.</param>
public sealed record TariffDesignResult(IReadOnlyList<TariffDesignOutcome> Outcomes, string? Recommended, string Objective);
