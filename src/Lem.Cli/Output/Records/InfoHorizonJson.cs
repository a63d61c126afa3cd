namespace Lem.Cli.Output.Records;

/// <summary>The <c>horizon</c> of <c>lem info</c>'s JSON.</summary>
/// <param name="TimeZone">The IANA time zone.</param>
/// <param name="Start">The start instant (UTC, ISO 8601).</param>
/// <param name="End">The end instant (UTC, ISO 8601).</param>
/// <param name="SlotMinutes">The slot length, minutes.</param>
/// <param name="Slots">Slots.</param>
public sealed record InfoHorizonJson(string TimeZone, string Start, string End, int SlotMinutes, int Slots);
