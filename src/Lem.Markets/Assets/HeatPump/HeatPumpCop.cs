namespace Lem.Markets.Assets;

/// <summary>
/// The coefficient of performance of a heat pump from the outdoor temperature, as a fraction of the Carnot COP
/// (docs/scenario-format.md#heat-pumps): COP = η · T_supply / (T_supply − T_outdoor), temperatures in kelvin, capped at
/// <c>cop_max</c>. Real air-source heat pumps reach about 40–50 % of the Carnot COP (Staffell, Brett, Brandon and
/// Hawkes, "A review of domestic heat pumps", Energy &amp; Environmental Science 5 (2012) 9291–9306).
/// </summary>
public static class HeatPumpCop
{
    /// <summary>0 °C in kelvin.</summary>
    public const double ZeroCelsiusInKelvin = 273.15;

    /// <summary>The default Carnot fraction η.</summary>
    public const double DefaultCarnotFraction = 0.45;

    /// <summary>The default cap on the COP (a small temperature lift would otherwise give an unbounded COP).</summary>
    public const double DefaultCopMax = 7.0;

    /// <summary>
    /// COP = min(copMax, η·(T_s + 273.15)/(T_s − T_o)) for T_s &gt; T_o, else copMax; temperatures in °C.
    /// </summary>
    /// <param name="outdoorC">The outdoor (source) temperature, °C.</param>
    /// <param name="supplyC">The supply (sink) temperature, °C.</param>
    /// <param name="carnotFraction">η in (0, 1].</param>
    /// <param name="copMax">The cap, &gt; 0.</param>
    public static double FromTemperatures(double outdoorC, double supplyC, double carnotFraction, double copMax)
    {
        var lift = supplyC - outdoorC;
        return lift <= 0 ? copMax : Math.Min(copMax, carnotFraction * (supplyC + ZeroCelsiusInKelvin) / lift);
    }
}
