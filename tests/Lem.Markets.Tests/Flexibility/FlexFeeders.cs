using Lem.Grid.Network;
using Lem.Markets.Flexibility.Domain;
using Lem.Markets.Flexibility.Products;

namespace Lem.Markets.Tests.Flexibility;

/// <summary>Feeders and offers of the worked examples of docs/mechanisms/flexibility.md.</summary>
internal static class FlexFeeders
{
    /// <summary>A radial feeder 0–1–…–n built from parent indices (bus 0 the slack at 1.0 p.u.).</summary>
    public static GridNetwork Radial(double baseMva, int[] parent, double[] rPu, double[] xPu, double?[] ratingMva, double vmMin = 0.9, double vmMax = 1.1)
    {
        var buses = Enumerable.Range(0, parent.Length + 1).Select(i => new Bus
        {
            Id = new BusId(i.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            NominalKv = 0.4,
            Type = i == 0 ? BusType.Slack : BusType.Pq,
            VmMinPu = vmMin,
            VmMaxPu = vmMax,
        }).ToList();
        var lines = parent.Select((p, k) => new Line
        {
            Id = $"L{p}-{k + 1}",
            FromBus = buses[p].Id,
            ToBus = buses[k + 1].Id,
            RPu = rPu[k],
            XPu = xPu[k],
            RatingMva = ratingMva[k],
        }).ToList();
        return new GridNetwork
        {
            Name = "feeder",
            BaseMva = baseMva,
            Buses = buses,
            Lines = lines,
            ExternalGrids = [new ExternalGrid { Id = "grid", Bus = buses[0].Id }],
        };
    }

    public static FlexOffer Offer(string id, int bus, FlexDirection direction, double kw, double price, double kvar = 0, double minActivation = 0) => new()
    {
        Id = id,
        Fsp = new ParticipantId("fsp"),
        Bus = new BusId(bus.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        Product = FlexProducts.Activation,
        Direction = direction,
        PowerKw = kw,
        ReactiveKvar = kvar,
        PriceEurPerMwh = price,
        MinActivationFactor = minActivation,
        Slots = [0],
    };

    public static FlexPrognosis Prognosis(int bus, double kw) =>
        new(new BusId(bus.ToString(System.Globalization.CultureInfo.InvariantCulture)), [kw]);

    /// <summary>Worked example A: baseline loads 60 and 100 kW, ratings 120 and 80 kW, losses negligible.</summary>
    public static (GridNetwork Grid, FlexMarket Market) ExampleA()
    {
        var grid = Radial(1.0, [0, 1], [1e-6, 1e-6], [1e-6, 1e-6], [0.120, 0.080]);
        var market = new FlexMarket
        {
            SlotCount = 1,
            SlotHours = 1,
            Prognoses = [Prognosis(1, -60), Prognosis(2, -100)],
            Offers =
            [
                Offer("A", 2, FlexDirection.Up, 15, 50),
                Offer("B", 2, FlexDirection.Up, 30, 80),
                Offer("C", 1, FlexDirection.Up, 30, 40),
                Offer("E", 1, FlexDirection.Up, 10, 30),
                Offer("G", 0, FlexDirection.Up, 50, 10),
            ],
        };
        return (grid, market);
    }

    /// <summary>Worked example B: 100 kVA base, r = 0.05, x = 0.02 p.u. per line, bus 1 load 10 kW, bus 2 PV 90 kW, |V| ≤ 1.05.</summary>
    public static (GridNetwork Grid, FlexMarket Market) ExampleB()
    {
        var grid = Radial(0.1, [0, 1], [0.05, 0.05], [0.02, 0.02], [null, null], vmMin: 0.95, vmMax: 1.05);
        var market = new FlexMarket
        {
            SlotCount = 1,
            SlotHours = 1,
            Prognoses = [Prognosis(1, -10), Prognosis(2, 90)],
            Offers =
            [
                Offer("inverter", 2, FlexDirection.Down, 0, 8, kvar: 40),
                Offer("battery", 1, FlexDirection.Down, 20, 20),
                Offer("curtail", 2, FlexDirection.Down, 90, 60),
            ],
        };
        return (grid, market);
    }
}
