namespace Lem.Grid.ThreePhase;

/// <summary>Names and phase sets of <see cref="PhaseConnection"/> values.</summary>
public static class PhaseConnections
{
    private static readonly Phase[] PhasesA = [Phase.A];
    private static readonly Phase[] PhasesB = [Phase.B];
    private static readonly Phase[] PhasesC = [Phase.C];
    private static readonly Phase[] PhasesAb = [Phase.A, Phase.B];
    private static readonly Phase[] PhasesBc = [Phase.B, Phase.C];
    private static readonly Phase[] PhasesCa = [Phase.C, Phase.A];
    private static readonly Phase[] PhasesAbc = [Phase.A, Phase.B, Phase.C];

    /// <summary>The names accepted in files and on the command line, in the order of the enum.</summary>
    public static IReadOnlyList<string> Names { get; } = ["a", "b", "c", "ab", "bc", "ca", "abc"];

    /// <summary>The lower-case name of a connection (<c>a</c>, <c>ab</c>, <c>abc</c>, …).</summary>
    public static string Name(this PhaseConnection connection) => Names[(int)connection];

    /// <summary>Parses a connection name, case-insensitive; null when the name is not one of <see cref="Names"/>.</summary>
    public static PhaseConnection? TryParse(string? name)
    {
        if (name is null)
        {
            return null;
        }

        for (var i = 0; i < Names.Count; i++)
        {
            if (string.Equals(Names[i], name.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return (PhaseConnection)i;
            }
        }

        return null;
    }

    /// <summary>The phases the connection touches, in the order named (for <c>ca</c>: c then a).</summary>
    public static IReadOnlyList<Phase> Phases(this PhaseConnection connection) => connection switch
    {
        PhaseConnection.A => PhasesA,
        PhaseConnection.B => PhasesB,
        PhaseConnection.C => PhasesC,
        PhaseConnection.AB => PhasesAb,
        PhaseConnection.BC => PhasesBc,
        PhaseConnection.CA => PhasesCa,
        _ => PhasesAbc,
    };

    /// <summary>True for the phase–phase connections <c>ab</c>, <c>bc</c>, <c>ca</c>.</summary>
    public static bool IsPhaseToPhase(this PhaseConnection connection) =>
        connection is PhaseConnection.AB or PhaseConnection.BC or PhaseConnection.CA;
}
