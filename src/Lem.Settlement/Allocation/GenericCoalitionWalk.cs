namespace Lem.Settlement.Allocation;

/// <summary>A walk that asks the game for every coalition's cost (games without running aggregates).</summary>
internal sealed class GenericCoalitionWalk(CostGame game) : ICoalitionWalk
{
    private readonly ulong[] _words = new ulong[Coalition.WordCount(game.PlayerCount)];

    public double CostEur { get; private set; }

    public double Add(int player)
    {
        Check(player, mustBeMember: false);
        _words[player >> 6] |= 1UL << (player & 63);
        return CostEur = game.CostEur(Coalition.FromWords(game.PlayerCount, (ulong[])_words.Clone()));
    }

    public double Remove(int player)
    {
        Check(player, mustBeMember: true);
        _words[player >> 6] &= ~(1UL << (player & 63));
        return CostEur = game.CostEur(Coalition.FromWords(game.PlayerCount, (ulong[])_words.Clone()));
    }

    public void Clear()
    {
        Array.Clear(_words);
        CostEur = 0;
    }

    private void Check(int player, bool mustBeMember)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(player);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(player, game.PlayerCount);
        var member = (_words[player >> 6] & (1UL << (player & 63))) != 0;
        if (member != mustBeMember)
        {
            throw new InvalidOperationException($"Player {player} ('{game.Players[player]}') is {(member ? "already" : "not")} a member of the walk's coalition.");
        }
    }
}
