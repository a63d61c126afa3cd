using Lem.Grid.Formulations;
using Lem.Grid.Indexing;
using Lem.Grid.Network;
using Lem.Optimization;

namespace Lem.Grid.Tests.Formulations;

/// <summary>
/// A small AC OPF for the tests: one Pg and Qg variable per in-service generator within its limits, the case's
/// polynomial costs (at most quadratic) as the objective, fixed loads and static generation, the grid from
/// <see cref="AcPolarFormulation"/>.
/// </summary>
internal sealed class AcPolarTestOpf
{
    private AcPolarTestOpf(OptimizationModel model, NetworkIndex index, AcPolarSlot slot, Variable[] pg, Variable[] qg)
    {
        Model = model;
        Index = index;
        Slot = slot;
        Pg = pg;
        Qg = qg;
    }

    public OptimizationModel Model { get; }

    public NetworkIndex Index { get; }

    public AcPolarSlot Slot { get; }

    public Variable[] Pg { get; }

    public Variable[] Qg { get; }

    /// <summary>Builds the OPF; <paramref name="extraLoadMw"/> adds demand at one solver bus (for finite differences).</summary>
    public static AcPolarTestOpf Build(GridNetwork network, AcPolarFormulation formulation, (int Bus, double Mw)? extraLoadMw = null)
    {
        var index = NetworkIndex.Build(network);
        var model = new OptimizationModel($"acopf-{network.Name}");
        var baseMva = index.BaseMva;
        var n = index.BusCount;

        // Fixed part of each bus's injection: static generation minus load (index.PGenPu includes the generators' schedules).
        var p = new LinearExpression[n];
        var q = new LinearExpression[n];
        for (var i = 0; i < n; i++)
        {
            p[i] = new LinearExpression().AddConstant((index.PGenPu[i] - index.PLoadPu[i]) * baseMva);
            q[i] = new LinearExpression().AddConstant((index.QGenPu[i] - index.QLoadPu[i]) * baseMva);
        }

        if (extraLoadMw is { } extra)
        {
            p[extra.Bus].AddConstant(-extra.Mw);
        }

        var costs = network.GeneratorCosts.ToDictionary(c => c.GeneratorId);
        var pg = new Variable[index.Generators.Length];
        var qg = new Variable[index.Generators.Length];
        for (var k = 0; k < pg.Length; k++)
        {
            var g = index.Generators[k];
            var bus = index.GeneratorBusIndex[k];
            pg[k] = model.AddVariable(g.PMinMw, g.PMaxMw, $"pg[{g.Id}]");
            qg[k] = model.AddVariable(g.QMinMvar, g.QMaxMvar, $"qg[{g.Id}]");
            model.SetStart(pg[k], Math.Clamp(g.PMw, g.PMinMw, g.PMaxMw));
            model.SetStart(qg[k], Math.Clamp(g.QMvar, g.QMinMvar, g.QMaxMvar));
            p[bus].Add(pg[k], 1.0).AddConstant(-g.PMw);
            q[bus].Add(qg[k], 1.0).AddConstant(-g.QMvar);

            if (costs.TryGetValue(g.Id, out var cost))
            {
                var c = Assert.IsType<PolynomialCost>(cost).Coefficients;
                Assert.True(c.Count <= 3, "the test OPF handles polynomial costs up to quadratic");
                var c0 = c.Count >= 1 ? c[^1] : 0;
                var c1 = c.Count >= 2 ? c[^2] : 0;
                var c2 = c.Count >= 3 ? c[^3] : 0;
                model.AddToObjective(new LinearExpression().Add(pg[k], c1).AddConstant(c0));
                model.AddQuadraticObjective(pg[k], pg[k], c2);
            }
        }

        var slot = formulation.Prepare(index).AddSlot(model, 0, p, q);
        return new AcPolarTestOpf(model, index, slot, pg, qg);
    }
}
