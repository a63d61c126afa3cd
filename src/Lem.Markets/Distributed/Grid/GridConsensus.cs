namespace Lem.Markets.Distributed.Grid;

/// <summary>
/// The bus coupling of the P2P market with the grid agent (docs/mechanisms/admm.md#p2p-with-the-grid-agent): per bus
/// b, the agents there and the grid agent (position −g_b) share Σ_{i at b} y_i − g_b = 0, where y_i is agent i's net
/// injection at its bus (its trades, plus for the outside market the grid's own draw Σ_b g_b, which it supplies).
/// Per iteration: the grid agent projects gᵏ + x̄ᵏ − (π + λ)/ρ (λ the energy price it pays for its draw), then x̄_b = (Σ_{i at b} y_i − g_b)/n_b and π_b ← π_b − ρx̄_b
/// (π unscaled, like the P2P pair prices, so a change of ρ leaves it in place).
/// </summary>
internal sealed class GridConsensus
{
    private readonly GridAgent _grid;
    private readonly int[] _busOf;
    private readonly int _supplier;
    private readonly int _slots;
    private readonly int _buses;
    private readonly double[] _members;
    private double[] _g;
    private double[] _gPrevious;
    private double[] _mean;
    private double[] _meanPrevious;
    private readonly double[] _price;
    private readonly double[] _supply;
    private double[][] _y;
    private double[][] _yPrevious;

    /// <summary>The coupling of P2P agents at the solver buses <paramref name="busOf"/>; <paramref name="supplier"/> supplies the grid's draw.</summary>
    /// <exception cref="ArgumentException">When an agent's bus or the supplier is out of range.</exception>
    public GridConsensus(GridAgent grid, IReadOnlyList<int> busOf, int supplier, int slots)
    {
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(busOf);
        _grid = grid;
        _buses = grid.BusCount;
        _slots = slots;
        _busOf = [.. busOf];
        if (_busOf.Any(b => b < 0 || b >= _buses))
        {
            throw new ArgumentException($"Every agent's bus must be one of the {_buses} buses.", nameof(busOf));
        }

        _supplier = supplier >= 0 && supplier < _busOf.Length ? supplier : throw new ArgumentOutOfRangeException(nameof(supplier), supplier, "The supplier must be one of the agents.");
        _members = new double[_buses];
        Array.Fill(_members, 1.0);
        foreach (var b in _busOf)
        {
            _members[b]++;
        }

        var size = _buses * slots;
        (_g, _gPrevious, _mean, _meanPrevious, _price) = (new double[size], new double[size], new double[size], new double[size], new double[size]);
        _supply = new double[slots];
        _y = [.. _busOf.Select(_ => new double[slots])];
        _yPrevious = [.. _busOf.Select(_ => new double[slots])];
    }

    /// <summary>Σ_b n_b·T, the coupling's share of the residuals' dimension.</summary>
    public double Dimension => _members.Sum() * _slots;

    /// <summary>The bus part of agent <paramref name="i"/>'s next signal.</summary>
    public BusSignal SignalFor(int i)
    {
        var offset = _busOf[i] * _slots;
        return new BusSignal(_mean[offset..(offset + _slots)], _price[offset..(offset + _slots)], i == _supplier ? [.. _supply] : null);
    }

