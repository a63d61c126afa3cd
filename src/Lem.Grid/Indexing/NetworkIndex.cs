using System.Collections.Immutable;
using Lem.Grid.Topology;

namespace Lem.Grid.Indexing;

/// <summary>
/// The solver view of a <see cref="GridNetwork"/>: dense 0-based bus indices over the in-service buses (buses joined
/// by closed bus-bus switches merged into one), the in-service branches as parallel arrays in MATPOWER's branch model,
/// and per-bus injections and shunts in per unit on <see cref="BaseMva"/> with injection positive.
/// </summary>
public sealed class NetworkIndex
{
    private readonly Dictionary<BusId, int> _indexById;
    private readonly ImmutableArray<ImmutableArray<BusId>> _members;

    private NetworkIndex(GridNetwork network, Builder b)
    {
        Network = network;
        BaseMva = network.BaseMva;
        _indexById = b.IndexById;
        _members = [.. b.Members.Select(m => m.ToImmutableArray())];
        BusIds = [.. b.Representatives];
        AllBusIds = [.. b.AllBusIds];
        AllBusIndex = [.. b.AllBusIds.Select(id => b.IndexById[id])];
        InjectionHostBusIds = [.. b.InjectionHosts];
        BaseKv = [.. b.BaseKv];
        VmMinPu = [.. b.VmMin];
        VmMaxPu = [.. b.VmMax];
        BusTypes = [.. b.Types];
        VmSetpointPu = [.. b.VmSetpoint];
        VaSetpointRad = [.. b.VaSetpoint];
        PLoadPu = [.. b.PLoad];
        QLoadPu = [.. b.QLoad];
        PGenPu = [.. b.PGen];
        QGenPu = [.. b.QGen];
        PInjPu = [.. b.PGen.Zip(b.PLoad, (g, l) => g - l)];
        QInjPu = [.. b.QGen.Zip(b.QLoad, (g, l) => g - l)];
        GShPu = [.. b.GSh];
        BShPu = [.. b.BSh];
        SlackIndices = [.. b.Slack];
        FromIndex = [.. b.From];
        ToIndex = [.. b.To];
        RPu = [.. b.R];
        XPu = [.. b.X];
        BPu = [.. b.B];
        GPu = [.. b.G];
        TapRatio = [.. b.Tap];
        ShiftRad = [.. b.Shift];
        RatingPu = [.. b.Rating];
        BranchIds = [.. b.BranchIds];
        BranchKinds = [.. b.Kinds];
        Loads = [.. b.Loads];
        LoadBusIndex = [.. b.LoadBus];
        StaticGenerators = [.. b.StaticGenerators];
        StaticGeneratorBusIndex = [.. b.StaticGeneratorBus];
        Generators = [.. b.Generators];
        GeneratorBusIndex = [.. b.GeneratorBus];
    }

    /// <summary>The network this index was built from.</summary>
    public GridNetwork Network { get; }

    /// <summary>The system base power in MVA used for all per-unit values.</summary>
    public double BaseMva { get; }

    /// <summary>The number of solver buses.</summary>
    public int BusCount => BusIds.Length;

    /// <summary>The number of solver branches.</summary>
    public int BranchCount => FromIndex.Length;

    /// <summary>The user id of each solver bus: for merged buses, the lowest-sorting id of the group.</summary>
    public ImmutableArray<BusId> BusIds { get; }

    /// <summary>
    /// Every bus of the user's network that has a solver bus (in service and not isolated), in the network's order and
    /// under the network's ids: buses merged by closed bus-bus switches each appear here under their own id. Result
    /// surfaces list these (see docs/power-flow.md, "Buses merged by switches").
    /// </summary>
    public ImmutableArray<BusId> AllBusIds { get; }

    /// <summary>The solver bus of each entry of <see cref="AllBusIds"/>.</summary>
    public ImmutableArray<int> AllBusIndex { get; }

