using System.Globalization;
using Lem.Markets.Assets;
using Lem.Pipeline;

namespace Lem.Scenarios.Reading;

/// <summary>
/// Warnings for values that are valid but implausible where they are (docs/scenario-format.md#plausibility-warnings):
/// an asset of a participant on a low-voltage bus (nominal voltage at most <see cref="LowVoltageMaxKv"/>) whose
/// headline size, as its kind reports it (<see cref="AssetKind.Magnitudes"/>), is above the usual maximum there — most
/// often a value in W entered as kW. Warnings do not make the scenario invalid.
/// </summary>
internal static class PlausibilityCheck
{
    /// <summary>The highest nominal voltage of a low-voltage bus, kV.</summary>
    public const double LowVoltageMaxKv = 1.0;

    /// <summary>
    /// Checks a scenario that was read without problems, so that its participants and their assets are in file order
    /// and their indices are those of the JSON arrays.
    /// </summary>
    public static void Run(Scenario scenario, Diagnostics diagnostics)
    {
        if (scenario.Grid is null)
        {
            return;
        }

        var nominalKv = scenario.Grid.Buses.ToDictionary(b => b.Id.Value, b => b.NominalKv, StringComparer.Ordinal);
        for (var i = 0; i < scenario.Participants.Count; i++)
        {
            var p = scenario.Participants[i];
            if (p.Bus is not { } bus || !nominalKv.TryGetValue(bus.Value, out var kv) || kv > LowVoltageMaxKv)
            {
                continue;
            }

            for (var j = 0; j < p.Assets.Count; j++)
            {
                var asset = p.Assets[j];
                foreach (var m in AssetKinds.Of(asset).Magnitudes(asset))
                {
                    if (m.Value > m.LowVoltageMax)
                    {
                        var path = JsonPaths.Property(JsonPaths.Index(JsonPaths.Property(JsonPaths.Index("$.participants", i), "assets"), j), m.Field);
                        var smaller = m.Unit.StartsWith('k') ? m.Unit[1..] : m.Unit;
                        diagnostics.Warning(path, ValidationCodes.ValueImplausible, string.Create(
                            CultureInfo.InvariantCulture,
                            $"{m.Value:0.###} {m.Unit} for {asset.Kind} '{asset.Id}' on the {kv:0.###} kV bus '{bus}'; {m.Typical} on a low-voltage bus is rarely above {m.LowVoltageMax:0.###} {m.Unit}: is the value in {smaller}?"));
                    }
                }
            }
        }
    }
}
