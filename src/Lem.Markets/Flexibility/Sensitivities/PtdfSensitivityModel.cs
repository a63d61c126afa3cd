using Lem.Grid.Distance;
using Lem.Grid.Topology;

namespace Lem.Markets.Flexibility.Sensitivities;

/// <summary>
/// DC sensitivities of a meshed (or radial) grid (docs/formulations.md#dc-b-theta): active flows are PTDF times the injections,
/// the reference (slack) bus absorbing them; voltages and reactive power are not modelled.
/// </summary>
public sealed class PtdfSensitivityModel : IFlexSensitivityModel
{
    /// <inheritdoc />
    public string Name => "dc";

    /// <inheritdoc />
    public string? CannotRepresent(NetworkIndex index)
    {
        ArgumentNullException.ThrowIfNull(index);
        if (index.SlackIndices.Length == 0)
        {
            return "The network has no slack bus to absorb the changes.";
        }

        return GridTopology.Analyze(index).IsConnected ? null : "The network has islands; the DC sensitivities need one connected grid.";
    }

    /// <inheritdoc />
    public IFlexLinearisation Prepare(NetworkIndex index) => new Prepared(index, PtdfMatrix.Build(index));

    private sealed class Prepared(NetworkIndex index, PtdfMatrix ptdf) : IFlexLinearisation
    {
        private readonly FlexSensitivity _none = new(new double[index.BranchCount], new double[index.BranchCount], null);

        public NetworkIndex Index => index;

        public bool HasVoltages => false;

        public FlexLinearState FlatState() => new(new double[index.BranchCount], new double[index.BranchCount], null);

        public FlexLinearState StateAt(double[] pPu, double[] qPu) => FlexLinearState.Sum(this, pPu, qPu);

        public FlexSensitivity Of(int bus, bool reactive) =>
            reactive ? _none : new FlexSensitivity(ptdf.OfBus(bus).ToArray(), _none.BranchQ, null);
    }
}