    /// <summary>
    /// The user bus of each solver bus at which the group's net injection is reported: the member with an in-service
    /// external grid, else a slack member, else a member with an in-service generator, else the representative
    /// (<see cref="BusIds"/>). The other members of a merged group report no injection, so injections still add up.
    /// </summary>
    public ImmutableArray<BusId> InjectionHostBusIds { get; }

    /// <summary>The nominal voltage of each solver bus in kV.</summary>
    public ImmutableArray<double> BaseKv { get; }

    /// <summary>The lower voltage limit of each solver bus in per unit (the tightest of merged buses).</summary>
    public ImmutableArray<double> VmMinPu { get; }

    /// <summary>The upper voltage limit of each solver bus in per unit (the tightest of merged buses).</summary>
    public ImmutableArray<double> VmMaxPu { get; }

    /// <summary>
    /// The power-flow role of each solver bus: <see cref="BusType.Slack"/> for slack buses, <see cref="BusType.Pv"/> for
    /// buses of type PV with an in-service generator, otherwise <see cref="BusType.Pq"/>.
    /// </summary>
    public ImmutableArray<BusType> BusTypes { get; }

    /// <summary>
    /// The voltage magnitude set point or start value of each solver bus in per unit: the external grid's or generator's
    /// set point where there is one, else the bus's initial value.
    /// </summary>
    public ImmutableArray<double> VmSetpointPu { get; }

    /// <summary>The voltage angle set point or start value of each solver bus in radians.</summary>
    public ImmutableArray<double> VaSetpointRad { get; }

    /// <summary>The scaled in-service load at each solver bus, active, in per unit (consumption positive).</summary>
    public ImmutableArray<double> PLoadPu { get; }

    /// <summary>The scaled in-service load at each solver bus, reactive, in per unit (consumption positive).</summary>
    public ImmutableArray<double> QLoadPu { get; }

    /// <summary>The in-service generation (static generators plus generators) at each solver bus, active, in per unit.</summary>
    public ImmutableArray<double> PGenPu { get; }

    /// <summary>The in-service generation (static generators plus generators) at each solver bus, reactive, in per unit.</summary>
    public ImmutableArray<double> QGenPu { get; }

    /// <summary>The net active injection of each solver bus in per unit: (generation − load) / BaseMva.</summary>
    public ImmutableArray<double> PInjPu { get; }

    /// <summary>The net reactive injection of each solver bus in per unit: (generation − load) / BaseMva.</summary>
    public ImmutableArray<double> QInjPu { get; }

    /// <summary>The shunt conductance at each solver bus in per unit (positive consumes active power).</summary>
    public ImmutableArray<double> GShPu { get; }

    /// <summary>The shunt susceptance at each solver bus in per unit (positive is capacitive, as MATPOWER's Bs).</summary>
    public ImmutableArray<double> BShPu { get; }

    /// <summary>The solver indices of the slack buses, distinct.</summary>
    public ImmutableArray<int> SlackIndices { get; }

    /// <summary>The from (HV, tap side) bus of each branch.</summary>
    public ImmutableArray<int> FromIndex { get; }

    /// <summary>The to (LV) bus of each branch.</summary>
    public ImmutableArray<int> ToIndex { get; }

    /// <summary>The series resistance of each branch in per unit.</summary>
    public ImmutableArray<double> RPu { get; }

    /// <summary>The series reactance of each branch in per unit.</summary>
    public ImmutableArray<double> XPu { get; }

    /// <summary>The total shunt susceptance of each branch in per unit (half at each end).</summary>
    public ImmutableArray<double> BPu { get; }

    /// <summary>The total shunt conductance of each branch in per unit (half at each end).</summary>
    public ImmutableArray<double> GPu { get; }

    /// <summary>The off-nominal tap ratio at the from end of each branch (1 for lines).</summary>
    public ImmutableArray<double> TapRatio { get; }

