namespace Lem.Grid.Network;

/// <summary>A piecewise-linear cost curve through break points (MATPOWER gencost model 1), points in increasing output.</summary>
public sealed record PiecewiseLinearCost : GeneratorCost
{
    /// <summary>The break points (p, f(p)) in increasing p.</summary>
    public required IReadOnlyList<CostPoint> Points { get; init; }

    /// <summary>Interpolates the cost at <paramref name="pMw"/>; outside the points the first or last segment is extended.</summary>
    public override double Evaluate(double pMw)
    {
        var points = Points;
        if (points.Count == 0)
        {
            return 0.0;
        }

        if (points.Count == 1)
        {
            return points[0].CostPerHour;
        }

        var segment = points.Count - 2;
        for (var i = 0; i < points.Count - 1; i++)
        {
            if (pMw <= points[i + 1].PMw)
            {
                segment = i;
                break;
            }
        }

        var a = points[segment];
        var b = points[segment + 1];
        var width = b.PMw - a.PMw;
        return width == 0 ? a.CostPerHour : a.CostPerHour + ((b.CostPerHour - a.CostPerHour) * (pMw - a.PMw) / width);
    }
}
