using Lem.Grid.ThreePhase;

namespace Lem.Markets.Flexibility.Sensitivities;

/// <summary>
/// LinDist3Flow sensitivities of a radial feeder per phase (docs/three-phase.md#flexibility-on-three-phases): a flow
/// element per (branch, phase) and a squared voltage per (bus, phase) respond to injections per (bus, phase) through the
/// per-phase drop equations with the 3×3 line impedance (<see cref="LinDist3FlowSensitivities"/>), so an offer on phase b
/// relieves phase b's lines and voltages (and, through the mutual impedance, moves the other phases' voltages a little).
/// Chosen by name (<c>--grid lindist3flow</c>, scenario <c>flexibility.sensitivities</c>), never by <c>auto</c>.
/// </summary>
public sealed class LinDist3FlowSensitivityModel : IFlexSensitivityModel
{
    private readonly LinDist3FlowFormulation _formulation = new();

    /// <inheritdoc />
    public string Name => "lindist3flow";

    /// <inheritdoc />
    public string? CannotRepresent(NetworkIndex index) => _formulation.CannotRepresent(index);

    /// <inheritdoc />
    public IFlexLinearisation Prepare(NetworkIndex index) => new Prepared(index, new LinDist3FlowSensitivities(_formulation.Prepare(index)));

    private sealed class Prepared(NetworkIndex index, LinDist3FlowSensitivities sensitivities) : IFlexLinearisation
    {
        private readonly Dictionary<(int, PhaseConnection, bool), FlexSensitivity> _cache = [];

        public NetworkIndex Index => index;

        public bool HasVoltages => true;

        public int Phases => 3;

        public FlexLinearState FlatState() =>
            new(new double[3 * index.BranchCount], new double[3 * index.BranchCount], [.. sensitivities.FlatSquaredVoltages]);

        public FlexLinearState StateAt(double[] pPu, double[] qPu)
        {
            var state = FlatState();
            sensitivities.Response(pPu, qPu, state.SquaredVoltage!, state.BranchP, state.BranchQ);
            return state;
        }

        public FlexSensitivity Of(int bus, bool reactive) => Of(bus, PhaseConnection.Abc, reactive);

        public FlexSensitivity Of(int bus, PhaseConnection connection, bool reactive)
        {
            lock (_cache)
            {
                if (_cache.TryGetValue((bus, connection, reactive), out var cached))
                {
                    return cached;
                }

                var p = new double[3 * index.BusCount];
                var q = new double[3 * index.BusCount];
                foreach (var (phase, share) in PhaseInjections.Shares(connection))
                {
                    // A unit of active (reactive) power times the complex share: P' + jQ' = share·(1 or j).
                    var s = reactive ? share * System.Numerics.Complex.ImaginaryOne : share;
                    p[(bus * 3) + (int)phase] += s.Real;
                    q[(bus * 3) + (int)phase] += s.Imaginary;
                }

                var dy = new double[3 * index.BusCount];
                var bp = new double[3 * index.BranchCount];
                var bq = new double[3 * index.BranchCount];
                sensitivities.Response(p, q, dy, bp, bq);
                var result = new FlexSensitivity(bp, bq, dy);
                _cache[(bus, connection, reactive)] = result;
                return result;
            }
        }
    }
}
