namespace Lem.Domain.Series;

/// <summary>One value per delivery slot of a horizon (a load profile in kW, a price series in EUR/MWh, ...).</summary>
/// <remarks>The unit is carried by the name of the member that holds the series, e.g. <c>DemandKw</c>.</remarks>
public sealed class SlotSeries
{
    private readonly double[] _values;

    /// <summary>Creates a series from values; throws when a value is not finite.</summary>
    public SlotSeries(IEnumerable<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        _values = [.. values];
        for (var i = 0; i < _values.Length; i++)
        {
            if (!double.IsFinite(_values[i]))
            {
                throw new ArgumentException($"Value {i} of the series is {_values[i]}; values must be finite.", nameof(values));
            }
        }
    }

    /// <summary>The series repeated cyclically to <paramref name="count"/> values (value t is value t mod <see cref="Count"/>); the series itself when the counts agree.</summary>
    /// <exception cref="InvalidOperationException">When the series is empty and <paramref name="count"/> is positive.</exception>
    public SlotSeries Repeated(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count == _values.Length)
        {
            return this;
        }

        if (_values.Length == 0 && count > 0)
        {
            throw new InvalidOperationException("An empty series cannot be repeated.");
        }

        return new SlotSeries(Enumerable.Range(0, count).Select(t => _values[t % _values.Length]));
    }

    /// <summary>A series holding the same value in every one of <paramref name="count"/> slots.</summary>
    public static SlotSeries Constant(double value, int count) => new(Enumerable.Repeat(value, count));

    /// <summary>The number of values.</summary>
    public int Count => _values.Length;

    /// <summary>The value of a slot.</summary>
    public double this[int slot] => _values[slot];

    /// <summary>The values as a read-only span.</summary>
    public ReadOnlySpan<double> AsSpan() => _values;

    /// <summary>The values in slot order.</summary>
    public IReadOnlyList<double> Values => _values;

    /// <summary>The sum of the values.</summary>
    public double Sum()
    {
        var s = 0.0;
        foreach (var v in _values)
        {
            s += v;
        }

        return s;
    }

    /// <summary>The largest value (0 for an empty series).</summary>
    public double Max() => _values.Length == 0 ? 0 : _values.Max();

    /// <summary>The smallest value (0 for an empty series).</summary>
    public double Min() => _values.Length == 0 ? 0 : _values.Min();

    /// <summary>The time integral of a power series in kW over slots of <paramref name="slotHours"/> hours, in kWh.</summary>
    public double IntegrateKwh(double slotHours) => Sum() * slotHours;
}
