using Lem.Markets.Tariffs;

namespace Lem.Settlement.TariffDesign;

/// <summary><c>tou</c>: τ EUR per kWh withdrawn in the peak window (<see cref="TariffDesignContext.PeakSlots"/>), nothing outside it.</summary>
public sealed class TouTariffDesign : ITariffDesignKind
{
    /// <inheritdoc/>
    public string Name => "tou";

    /// <inheritdoc/>
    public string LevelUnit => "EUR/kWh";

    /// <inheritdoc/>
    public TariffCost Unit(TariffDesignContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new TariffCost { WithdrawalEurPerMwh = [.. context.PeakSlots.Select(p => p ? 1000.0 : 0.0)], InjectionEurPerMwh = [.. Enumerable.Repeat(0.0, context.Horizon.Count)] };
    }

    /// <inheritdoc/>
    public double ChargeEur(double level, TariffResponse response, TariffDesignContext context)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(context);
        return level * Enumerable.Range(0, response.WithdrawalKw.Count).Where(t => context.PeakSlots[t]).Sum(t => response.WithdrawalKw[t]) * context.Horizon.SlotHours;
    }
}
