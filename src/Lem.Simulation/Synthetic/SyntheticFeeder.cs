using System.Globalization;
using Lem.Grid.Network;

namespace Lem.Simulation.Synthetic;

/// <summary>
/// The radial LV feeder of a synthetic community (docs/synthetic.md#feeder): a 20 kV slack bus, one MV/LV
/// transformer (4 % short-circuit voltage) onto a 0.4 kV busbar, and radial NAYY 4×150 cable feeders of 30 m segments,
/// two households per cable-distribution bus and at most 24 households per feeder. The transformer is sized at
/// 1.6 kVA per household by default, so that sunny summer middays with many PV roofs congest it.
/// </summary>
public static class SyntheticFeeder
{
    /// <summary>Households connected at each bus.</summary>
    public const int HouseholdsPerBus = 2;

    /// <summary>Households on one feeder at most.</summary>
    public const int HouseholdsPerFeeder = 24;

    /// <summary>The length of one cable segment, km.</summary>
    public const double SegmentKm = 0.03;

    /// <summary>The id of the MV slack bus (the point of common coupling).</summary>
    public static readonly BusId SlackBus = new("0");

    /// <summary>The id of the LV busbar.</summary>
    public static readonly BusId Busbar = new("1");

    /// <summary>Builds the feeder for <paramref name="households"/> households and returns it with each household's bus, in household order.</summary>
    public static (GridNetwork Grid, IReadOnlyList<BusId> HouseholdBuses) Build(int households, double transformerKva, string name)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(households, 1);
        const double baseMva = 1.0;
        const double lvKv = 0.4;
        var buses = new List<Bus>
        {
            new() { Id = SlackBus, Name = "MV", NominalKv = 20, Type = BusType.Slack },
            new() { Id = Busbar, Name = "LV busbar", NominalKv = lvKv },
        };
        var lines = new List<Line>();
        var householdBuses = new List<BusId>(households);
        var feeders = (households + HouseholdsPerFeeder - 1) / HouseholdsPerFeeder;
        var next = 2;
        for (var f = 0; f < feeders; f++)
        {
            var onFeeder = Math.Min(HouseholdsPerFeeder, households - f * HouseholdsPerFeeder);
            var previous = Busbar;
            for (var k = 0; k * HouseholdsPerBus < onFeeder; k++)
            {
                var bus = new BusId((next++).ToString(CultureInfo.InvariantCulture));
                buses.Add(new Bus { Id = bus, Name = $"feeder {f + 1} bus {k + 1}", NominalKv = lvKv });
                lines.Add(LineModel.FromPerKm($"L{bus}", previous, bus, lvKv, baseMva, 50, SegmentKm, 0.208, 0.08, 261, maxCurrentKa: 0.27) with { Name = "NAYY 4x150 SE" });
                for (var h = 0; h < HouseholdsPerBus && k * HouseholdsPerBus + h < onFeeder; h++)
                {
                    householdBuses.Add(bus);
                }

                previous = bus;
            }
        }

        var nameplate = new TransformerNameplate("T1", SlackBus, Busbar, transformerKva / 1000.0, 20, lvKv, 4.0, 1.2);
        var transformer = TransformerModel.FromNameplate(nameplate, 20, lvKv, baseMva) with { Name = $"{transformerKva:0} kVA MV/LV" };
        var grid = new GridNetwork
        {
            Name = name,
            BaseMva = baseMva,
            Buses = buses,
            Lines = lines,
            Transformers = [transformer],
            ExternalGrids = [new ExternalGrid { Id = "grid", Bus = SlackBus }],
        };
        return (grid, householdBuses);
    }
}