    /// <summary>
    /// One coordination step after the agents answered with their trades' sums <paramref name="tradedKw"/> (agent-major, kW):
    /// the grid agent's projection, the bus means and prices. Returns the squared primal residual (the larger of the
    /// per-bus one and ‖A‖²/n for the aggregate imbalance A, as in the exchange with the grid agent), the squared dual
    /// residual without ρ², ‖y, g‖² and Σ_b n_b‖π_b‖². The grid agent buys its own draw Σ_b g_b at the trades' energy
    /// price <paramref name="energyEurPerMwh"/> (per slot), so its step is the projection of gᵏ + x̄ᵏ − (π + λ)/ρ.
    /// </summary>
    public (double Primal2, double Dual2, double Norm2, double PriceNorm2) Update(double[][] tradedKw, IReadOnlyList<double> energyEurPerMwh, double rho, MessageCounter counter)
    {
        ArgumentNullException.ThrowIfNull(energyEurPerMwh);
        ArgumentNullException.ThrowIfNull(tradedKw);
        ArgumentNullException.ThrowIfNull(counter);
        (_y, _yPrevious) = (_yPrevious, _y);
        for (var i = 0; i < _busOf.Length; i++)
        {
            for (var t = 0; t < _slots; t++)
            {
                _y[i][t] = tradedKw[i][t] + (i == _supplier ? _supply[t] : 0.0);
            }
        }

        var size = _buses * _slots;
        var requested = new double[size];
        for (var k = 0; k < size; k++)
        {
            requested[k] = _g[k] + _mean[k] - ((_price[k] + energyEurPerMwh[k % _slots]) / rho);
        }

        var message = new GridSignal(0, _slots, requested);
        counter.Add(1, message.EncodedBytes);
        var answer = _grid.Respond(message) as GridProposal ?? throw new InvalidOperationException($"Grid agent '{_grid.AgentId}' did not answer with a grid proposal.");
        counter.Add(1, answer.EncodedBytes);
        (_g, _gPrevious) = (_gPrevious, _g);
        (_mean, _meanPrevious) = (_meanPrevious, _mean);
        double norm2 = 0, dual2 = 0, primal2 = 0, price2 = 0;
        for (var k = 0; k < size; k++)
        {
            _g[k] = answer.InjectionKw[k];
            _mean[k] = -_g[k];
            norm2 += _g[k] * _g[k];
        }

        for (var i = 0; i < _busOf.Length; i++)
        {
            var offset = _busOf[i] * _slots;
            for (var t = 0; t < _slots; t++)
            {
                _mean[offset + t] += _y[i][t];
                norm2 += _y[i][t] * _y[i][t];
            }
        }

        Array.Clear(_supply);
        var aggregate = new double[_slots];
        for (var k = 0; k < size; k++)
        {
            var (b, t) = Math.DivRem(k, _slots);
            _supply[t] += _g[k];
            _mean[k] /= _members[b];
            aggregate[t] += _members[b] * _mean[k];
            _price[k] -= rho * _mean[k];
            primal2 += _members[b] * _mean[k] * _mean[k];
            price2 += _members[b] * _price[k] * _price[k];
            var d = (-_g[k] - _mean[k]) - (-_gPrevious[k] - _meanPrevious[k]);
            dual2 += d * d;
        }

        for (var i = 0; i < _busOf.Length; i++)
        {
            var offset = _busOf[i] * _slots;
            for (var t = 0; t < _slots; t++)
            {
                var d = (_y[i][t] - _mean[offset + t]) - (_yPrevious[i][t] - _meanPrevious[offset + t]);
                dual2 += d * d;
            }
        }

        var aggregate2 = aggregate.Sum(a => a * a) / _busOf.Length;
        return (Math.Max(primal2, aggregate2), dual2, norm2, price2);
    }

    /// <summary>The supplier's net injection: its trades plus the grid's draw it supplied last, kW per slot.</summary>
    public double[] SupplierInjection(IReadOnlyList<double> tradedKw) => [.. tradedKw.Select((v, t) => v + _supply[t])];

    /// <summary>The DLMP per slot and solver bus, EUR/MWh: π_b,t plus the slot's energy price.</summary>
    public double[][] Dlmps(IReadOnlyList<double> energyEurPerMwh)
    {
        ArgumentNullException.ThrowIfNull(energyEurPerMwh);
        var prices = new double[_slots][];
        for (var t = 0; t < _slots; t++)
        {
            prices[t] = new double[_buses];
            for (var b = 0; b < _buses; b++)
            {
                prices[t][b] = _price[(b * _slots) + t] + energyEurPerMwh[t];
            }
        }

        return prices;
    }
}
