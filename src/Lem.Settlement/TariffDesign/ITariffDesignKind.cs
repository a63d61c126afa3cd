using Lem.Markets.Tariffs;

namespace Lem.Settlement.TariffDesign;

/// <summary>A one-parameter grid tariff the DSO can set, registered in <see cref="TariffDesignKinds"/> (docs/games.md#stackelberg-tariff-design).</summary>
public interface ITariffDesignKind
{
    /// <summary>The name as the CLI spells it.</summary>
    string Name { get; }

    /// <summary>The unit of the level (EUR/kWh, EUR/kW).</summary>
    string LevelUnit { get; }

    /// <summary>The charge at level 1 as the followers' LPs see it.</summary>
    TariffCost Unit(TariffDesignContext context);

    /// <summary>The charge a participant pays at <paramref name="level"/> for its response, EUR (the bill, computed from the metered withdrawal and injection).</summary>
    double ChargeEur(double level, TariffResponse response, TariffDesignContext context);
}
