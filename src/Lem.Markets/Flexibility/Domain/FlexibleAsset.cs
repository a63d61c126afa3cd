namespace Lem.Markets.Flexibility.Domain;

/// <summary>
/// A flexible asset as the asset registry knows it: where it is connected and who offers its flexibility.
/// </summary>
/// <param name="Id">The asset.</param>
/// <param name="Fsp">The FSP that controls and offers it.</param>
/// <param name="Bus">The grid bus of its connection.</param>
/// <param name="Connection">The connection (metering point, EAN) it sits behind.</param>
/// <param name="CongestionPoint">The congestion point of the connection, or null when it lies in none.</param>
public sealed record FlexibleAsset(AssetId Id, ParticipantId Fsp, BusId Bus, string Connection, string? CongestionPoint);
