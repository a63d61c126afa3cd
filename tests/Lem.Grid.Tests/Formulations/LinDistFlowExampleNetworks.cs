using Lem.Grid.Network;

namespace Lem.Grid.Tests.Formulations;

/// <summary>The small networks of the worked examples in docs/formulations.md (DC, LinDistFlow, SOC), built by hand.</summary>
internal static class LinDistFlowExampleNetworks
{
    /// <summary>
    /// The LinDistFlow example feeder 0–1–2 (base 1 MVA, r01 = 0.01, x01 = 0.02, r12 = 0.02, x12 = 0.04, loads 0.8 + j0.3 and 1.2 + j0.4),
    /// the substation import at bus 0 bought at 40/MWh, optionally a DER at bus 2 at 60/MWh with p ∈ [0, 1] and q = 0.
    /// </summary>
    public static GridNetwork Feeder(double vmMinPu, double? ratingMva01 = null, bool withDer = true, double importPrice = 40)
    {
        var generators = new List<Generator>
        {
            new() { Id = "import", Bus = new BusId("0"), PMinMw = -10, PMaxMw = 10, QMinMvar = -10, QMaxMvar = 10, VmSetpointPu = 1.0 },
        };
        var costs = new List<GeneratorCost> { new PolynomialCost { GeneratorId = "import", Coefficients = [importPrice, 0] } };
        if (withDer)
        {
            generators.Add(new Generator { Id = "der", Bus = new BusId("2"), PMinMw = 0, PMaxMw = 1, QMinMvar = 0, QMaxMvar = 0 });
            costs.Add(new PolynomialCost { GeneratorId = "der", Coefficients = [60, 0] });
        }

        return new GridNetwork
        {
            Name = "feeder3",
            BaseMva = 1.0,
            Buses =
            [
                new Bus { Id = new BusId("0"), NominalKv = 1.0, Type = BusType.Slack, VmMinPu = 0.9, VmMaxPu = 1.1 },
                new Bus { Id = new BusId("1"), NominalKv = 1.0, VmMinPu = vmMinPu, VmMaxPu = 1.1 },
                new Bus { Id = new BusId("2"), NominalKv = 1.0, VmMinPu = vmMinPu, VmMaxPu = 1.1 },
            ],
            Lines =
            [
                new Line { Id = "01", FromBus = new BusId("0"), ToBus = new BusId("1"), RPu = 0.01, XPu = 0.02, RatingMva = ratingMva01 },
                new Line { Id = "12", FromBus = new BusId("1"), ToBus = new BusId("2"), RPu = 0.02, XPu = 0.04 },
            ],
            Loads =
            [
                new Load { Id = "1", Bus = new BusId("1"), PMw = 0.8, QMvar = 0.3 },
                new Load { Id = "2", Bus = new BusId("2"), PMw = 1.2, QMvar = 0.4 },
            ],
            Generators = generators,
            GeneratorCosts = costs,
        };
    }

    /// <summary>
    /// The DC example meshed 3-bus grid (lines 1–2, 1–3, 2–3 with x = 0.1 p.u., base 100 MVA; line 1–3 rated 80 MW), G1 at bus 1
    /// (10/MWh, 0–200 MW), G2 at bus 2 (30/MWh, 0–200 MW), 150 MW of load at bus 3; <paramref name="slack"/> is the reference.
    /// </summary>
    public static GridNetwork Meshed3(string slack = "3") => new()
    {
        Name = "meshed3",
        BaseMva = 100,
        Buses =
        [
            new Bus { Id = new BusId("1"), NominalKv = 110, Type = slack == "1" ? BusType.Slack : BusType.Pq },
            new Bus { Id = new BusId("2"), NominalKv = 110, Type = slack == "2" ? BusType.Slack : BusType.Pq },
            new Bus { Id = new BusId("3"), NominalKv = 110, Type = slack == "3" ? BusType.Slack : BusType.Pq },
        ],
        Lines =
        [
            new Line { Id = "12", FromBus = new BusId("1"), ToBus = new BusId("2"), RPu = 0, XPu = 0.1 },
            new Line { Id = "13", FromBus = new BusId("1"), ToBus = new BusId("3"), RPu = 0, XPu = 0.1, RatingMva = 80 },
            new Line { Id = "23", FromBus = new BusId("2"), ToBus = new BusId("3"), RPu = 0, XPu = 0.1 },
        ],
        Loads = [new Load { Id = "3", Bus = new BusId("3"), PMw = 150 }],
        Generators =
        [
            new Generator { Id = "G1", Bus = new BusId("1"), PMinMw = 0, PMaxMw = 200 },
            new Generator { Id = "G2", Bus = new BusId("2"), PMinMw = 0, PMaxMw = 200 },
        ],
        GeneratorCosts =
        [
            new PolynomialCost { GeneratorId = "G1", Coefficients = [10, 0] },
            new PolynomialCost { GeneratorId = "G2", Coefficients = [30, 0] },
        ],
    };
}
