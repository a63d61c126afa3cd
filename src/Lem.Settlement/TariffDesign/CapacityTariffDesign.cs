using Lem.Markets.Tariffs;

namespace Lem.Settlement.TariffDesign;

/// <summary><c>capacity</c>: τ EUR per kW of the participant's highest withdrawal over the billing horizon (measured peak).</summary>
public sealed class CapacityTariffDesign : ITariffDesignKind
{
    /// <inheritdoc/>
    public string Name => "capacity";

    /// <inheritdoc/>
    public string LevelUnit => "EUR/kW";

    /// <inheritdoc/>
    public TariffCost Unit(TariffDesignContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var n = context.Horizon.Count;
        return new TariffCost { WithdrawalEurPerMwh = [.. Enumerable.Repeat(0.0, n)], InjectionEurPerMwh = [.. Enumerable.Repeat(0.0, n)], PeakEurPerKw = 1.0 };
    }

    /// <inheritdoc/>
    public double ChargeEur(double level, TariffResponse response, TariffDesignContext context)
    {
        ArgumentNullException.ThrowIfNull(response);
        return level * (response.WithdrawalKw.Count == 0 ? 0.0 : response.WithdrawalKw.Max());
    }
}
