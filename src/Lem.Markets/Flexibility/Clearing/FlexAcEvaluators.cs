using Lem.Markets.Flexibility.Sensitivities;

namespace Lem.Markets.Flexibility.Clearing;

/// <summary>The AC check that matches a linearisation: the balanced power flow, or the three-phase one for a per-phase model.</summary>
internal static class FlexAcEvaluators
{
    /// <summary>The evaluator for <paramref name="lin"/>'s network and injection layout.</summary>
    public static IFlexAcEvaluator For(IFlexLinearisation lin, FlexClearingOptions options) =>
        lin.Phases == 3 ? new FlexThreePhaseAcEvaluator(lin.Index, options) : new FlexAcEvaluator(lin.Index, options);
}
