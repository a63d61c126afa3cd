using System.Numerics;

namespace Lem.Markets.Flexibility.Clearing;

/// <summary>
/// The AC check of a flexibility clearing: solves the power flow of given net injections (laid out as the
/// linearisation's <see cref="Sensitivities.IFlexLinearisation.Phases"/> says) and reads loading, voltages and
/// violations. <see cref="FlexAcEvaluators.For"/> picks the balanced or the three-phase power flow.
/// </summary>
internal interface IFlexAcEvaluator : IDisposable
{
    /// <summary>The grid file's own injections per solver bus (p.u., totals over the phases).</summary>
    Complex[] SpecifiedInjectionsPu { get; }

    /// <summary>Solves the power flow of the injections (p.u., injection positive) of a slot.</summary>
    FlexAcSlot Run(int slot, double[] pPu, double[] qPu);
}
