namespace Lem.Markets.Flexibility.Clearing;

/// <summary>
/// A limit row of the linear problem: a tangent cut cos·P + sin·Q ≤ S̄ of a branch's rating (Kelley's cutting plane of
/// the disc), or the squared-voltage band of a bus.
/// </summary>
/// <param name="Element">The branch index (thermal) or the bus index (voltage).</param>
/// <param name="IsVoltage">Whether it is a voltage row.</param>
/// <param name="Cos">The P weight of a thermal cut.</param>
/// <param name="Sin">The Q weight of a thermal cut.</param>
internal sealed record FlexLimitRow(int Element, bool IsVoltage, double Cos, double Sin);