    /// <summary>The phase shift of each branch in radians (0 for lines).</summary>
    public ImmutableArray<double> ShiftRad { get; }

    /// <summary>The rating of each branch in per unit of <see cref="BaseMva"/>; +∞ when unlimited.</summary>
    public ImmutableArray<double> RatingPu { get; }

    /// <summary>The user id of each branch (a line's or a transformer's <see cref="Branch.Id"/>; see <see cref="BranchKinds"/>).</summary>
    public ImmutableArray<string> BranchIds { get; }

    /// <summary>Whether each branch is a line or a transformer.</summary>
    public ImmutableArray<BranchKind> BranchKinds { get; }

    /// <summary>The in-service loads on in-service buses.</summary>
    public ImmutableArray<Load> Loads { get; }

    /// <summary>The solver bus of each entry of <see cref="Loads"/>.</summary>
    public ImmutableArray<int> LoadBusIndex { get; }

    /// <summary>The in-service static generators on in-service buses.</summary>
    public ImmutableArray<StaticGenerator> StaticGenerators { get; }

    /// <summary>The solver bus of each entry of <see cref="StaticGenerators"/>.</summary>
    public ImmutableArray<int> StaticGeneratorBusIndex { get; }

    /// <summary>The in-service generators on in-service buses.</summary>
    public ImmutableArray<Generator> Generators { get; }

    /// <summary>The solver bus of each entry of <see cref="Generators"/>.</summary>
    public ImmutableArray<int> GeneratorBusIndex { get; }

    /// <summary>
    /// Builds the index. The network must be consistent (every element refers to an existing bus; check with
    /// <see cref="Topology.GridTopology.Validate"/> first when it comes from user input).
    /// </summary>
    /// <exception cref="ArgumentException">When <paramref name="network"/> is null, its base power is not positive, or an element refers to an unknown bus.</exception>
    public static NetworkIndex Build(GridNetwork network)
    {
        ArgumentNullException.ThrowIfNull(network);
        if (!(network.BaseMva > 0) || !double.IsFinite(network.BaseMva))
        {
            throw new ArgumentException($"The network's BaseMva is {network.BaseMva}; it must be a finite positive number.", nameof(network));
        }

        var missing = Topology.GridTopology.FindDanglingReferences(network).FirstOrDefault();
        if (missing is not null)
        {
            throw new ArgumentException($"The network is inconsistent: {missing}", nameof(network));
        }

        return new NetworkIndex(network, new Builder(network));
    }

