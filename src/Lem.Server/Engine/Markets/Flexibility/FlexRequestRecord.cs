namespace Lem.Server.Engine.Markets.Flexibility;

/// <summary>A DSO's request for flexibility at a congestion point in one slot.</summary>
/// <param name="RequestId">The DSO's id for it.</param>
/// <param name="Dso">The DSO's participant id.</param>
/// <param name="CongestionPointId">The congestion point.</param>
/// <param name="Slot">The slot.</param>
/// <param name="Direction">up (more injection or less consumption) or down.</param>
/// <param name="Kw">The requested power in kW.</param>
internal sealed record FlexRequestRecord(string RequestId, string Dso, string CongestionPointId, int Slot, string Direction, decimal Kw);
