namespace Lem.Markets.Flexibility.Sensitivities;

/// <summary>
/// LinDistFlow sensitivities of a radial feeder (docs/formulations.md#lindistflow, "Sensitivities"): a branch's flow is
/// the net load downstream of it, ∂v_i/∂p_j = 2R_ij and ∂v_i/∂q_j = 2X_ij over the common path to the substation
/// (with taps and shunt elements as <see cref="LinDistFlowSensitivities"/> computes them).
/// </summary>
public sealed class LinDistFlowSensitivityModel : IFlexSensitivityModel
{
    /// <inheritdoc />
    public string Name => "lindistflow";

    /// <inheritdoc />
    public string? CannotRepresent(NetworkIndex index) => DistributionFeeder.WhyNotRadial(index);

    /// <inheritdoc />
    public IFlexLinearisation Prepare(NetworkIndex index) => new Prepared(index, new LinDistFlowSensitivities(DistributionFeeder.Build(index)));

    private sealed class Prepared(NetworkIndex index, LinDistFlowSensitivities sensitivities) : IFlexLinearisation
    {
        private readonly Dictionary<(int, bool), FlexSensitivity> _cache = [];

        public NetworkIndex Index => index;

        public bool HasVoltages => true;

        public FlexLinearState FlatState()
        {
            var slack = sensitivities.Feeder.Root;
            var v = index.VmSetpointPu[slack];
            var squared = new double[index.BusCount];
            Array.Fill(squared, v * v);
            return new FlexLinearState(new double[index.BranchCount], new double[index.BranchCount], squared);
        }

        public FlexLinearState StateAt(double[] pPu, double[] qPu)
        {
            var state = FlatState();
            var dv = new double[index.BusCount];
            sensitivities.Response(pPu, qPu, dv, state.BranchP, state.BranchQ);
            var squared = state.SquaredVoltage!;
            for (var i = 0; i < dv.Length; i++)
            {
                squared[i] += dv[i];
            }

            return state;
        }

        public FlexSensitivity Of(int bus, bool reactive)
        {
            lock (_cache)
            {
                if (!_cache.TryGetValue((bus, reactive), out var s))
                {
                    var of = sensitivities.Of(bus, reactive);
                    _cache[(bus, reactive)] = s = new FlexSensitivity(of.BranchP, of.BranchQ, of.SquaredVoltage);
                }

                return s;
            }
        }
    }
}
