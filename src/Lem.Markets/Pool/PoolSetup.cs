using Lem.Grid.ThreePhase;

namespace Lem.Markets.Pool;

/// <summary>The checked inputs of a clearing: the scenario, the network it is cleared on and where each participant injects.</summary>
/// <param name="Market">The market input.</param>
/// <param name="Index">The solver network (the single virtual bus without a grid).</param>
/// <param name="Formulation">The grid formulation.</param>
/// <param name="ParticipantBus">The solver bus of each participant (scenario order), −1 for participants without a bus.</param>
/// <param name="ConnectionBus">The solver bus of the point of common coupling.</param>
/// <param name="Options">The settings.</param>
internal sealed record PoolSetup(MarketInput Market, NetworkIndex Index, IGridFormulation Formulation, int[] ParticipantBus, int ConnectionBus, PoolOptions Options)
{
    private IReadOnlyList<(int Bus, PhaseConnection Connection)>? _phaseColumns;
    private int[]? _participantColumn;

    /// <summary>The formulation prepared for <see cref="Index"/>, once per clearing and shared by every model built from this setup.</summary>
    public IPreparedGridFormulation Grid { get; } = Formulation.Prepare(Index);

    /// <summary>tan(acos(pf)) of loads.</summary>
    public double LoadTanPhi => Math.Sqrt(1.0 - (Options.LoadPowerFactor * Options.LoadPowerFactor)) / Options.LoadPowerFactor;

    /// <summary>
    /// The injection columns beyond the buses (docs/three-phase.md#lindist3flow-clearing-with-per-phase-prices): with a
    /// phase-aware formulation, one column per (bus, phase connection other than abc) that some participant uses, sorted
    /// by bus and connection; empty otherwise (every participant then injects into its bus's column).
    /// </summary>
    public IReadOnlyList<(int Bus, PhaseConnection Connection)> PhaseColumns
    {
        get
        {
            Columns();
            return _phaseColumns!;
        }
    }

    /// <summary>The injection column of each participant (scenario order): its bus, or <see cref="Index"/>.BusCount + its phase column.</summary>
    public IReadOnlyList<int> ParticipantColumn
    {
        get
        {
            Columns();
            return _participantColumn!;
        }
    }

    /// <summary>The phase connection of each participant (abc when none is given).</summary>
    public static PhaseConnection PhaseOf(Participant participant) =>
        PhaseConnections.TryParse(participant.Phase) ?? PhaseConnection.Abc;

    private void Columns()
    {
        if (_participantColumn is not null)
        {
            return;
        }

        var columns = new int[ParticipantBus.Length];
        var keys = new List<(int Bus, PhaseConnection Connection)>();
        var phased = Grid is IPhasePreparedGridFormulation;
        for (var i = 0; i < columns.Length; i++)
        {
            var connection = PhaseOf(Market.Participants[i]);
            if (phased && ParticipantBus[i] >= 0 && connection != PhaseConnection.Abc)
            {
                keys.Add((ParticipantBus[i], connection));
            }
        }

        _phaseColumns = [.. keys.Distinct().OrderBy(k => k.Bus).ThenBy(k => (int)k.Connection)];
        for (var i = 0; i < columns.Length; i++)
        {
            var connection = PhaseOf(Market.Participants[i]);
            var position = phased && ParticipantBus[i] >= 0 && connection != PhaseConnection.Abc ? IndexOf(_phaseColumns, (ParticipantBus[i], connection)) : -1;
            columns[i] = position < 0 ? ParticipantBus[i] : Index.BusCount + position;
        }

        _participantColumn = columns;
    }

    private static int IndexOf(IReadOnlyList<(int Bus, PhaseConnection Connection)> list, (int Bus, PhaseConnection Connection) key)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] == key)
            {
                return i;
            }
        }

        return -1;
    }
}
