using System.Numerics;
using System.Text;

namespace Lem.Settlement.Allocation;

/// <summary>
/// An immutable set of players of a <see cref="CostGame"/>, identified by their indices 0..N−1 (a bit set with value
/// equality, usable as a dictionary key).
/// </summary>
public sealed class Coalition : IEquatable<Coalition>
{
    private readonly ulong[] _words;
    private int[]? _members;

    private Coalition(int playerCount, ulong[] words)
    {
        PlayerCount = playerCount;
        _words = words;
    }

    /// <summary>The number of players of the game the coalition belongs to (N).</summary>
    public int PlayerCount { get; }

    /// <summary>The number of members.</summary>
    public int Count
    {
        get
        {
            var c = 0;
            foreach (var w in _words)
            {
                c += BitOperations.PopCount(w);
            }

            return c;
        }
    }

    /// <summary>Whether the coalition has no member.</summary>
    public bool IsEmpty => Array.TrueForAll(_words, w => w == 0);

    /// <summary>The member indices in increasing order.</summary>
    public IReadOnlyList<int> Members => _members ??= ComputeMembers();

    /// <summary>The empty coalition of a game with <paramref name="playerCount"/> players.</summary>
    /// <exception cref="ArgumentOutOfRangeException">When <paramref name="playerCount"/> is negative.</exception>
    public static Coalition Empty(int playerCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(playerCount);
        return new Coalition(playerCount, new ulong[WordCount(playerCount)]);
    }

    /// <summary>The grand coalition N of a game with <paramref name="playerCount"/> players.</summary>
    /// <exception cref="ArgumentOutOfRangeException">When <paramref name="playerCount"/> is negative.</exception>
    public static Coalition All(int playerCount) => Of(playerCount, Enumerable.Range(0, playerCount));

    /// <summary>The coalition of the given member indices (duplicates are ignored).</summary>
    /// <exception cref="ArgumentOutOfRangeException">When an index is outside 0..<paramref name="playerCount"/>−1.</exception>
    public static Coalition Of(int playerCount, IEnumerable<int> members)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(playerCount);
        ArgumentNullException.ThrowIfNull(members);
        var words = new ulong[WordCount(playerCount)];
        foreach (var i in members)
        {
            if (i < 0 || i >= playerCount)
            {
                throw new ArgumentOutOfRangeException(nameof(members), i, $"Player index {i} is outside 0..{playerCount - 1}.");
            }

            words[i >> 6] |= 1UL << (i & 63);
        }

        return new Coalition(playerCount, words);
    }

    /// <summary>The coalition whose members are the set bits of <paramref name="mask"/> (bit i = player i); at most 64 players.</summary>
    /// <exception cref="ArgumentOutOfRangeException">When <paramref name="playerCount"/> is not in 0..64 or the mask has bits at or above it.</exception>
    public static Coalition FromMask(int playerCount, ulong mask)
    {
        if (playerCount is < 0 or > 64)
        {
            throw new ArgumentOutOfRangeException(nameof(playerCount), playerCount, "A coalition given as a 64-bit mask has at most 64 players.");
        }

        if (playerCount < 64 && (mask >> playerCount) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(mask), mask, $"The mask has bits at or above player {playerCount}.");
        }

        return new Coalition(playerCount, playerCount == 0 ? [] : [mask]);
    }

    /// <summary>Builds a coalition from a word array the caller gives up (no copy).</summary>
    internal static Coalition FromWords(int playerCount, ulong[] words) => new(playerCount, words);

    /// <summary>The members as a 64-bit mask (bit i = player i).</summary>
    /// <exception cref="InvalidOperationException">When the game has more than 64 players.</exception>
    public ulong ToMask() => PlayerCount <= 64
        ? (_words.Length == 0 ? 0UL : _words[0])
        : throw new InvalidOperationException($"A coalition of a {PlayerCount}-player game does not fit a 64-bit mask.");

    /// <summary>Whether player <paramref name="player"/> is a member.</summary>
    public bool Contains(int player) =>
        player >= 0 && player < PlayerCount && (_words[player >> 6] & (1UL << (player & 63))) != 0;

    /// <summary>This coalition with player <paramref name="player"/> added.</summary>
    /// <exception cref="ArgumentOutOfRangeException">When the index is outside 0..N−1.</exception>
    public Coalition With(int player)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(player);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(player, PlayerCount);
        var words = (ulong[])_words.Clone();
        words[player >> 6] |= 1UL << (player & 63);
        return new Coalition(PlayerCount, words);
    }

    /// <summary>The member ids, given the game's player ids, as "{a, b, c}".</summary>
    public string Describe(IReadOnlyList<string> playerIds)
    {
        ArgumentNullException.ThrowIfNull(playerIds);
        var sb = new StringBuilder("{");
        var first = true;
        foreach (var i in Members)
        {
            sb.Append(first ? string.Empty : ", ").Append(i < playerIds.Count ? playerIds[i] : i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            first = false;
        }

        return sb.Append('}').ToString();
    }

    /// <inheritdoc />
    public bool Equals(Coalition? other) =>
        other is not null && other.PlayerCount == PlayerCount && _words.AsSpan().SequenceEqual(other._words);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as Coalition);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var h = new HashCode();
        h.Add(PlayerCount);
        foreach (var w in _words)
        {
            h.Add(w);
        }

        return h.ToHashCode();
    }

    /// <summary>The member indices as "{0, 2, 5}".</summary>
    public override string ToString() => Describe([]);

    internal static int WordCount(int playerCount) => (playerCount + 63) >> 6;

    private int[] ComputeMembers()
    {
        var list = new List<int>();
        for (var k = 0; k < _words.Length; k++)
        {
            var w = _words[k];
            while (w != 0)
            {
                var b = BitOperations.TrailingZeroCount(w);
                list.Add((k << 6) + b);
                w &= w - 1;
            }
        }

        return [.. list];
    }
}
