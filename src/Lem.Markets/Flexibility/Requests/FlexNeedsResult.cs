namespace Lem.Markets.Flexibility.Requests;

/// <summary>The DSO's needs found in the AC power flow of a baseline (docs/mechanisms/flexibility.md#the-dsos-needs).</summary>
/// <param name="Requests">One request per congestion point, slot and direction: a power band (requested, available).</param>
/// <param name="Notes">Violations no congestion point can relieve, and why.</param>
public sealed record FlexNeedsResult(IReadOnlyList<FlexRequest> Requests, IReadOnlyList<string> Notes);