    /// <summary>The user id of solver bus <paramref name="index"/> (the lowest-sorting id of a merged group).</summary>
    /// <exception cref="ArgumentOutOfRangeException">When <paramref name="index"/> is not a solver bus index.</exception>
    public BusId BusIdOf(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, BusCount);
        return BusIds[index];
    }

    /// <summary>Every user bus id merged into solver bus <paramref name="index"/>, in sorted order.</summary>
    /// <exception cref="ArgumentOutOfRangeException">When <paramref name="index"/> is not a solver bus index.</exception>
    public ImmutableArray<BusId> MembersOf(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, BusCount);
        return _members[index];
    }

    /// <summary>
    /// Expands per-solver-bus values to one value per entry of <see cref="AllBusIds"/>: every merged bus gets the value
    /// of its group (a closed bus-bus switch has no impedance, so the group shares voltage and price).
    /// </summary>
    /// <exception cref="ArgumentException">When <paramref name="solverBusValues"/> does not hold one value per solver bus.</exception>
    public ImmutableArray<T> ToAllBuses<T>(IReadOnlyList<T> solverBusValues)
    {
        ArgumentNullException.ThrowIfNull(solverBusValues);
        if (solverBusValues.Count != BusCount)
        {
            throw new ArgumentException($"Expected one value per solver bus ({BusCount}), got {solverBusValues.Count}.", nameof(solverBusValues));
        }

        var result = ImmutableArray.CreateBuilder<T>(AllBusIndex.Length);
        foreach (var d in AllBusIndex)
        {
            result.Add(solverBusValues[d]);
        }

        return result.MoveToImmutable();
    }

    /// <summary>The solver index of user bus <paramref name="id"/>.</summary>
    /// <exception cref="ArgumentException">When the bus is unknown or out of service.</exception>
    public int IndexOf(BusId id) =>
        TryIndexOf(id, out var index) ? index : throw new ArgumentException($"Bus '{id}' is not an in-service bus of the network.", nameof(id));

    /// <summary>Finds the solver index of user bus <paramref name="id"/>; false when the bus is unknown or out of service.</summary>
    public bool TryIndexOf(BusId id, out int index)
    {
        if (id.Value is null)
        {
            index = -1;
            return false;
        }

        return _indexById.TryGetValue(id, out index);
    }

    /// <summary>Collects the arrays while building.</summary>
    private sealed class Builder
    {
        public Builder(GridNetwork network)
        {
            var baseMva = network.BaseMva;
            var active = network.Buses.Where(b => b.InService && b.Type != BusType.Isolated).ToList();
            var position = new Dictionary<BusId, int>();
            foreach (var bus in active)
            {
                position.TryAdd(bus.Id, position.Count);
            }

            // Merge buses joined by closed bus-bus switches (union-find over positions in the active list).
            var sets = new DisjointSets(position.Count);

            foreach (var sw in network.Switches)
            {
                if (sw.ElementType == SwitchElementType.Bus && sw.Closed &&
                    position.TryGetValue(sw.Bus, out var a) && position.TryGetValue(new BusId(sw.Element), out var b))
                {
                    sets.Union(a, b);
                }
            }

            var denseOfRoot = new Dictionary<int, int>();
            var busesByPosition = position.OrderBy(p => p.Value).Select(p => network.TryGetBus(p.Key, out var bus) ? bus : null!).ToList();
            for (var i = 0; i < busesByPosition.Count; i++)
            {
                var root = sets.Find(i);
                if (!denseOfRoot.TryGetValue(root, out var dense))
                {
                    dense = denseOfRoot.Count;
                    denseOfRoot[root] = dense;
                    Members.Add([]);
                    BaseKv.Add(busesByPosition[i].NominalKv);
                    VmMin.Add(double.NegativeInfinity);
                    VmMax.Add(double.PositiveInfinity);
                    Types.Add(BusType.Pq);
                    VmSetpoint.Add(busesByPosition[i].VmPu);
                    VaSetpoint.Add(busesByPosition[i].VaDegree * Math.PI / 180.0);
                }

                var bus = busesByPosition[i];
                Members[dense].Add(bus.Id);
                IndexById[bus.Id] = dense;
                VmMin[dense] = Math.Max(VmMin[dense], bus.VmMinPu);
                VmMax[dense] = Math.Min(VmMax[dense], bus.VmMaxPu);
            }

            foreach (var members in Members)
            {
                members.Sort();
            }

            Representatives.AddRange(Members.Select(m => m[0]));
            var listed = new HashSet<BusId>();
            foreach (var bus in network.Buses)
            {
                if (IndexById.ContainsKey(bus.Id) && listed.Add(bus.Id))
                {
                    AllBusIds.Add(bus.Id);
                }
            }

            var n = Members.Count;
            PLoad.AddRange(new double[n]);
            QLoad.AddRange(new double[n]);
            PGen.AddRange(new double[n]);
            QGen.AddRange(new double[n]);
            GSh.AddRange(new double[n]);
            BSh.AddRange(new double[n]);

            // Representative's own voltage start value, and bus types from the representative group.
            for (var d = 0; d < n; d++)
            {
                if (network.TryGetBus(Representatives[d], out var rep))
                {
                    VmSetpoint[d] = rep.VmPu;
                    VaSetpoint[d] = rep.VaDegree * Math.PI / 180.0;
                }
            }

            AddFixedInjections(network.Loads, l => (l.Bus, l.InService, l.ScaledPMw, l.ScaledQMvar), PLoad, QLoad, Loads, LoadBus, baseMva);
            AddFixedInjections(network.StaticGenerators, s => (s.Bus, s.InService, s.ScaledPMw, s.ScaledQMvar), PGen, QGen, StaticGenerators, StaticGeneratorBus, baseMva);

            var hasGenerator = new bool[n];
            foreach (var gen in network.Generators)
            {
                if (gen.InService && IndexById.TryGetValue(gen.Bus, out var d))
                {
                    PGen[d] += gen.PMw / baseMva;
                    QGen[d] += gen.QMvar / baseMva;
                    Generators.Add(gen);
                    GeneratorBus.Add(d);
                    if (!hasGenerator[d])
                    {
                        VmSetpoint[d] = gen.VmSetpointPu;
                    }

                    hasGenerator[d] = true;
                }
            }

            foreach (var shunt in network.Shunts)
            {
                if (shunt.InService && IndexById.TryGetValue(shunt.Bus, out var d))
                {
                    GSh[d] += shunt.PMw / baseMva;
                    BSh[d] += -shunt.QMvar / baseMva;
                }
            }

            for (var d = 0; d < n; d++)
            {
                var memberTypes = Members[d].Select(id => network.TryGetBus(id, out var bus) ? bus.Type : BusType.Pq).ToList();
                if (memberTypes.Contains(BusType.Slack))
                {
                    Types[d] = BusType.Slack;
                }
                else if (memberTypes.Contains(BusType.Pv) && hasGenerator[d])
                {
                    Types[d] = BusType.Pv;
                }
            }

            foreach (var grid in network.ExternalGrids)
            {
                if (grid.InService && IndexById.TryGetValue(grid.Bus, out var d))
                {
                    Types[d] = BusType.Slack;
                    VmSetpoint[d] = grid.VmPu;
                    VaSetpoint[d] = grid.VaDegree * Math.PI / 180.0;
                }
            }

            foreach (var id in network.SlackBusIds)
            {
                if (IndexById.TryGetValue(id, out var d) && !Slack.Contains(d))
                {
                    Slack.Add(d);
                    Types[d] = BusType.Slack;
                }
            }

            ChooseInjectionHosts(network);

            var openLineEnds = new HashSet<string>(StringComparer.Ordinal);
            var openTrafoEnds = new HashSet<string>(StringComparer.Ordinal);
            foreach (var sw in network.Switches.Where(s => !s.Closed))
            {
                if (sw.ElementType == SwitchElementType.Line)
                {
                    openLineEnds.Add(sw.Element);
                }
                else if (sw.ElementType == SwitchElementType.Transformer)
                {
                    openTrafoEnds.Add(sw.Element);
                }
            }

            foreach (var line in network.Lines)
            {
                if (!line.InService || openLineEnds.Contains(line.Id) ||
                    !IndexById.TryGetValue(line.FromBus, out var f) || !IndexById.TryGetValue(line.ToBus, out var t))
                {
                    continue;
                }

                AddBranch(f, t, line.RPu, line.XPu, line.BPu, line.GPu, 1.0, 0.0, line.RatingMva, baseMva, line.Id, BranchKind.Line);
            }

            foreach (var trafo in network.Transformers)
            {
                if (!trafo.InService || openTrafoEnds.Contains(trafo.Id) ||
                    !IndexById.TryGetValue(trafo.HvBus, out var f) || !IndexById.TryGetValue(trafo.LvBus, out var t))
                {
                    continue;
                }

                AddBranch(f, t, trafo.RPu, trafo.XPu, trafo.BPu, trafo.GPu, trafo.TapRatio, trafo.ShiftDegree * Math.PI / 180.0, trafo.RatingMva, baseMva, trafo.Id, BranchKind.Transformer);
            }
        }

        public Dictionary<BusId, int> IndexById { get; } = [];

        public List<List<BusId>> Members { get; } = [];

        public List<BusId> Representatives { get; } = [];

        public List<BusId> AllBusIds { get; } = [];

        public List<BusId> InjectionHosts { get; } = [];

        public List<double> BaseKv { get; } = [];

        public List<double> VmMin { get; } = [];

        public List<double> VmMax { get; } = [];

        public List<BusType> Types { get; } = [];

        public List<double> VmSetpoint { get; } = [];

        public List<double> VaSetpoint { get; } = [];

        public List<double> PLoad { get; } = [];

        public List<double> QLoad { get; } = [];

        public List<double> PGen { get; } = [];

        public List<double> QGen { get; } = [];

        public List<double> GSh { get; } = [];

        public List<double> BSh { get; } = [];

        public List<int> Slack { get; } = [];

        public List<int> From { get; } = [];

        public List<int> To { get; } = [];

        public List<double> R { get; } = [];

        public List<double> X { get; } = [];

        public List<double> B { get; } = [];

        public List<double> G { get; } = [];

        public List<double> Tap { get; } = [];

        public List<double> Shift { get; } = [];

        public List<double> Rating { get; } = [];

        public List<string> BranchIds { get; } = [];

        public List<BranchKind> Kinds { get; } = [];

        public List<Load> Loads { get; } = [];

        public List<int> LoadBus { get; } = [];

        public List<StaticGenerator> StaticGenerators { get; } = [];

        public List<int> StaticGeneratorBus { get; } = [];

        public List<Generator> Generators { get; } = [];

        public List<int> GeneratorBus { get; } = [];

        // The member of each group that hosts its injection: an external grid's bus, else a slack bus, else a generator's bus, else the representative.
        private void ChooseInjectionHosts(GridNetwork network)
        {
            InjectionHosts.AddRange(Representatives);
            var rank = new int[Representatives.Count];
            void Offer(BusId bus, int r)
            {
                if (IndexById.TryGetValue(bus, out var d) && r > rank[d])
                {
                    rank[d] = r;
                    InjectionHosts[d] = bus;
                }
            }

            foreach (var gen in network.Generators.Where(g => g.InService))
            {
                Offer(gen.Bus, 1);
            }

            foreach (var bus in network.Buses.Where(b => b.Type == BusType.Slack))
            {
                Offer(bus.Id, 2);
            }

            foreach (var grid in network.ExternalGrids.Where(g => g.InService))
            {
                Offer(grid.Bus, 3);
            }
        }

        // Adds the scaled P/Q of each in-service element on a known bus to that solver bus (per unit) and keeps the element with its bus.
        private void AddFixedInjections<T>(
            IEnumerable<T> elements,
            Func<T, (BusId Bus, bool InService, double PMw, double QMvar)> read,
            List<double> pPu,
            List<double> qPu,
            List<T> kept,
            List<int> keptBus,
            double baseMva)
        {
            foreach (var element in elements)
            {
                var (bus, inService, pMw, qMvar) = read(element);
                if (inService && IndexById.TryGetValue(bus, out var d))
                {
                    pPu[d] += pMw / baseMva;
                    qPu[d] += qMvar / baseMva;
                    kept.Add(element);
                    keptBus.Add(d);
                }
            }
        }

        private void AddBranch(int f, int t, double r, double x, double b, double g, double tap, double shiftRad, double? ratingMva, double baseMva, string id, BranchKind kind)
        {
            From.Add(f);
            To.Add(t);
            R.Add(r);
            X.Add(x);
            B.Add(b);
            G.Add(g);
            Tap.Add(tap);
            Shift.Add(shiftRad);
            Rating.Add(ratingMva is { } mva ? mva / baseMva : double.PositiveInfinity);
            BranchIds.Add(id);
            Kinds.Add(kind);
        }
    }
}
