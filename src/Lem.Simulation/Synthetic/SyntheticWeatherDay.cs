namespace Lem.Simulation.Synthetic;

/// <summary>One day's weather of a synthetic community (docs/synthetic.md#weather).</summary>
/// <param name="Clearness">The day's mean clear-sky index in [0.15, 1] (1: cloudless).</param>
/// <param name="MeanTemperatureC">The day's mean outdoor temperature, °C.</param>
public sealed record SyntheticWeatherDay(double Clearness, double MeanTemperatureC);
