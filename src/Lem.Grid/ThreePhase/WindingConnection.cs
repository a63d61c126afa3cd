namespace Lem.Grid.ThreePhase;

/// <summary>The connection of one transformer winding (docs/three-phase.md); vector group letters Y, YN, D, Z, ZN.</summary>
public enum WindingConnection
{
    /// <summary>Wye with an ungrounded (floating) neutral: Y / y.</summary>
    Wye,

    /// <summary>Wye with a grounded neutral: YN / yn.</summary>
    WyeGrounded,

    /// <summary>Delta: D / d.</summary>
    Delta,

    /// <summary>Zigzag with an ungrounded neutral: Z / z.</summary>
    Zigzag,

    /// <summary>Zigzag with a grounded neutral: ZN / zn.</summary>
    ZigzagGrounded,
}
