using Lem.Domain.Progress;

namespace Lem.Cli.Progress;

/// <summary>
/// A thread-safe progress sink that keeps the latest report of every phase, in the order the phases first reported;
/// the renderer reads <see cref="Snapshot"/> on its own thread. Reporting costs one lock and one store, so an ADMM
/// engine may report every iteration.
/// </summary>
public sealed class ProgressBoard : IProgress<ProgressUpdate>
{
    private readonly Lock _gate = new();
    private readonly List<string> _order = [];
    private readonly Dictionary<string, ProgressUpdate> _latest = new(StringComparer.Ordinal);

    /// <summary>How many reports have arrived.</summary>
    public long Reports { get; private set; }

    /// <inheritdoc />
    public void Report(ProgressUpdate value)
    {
        ArgumentNullException.ThrowIfNull(value);
        lock (_gate)
        {
            if (!_latest.ContainsKey(value.Phase))
            {
                _order.Add(value.Phase);
            }

            _latest[value.Phase] = value;
            Reports++;
        }
    }

    /// <summary>The latest report of every phase, in the order the phases first reported.</summary>
    public IReadOnlyList<ProgressUpdate> Snapshot()
    {
        lock (_gate)
        {
            return [.. _order.Select(p => _latest[p])];
        }
    }
}
