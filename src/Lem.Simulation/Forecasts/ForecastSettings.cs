namespace Lem.Simulation.Forecasts;

/// <summary>The settings a forecaster is made with: its error level (relative, e.g. 0.1 for 10 %) and the seed.</summary>
/// <param name="ErrorLevel">The relative error level (the noisy forecaster's standard deviation as a share of the series' scale).</param>
/// <param name="Seed">The seed; equal seeds give equal forecasts.</param>
public sealed record ForecastSettings(double ErrorLevel, ulong Seed);
