using Lem.Markets.Tariffs;

namespace Lem.Settlement.TariffDesign;

/// <summary><c>net-metering</c>: τ EUR per kWh of net withdrawal max(0, Σ_t (withdrawal − injection)·Δt) over the billing horizon.</summary>
public sealed class NetMeteringTariffDesign : ITariffDesignKind
{
    /// <inheritdoc/>
    public string Name => "net-metering";

    /// <inheritdoc/>
    public string LevelUnit => "EUR/kWh";

    /// <inheritdoc/>
    public TariffCost Unit(TariffDesignContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var n = context.Horizon.Count;
        return new TariffCost
        {
            WithdrawalEurPerMwh = [.. Enumerable.Repeat(0.0, n)],
            InjectionEurPerMwh = [.. Enumerable.Repeat(0.0, n)],
            NetBands = [new TariffNetBand([.. Enumerable.Range(0, n)], 1000.0)],
        };
    }

    /// <inheritdoc/>
    public double ChargeEur(double level, TariffResponse response, TariffDesignContext context)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(context);
        return level * Math.Max(0.0, (response.WithdrawalKw.Sum() - response.InjectionKw.Sum()) * context.Horizon.SlotHours);
    }
}
