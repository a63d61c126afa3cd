using System.Numerics;

namespace Lem.Grid.ThreePhase.Import.IeeeEuropeanLv;

/// <summary>A sequence line code of LineCodes.csv: impedances in Ω and admittances in S per <see cref="KilometresPerUnit"/> km.</summary>
/// <param name="Z1OhmPerUnit">The positive-sequence series impedance per unit length.</param>
/// <param name="Z0OhmPerUnit">The zero-sequence series impedance per unit length.</param>
/// <param name="Y1SiemensPerUnit">The positive-sequence shunt admittance per unit length.</param>
/// <param name="Y0SiemensPerUnit">The zero-sequence shunt admittance per unit length.</param>
/// <param name="KilometresPerUnit">The length of the code's unit in km.</param>
internal sealed record LineCode(Complex Z1OhmPerUnit, Complex Z0OhmPerUnit, Complex Y1SiemensPerUnit, Complex Y0SiemensPerUnit, double KilometresPerUnit);
