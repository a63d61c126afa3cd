using Lem.Markets.Tariffs;

namespace Lem.Settlement.TariffDesign;

/// <summary><c>volumetric</c>: τ EUR per kWh withdrawn in every slot.</summary>
public sealed class VolumetricTariffDesign : ITariffDesignKind
{
    /// <inheritdoc/>
    public string Name => "volumetric";

    /// <inheritdoc/>
    public string LevelUnit => "EUR/kWh";

    /// <inheritdoc/>
    public TariffCost Unit(TariffDesignContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new TariffCost { WithdrawalEurPerMwh = [.. Enumerable.Repeat(1000.0, context.Horizon.Count)], InjectionEurPerMwh = [.. Enumerable.Repeat(0.0, context.Horizon.Count)] };
    }

    /// <inheritdoc/>
    public double ChargeEur(double level, TariffResponse response, TariffDesignContext context)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(context);
        return level * response.WithdrawalKw.Sum() * context.Horizon.SlotHours;
    }
}
