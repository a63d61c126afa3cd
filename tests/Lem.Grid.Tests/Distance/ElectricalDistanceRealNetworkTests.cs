using Lem.Grid.Distance;
using Lem.Grid.Indexing;
using Lem.Grid.Network;
using Lem.Testing;

namespace Lem.Grid.Tests.Distance;

/// <summary>Radial reference networks: the resistance distance equals the path impedance, the PTDF distance counts branches.</summary>
public sealed class ElectricalDistanceRealNetworkTests
{
    public static TheoryData<string> RadialNetworks => new()
    {
        "case33bw",
        "kerber_dorfnetz",
        "cigre_mv",
    };

    [SharedTheory(NativeLibraries.Klu)]
    [MemberData(nameof(RadialNetworks))]
    public void ResistanceDistance_OnARealRadialNetwork_EqualsThePathImpedance(string name)
    {
        var network = Load(name);

        var path = ElectricalDistance.Compute(network, ElectricalDistanceMethod.PathImpedance);
        var resistance = ElectricalDistance.Compute(network, ElectricalDistanceMethod.ResistanceDistance);

        Assert.Equal(path.Buses, resistance.Buses);
        Assert.True(path.Max > 0);
        foreach (var a in path.Buses)
        {
            foreach (var b in path.Buses)
            {
                Approx.Equal(path.Between(a, b), resistance.Between(a, b), 1e-12, 1e-8, what: $"{name} d({a}, {b})");
            }
        }

        Approx.Equal(path.Max, resistance.Max, 0, 1e-8);
        Approx.Equal(path.Mean, resistance.Mean, 0, 1e-8);
    }

    [SharedTheory(NativeLibraries.Klu)]
    [MemberData(nameof(RadialNetworks))]
    public void PtdfDistance_OnARealRadialNetwork_CountsTheBranchesOnThePath(string name)
    {
        // On a tree, 1 MW from n to m flows entirely along the path: |PTDF_ℓn − PTDF_ℓm| is 1 on it and 0 elsewhere.
        var network = Load(name);
        var index = NetworkIndex.Build(network);
        var d = ElectricalDistance.Compute(network, ElectricalDistanceMethod.Ptdf);

        var hops = HopCounts(index);
        for (var a = 0; a < index.BusCount; a++)
        {
            for (var b = 0; b < index.BusCount; b++)
            {
                Approx.Equal(hops[a, b], d.Between(index.BusIds[a], index.BusIds[b]), 1e-9, what: $"{name} d({index.BusIds[a]}, {index.BusIds[b]})");
            }
        }
    }

    [SharedFact]
    public void PathImpedance_OnCase33bw_MatchesHandSummedBranches()
    {
        // case33bw: branches 1–2 (0.0922 Ω), 2–3 (0.4930 Ω), 3–4 (0.3660 Ω) and 2–19 (0.1640 Ω) on a 12.66 kV, 10 MVA base
        // (the file converts ohms to per unit with Vbase²/Sbase; MATPOWER's baseMVA is 10).
        var network = Load("case33bw");
        var d = ElectricalDistance.Compute(network, ElectricalDistanceMethod.PathImpedance);
        var zBase = 12.66 * 12.66 / 10.0;
        Approx.Equal((0.4930 + 0.3660 + 0.1640) / zBase, d.Between(new BusId("4"), new BusId("19")), 1e-12, 1e-9);
        Approx.Equal((0.0922 + 0.4930) / zBase, d.Between(new BusId("1"), new BusId("3")), 1e-12, 1e-9);
    }

    private static GridNetwork Load(string name) => name switch
    {
        "case33bw" => TestGrids.Load("matpower", "case33bw.m"),
        "kerber_dorfnetz" => LoadFile(RepoPaths.InRepo("examples", "village", "kerber_dorfnetz.json")),
        _ => TestGrids.Load("pandapower", name + ".json"),
    };

    private static GridNetwork LoadFile(string path)
    {
        var result = Import.GridImporter.Import(path);
        Assert.True(result.Errors.Count == 0, string.Join("; ", result.Errors));
        return result.Network!;
    }

    private static int[,] HopCounts(NetworkIndex index)
    {
        var n = index.BusCount;
        var neighbours = Enumerable.Range(0, n).Select(_ => new List<int>()).ToArray();
        for (var k = 0; k < index.BranchCount; k++)
        {
            neighbours[index.FromIndex[k]].Add(index.ToIndex[k]);
            neighbours[index.ToIndex[k]].Add(index.FromIndex[k]);
        }

        var hops = new int[n, n];
        for (var s = 0; s < n; s++)
        {
            var seen = new bool[n];
            var queue = new Queue<int>([s]);
            seen[s] = true;
            while (queue.Count > 0)
            {
                var bus = queue.Dequeue();
                foreach (var other in neighbours[bus].Where(o => !seen[o]))
                {
                    seen[other] = true;
                    hops[s, other] = hops[s, bus] + 1;
                    queue.Enqueue(other);
                }
            }
        }

        return hops;
    }
}
