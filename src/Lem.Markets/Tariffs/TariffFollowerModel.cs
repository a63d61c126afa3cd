namespace Lem.Markets.Tariffs;

/// <summary>
/// A follower's LP with the tariff level left open (docs/games.md#mpec): minimise <see cref="BaseObjective"/> +
/// τ·<see cref="TariffPerUnit"/> over <see cref="Model"/>'s constraints (EUR; the model's own objective is unset).
/// </summary>
/// <param name="Model">The variables and constraints.</param>
/// <param name="BaseObjective">The energy and asset costs, EUR.</param>
/// <param name="TariffPerUnit">The tariff charge at level 1, EUR.</param>
/// <param name="NetInjectionMw">The net injection expression per slot, MW.</param>
public sealed record TariffFollowerModel(OptimizationModel Model, LinearExpression BaseObjective, LinearExpression TariffPerUnit, IReadOnlyList<LinearExpression> NetInjectionMw);
