namespace Lem.Markets.Stochastic;

/// <summary>One scenario of the second stage: its probability and the realised renewable availability and load demand.</summary>
/// <param name="Probability">π_s (the probabilities of a scenario set sum to 1).</param>
/// <param name="RenewableMw">Available power per renewable (problem order) and slot, MW.</param>
/// <param name="LoadMw">Demand per inflexible load (problem order) and slot, MW.</param>
public sealed record StochasticScenario(double Probability, IReadOnlyList<IReadOnlyList<double>> RenewableMw, IReadOnlyList<IReadOnlyList<double>> LoadMw);
