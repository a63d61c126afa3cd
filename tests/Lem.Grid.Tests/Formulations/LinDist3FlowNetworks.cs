using Lem.Grid.Network;

namespace Lem.Grid.Tests.Formulations;

/// <summary>Small hand-built feeders for the LinDist3Flow tests (docs/three-phase.md#lindist3flow-clearing-with-per-phase-prices).</summary>
internal static class LinDist3FlowNetworks
{
    /// <summary>
    /// The §15 worked example of docs/three-phase.md: a 0.4 kV source bus and one line with Z_1 = 0.2 + j0.08 Ω
    /// (Z_0 = 4·Z_1), base 1 MVA (Z_base = 0.16 Ω).
    /// </summary>
    public static GridNetwork WorkedExample() => new()
    {
        Name = "threephase-example",
        BaseMva = 1.0,
        Buses =
        [
            new Bus { Id = new BusId("source"), NominalKv = 0.4, Type = BusType.Slack, VmMinPu = 0, VmMaxPu = 2 },
            new Bus { Id = new BusId("load"), NominalKv = 0.4, VmMinPu = 0, VmMaxPu = 2 },
        ],
        Lines = [new Line { Id = "line", FromBus = new BusId("source"), ToBus = new BusId("load"), RPu = 0.2 / 0.16, XPu = 0.08 / 0.16 }],
    };

    /// <summary>
    /// A small LV feeder behind a Dyn5 transformer (10/0.4 kV, shift 150°): mv –T– lv – 1 – 2, and 1 – 3, base 1 MVA;
    /// optional voltage floor on the LV buses and a rating on line 1–2; a generator "der" at bus 2 (60/MWh, 0–40 kW) and
    /// the external grid at the MV bus (40/MWh); balanced loads at 2 and 3.
    /// </summary>
    public static GridNetwork DynFeeder(double vmMinPu = 0.9, double? ratingMva12 = null, bool withLoads = true)
    {
        static Bus Lv(string id, double vmin) => new() { Id = new BusId(id), NominalKv = 0.4, VmMinPu = vmin, VmMaxPu = 1.1 };
        return new GridNetwork
        {
            Name = "dyn-feeder",
            BaseMva = 1.0,
            Buses =
            [
                new Bus { Id = new BusId("mv"), NominalKv = 10, Type = BusType.Slack, VmMinPu = 0.9, VmMaxPu = 1.1 },
                Lv("lv", vmMinPu), Lv("1", vmMinPu), Lv("2", vmMinPu), Lv("3", vmMinPu),
            ],
            Transformers = [new Transformer { Id = "T", HvBus = new BusId("mv"), LvBus = new BusId("lv"), RPu = 0.02, XPu = 0.06, ShiftDegree = 150 }],
            Lines =
            [
                new Line { Id = "l1", FromBus = new BusId("lv"), ToBus = new BusId("1"), RPu = 0.3, XPu = 0.15 },
                new Line { Id = "12", FromBus = new BusId("1"), ToBus = new BusId("2"), RPu = 0.5, XPu = 0.25, RatingMva = ratingMva12 },
                new Line { Id = "13", FromBus = new BusId("1"), ToBus = new BusId("3"), RPu = 0.4, XPu = 0.2 },
            ],
            Loads = withLoads
                ?
                [
                    new Load { Id = "L2", Bus = new BusId("2"), PMw = 0.03, QMvar = 0.01 },
                    new Load { Id = "L3", Bus = new BusId("3"), PMw = 0.025, QMvar = 0.008 },
                ]
                : [],
            Generators =
            [
                new Generator { Id = "import", Bus = new BusId("mv"), PMinMw = -10, PMaxMw = 10, QMinMvar = -10, QMaxMvar = 10, VmSetpointPu = 1.0 },
                new Generator { Id = "der", Bus = new BusId("2"), PMinMw = 0, PMaxMw = 0.04, QMinMvar = 0, QMaxMvar = 0 },
            ],
            GeneratorCosts =
            [
                new PolynomialCost { GeneratorId = "import", Coefficients = [40, 0] },
                new PolynomialCost { GeneratorId = "der", Coefficients = [60, 0] },
            ],
        };
    }
}
