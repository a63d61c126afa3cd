namespace Lem.Server.Engine.Markets.Flexibility;

/// <summary>A congestion point of a flexibility market and the DSO that declared it (and alone posts requests for it).</summary>
/// <param name="CongestionPointId">The congestion point's id.</param>
/// <param name="Dso">The DSO's participant id.</param>
/// <param name="Buses">The grid buses of the area (on a market with a grid), or empty.</param>
internal sealed record FlexAreaRecord(string CongestionPointId, string Dso, IReadOnlyList<string> Buses);
