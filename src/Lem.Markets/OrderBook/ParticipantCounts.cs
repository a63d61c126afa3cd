using System.Runtime.CompilerServices;

namespace Lem.Markets.OrderBook;

/// <summary>
/// The live-order count of each participant of an <see cref="OrderBook"/> (for the per-participant cap): an
/// open-addressing table (linear probing) of (participant number, count) cells in one flat array. A participant's cell
/// stays, at 0, once it has no live order; the table doubles when it is half full.
/// </summary>
internal sealed class ParticipantCounts
{
    private const int MinSize = 64;

    private Cell[] _cells = NewTable(MinSize);
    private int _shift = 64 - int.Log2(MinSize);
    private int _used;

    /// <summary>The live orders of <paramref name="participant"/> (0 when it has none or is unknown).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Of(int participant)
    {
        var cells = _cells;
        var mask = cells.Length - 1;
        for (var i = Home(participant); ; i = (i + 1) & mask)
        {
            if (cells[i].Participant == participant)
            {
                return cells[i].Count;
            }

            if (cells[i].Participant < 0)
            {
                return 0;
            }
        }
    }

    /// <summary>The count cell of <paramref name="participant"/> (a non-negative number), created at 0 when absent.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref int CountOf(int participant)
    {
        var cells = _cells;
        var mask = cells.Length - 1;
        for (var i = Home(participant); ; i = (i + 1) & mask)
        {
            if (cells[i].Participant == participant)
            {
                return ref cells[i].Count;
            }

            if (cells[i].Participant < 0)
            {
                return ref Add(participant);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Home(int participant) => (int)(((ulong)(uint)participant * 0x9E3779B97F4A7C15UL) >> _shift);

    private ref int Add(int participant)
    {
        if (2 * (_used + 1) > _cells.Length)
        {
            var old = _cells;
            _cells = NewTable(old.Length * 2);
            _shift--;
            foreach (var c in old)
            {
                if (c.Participant >= 0)
                {
                    Place(c);
                }
            }
        }

        _used++;
        return ref Place(new Cell { Participant = participant });
    }

    private ref int Place(Cell cell)
    {
        var mask = _cells.Length - 1;
        var i = Home(cell.Participant);
        while (_cells[i].Participant >= 0)
        {
            i = (i + 1) & mask;
        }

        _cells[i] = cell;
        return ref _cells[i].Count;
    }

    private static Cell[] NewTable(int size)
    {
        var table = new Cell[size];
        Array.Fill(table, new Cell { Participant = -1 });
        return table;
    }

    /// <summary>One table cell: a participant number (-1 = empty cell) and its live orders.</summary>
    private struct Cell
    {
        public int Participant;
        public int Count;
    }
}
