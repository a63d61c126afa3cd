namespace Lem.Markets.Distributed.Grid;

/// <summary>
/// The bus coupling of the P2P market with the grid agent (docs/mechanisms/admm.md#p2p-with-the-grid-agent): per bus
/// b, the positions there share Σ_{i at b} y_i = g_b with the grid agent's accepted injection g, where y_i is agent i's
/// net injection at its bus (its trades, plus for the outside market the grid's own draw Σ_b g_b, which it supplies).
/// Per iteration, after the agents' steps towards z_i + π_b/ρ: the grid agent's weighted projection of
/// Y_b − d_b(π_b + λ)/ρ (λ the energy price it pays for its draw, d_b the positions at b), the consensus points
/// z_i = y_i − π_b/ρ + (g_b − Y_b + d_bπ_b/ρ)/d_b and π_b ← π_b − ρ(Y_b − g_b)/d_b (π unscaled, like the P2P pair prices).
/// </summary>
internal sealed class GridConsensus
{
    private readonly GridAgent _grid;
    private readonly IAgent _endpoint;
    private readonly int[] _busOf;
    private readonly int _supplier;
    private readonly int _slots;
    private readonly int _buses;
    private readonly double[] _members;
    private readonly bool[] _hasPosition;
    private readonly double[] _price;
    private readonly double[] _supply;
    private readonly double[] _zEmpty;
    private readonly double[][] _y;
    private readonly double[][] _z;

    /// <summary>The coupling of P2P agents at the solver buses <paramref name="busOf"/>; <paramref name="supplier"/> supplies the grid's draw.</summary>
    /// <exception cref="ArgumentException">When an agent's bus or the supplier is out of range, or the grid agent was registered with other positions.</exception>
    /// <param name="grid">The grid agent (its public bus count and positions per bus).</param>
    /// <param name="busOf">The solver bus of each agent.</param>
    /// <param name="supplier">The agent that supplies the grid's draw.</param>
    /// <param name="slots">The number of slots.</param>
    /// <param name="endpoint">Where the grid agent answers (a hosted proxy; docs/cluster.md#the-grid-agent-as-a-grain), or null for <paramref name="grid"/> itself.</param>
    public GridConsensus(GridAgent grid, IReadOnlyList<int> busOf, int supplier, int slots, IAgent? endpoint = null)
    {
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(busOf);
        _grid = grid;
        _endpoint = endpoint ?? grid;
        _buses = grid.BusCount;
        _slots = slots;
        _busOf = [.. busOf];
        if (_busOf.Any(b => b < 0 || b >= _buses))
        {
            throw new ArgumentException($"Every agent's bus must be one of the {_buses} buses.", nameof(busOf));
        }

        _supplier = supplier >= 0 && supplier < _busOf.Length ? supplier : throw new ArgumentOutOfRangeException(nameof(supplier), supplier, "The supplier must be one of the agents.");
        _members = GridCoupling.PositionsPerBus(_buses, _busOf);
        if (!_members.SequenceEqual(grid.PositionsPerBus))
        {
            throw new ArgumentException("The grid agent was registered with other positions per bus than the agents' buses give.", nameof(grid));
        }

        _hasPosition = new bool[_buses];
        foreach (var b in _busOf)
        {
            _hasPosition[b] = true;
        }

        var size = _buses * slots;
        (_price, _zEmpty) = (new double[size], new double[size]);
        _supply = new double[slots];
        _y = [.. _busOf.Select(_ => new double[slots])];
        _z = [.. _busOf.Select(_ => new double[slots])];
    }

    /// <summary>The positions' count × T, the coupling's share of the residuals' dimension.</summary>
    public double Dimension => (double)_busOf.Length * _slots;

    /// <summary>
    /// The bus part of agent <paramref name="i"/>'s next signal: as the "mean", y_i − z_i, so that the agent's target
    /// y_i − x̄ + π_b/ρ is z_i + π_b/ρ; the bus's grid price; the outside market also the grid's draw it supplies.
    /// </summary>
    public BusSignal SignalFor(int i)
    {
        var offset = _busOf[i] * _slots;
        var gap = new double[_slots];
        for (var t = 0; t < _slots; t++)
        {
            gap[t] = _y[i][t] - _z[i][t];
        }

        return new BusSignal(gap, _price[offset..(offset + _slots)], i == _supplier ? [.. _supply] : null);
    }

    /// <summary>
    /// One coordination step after the agents answered with their trades' sums <paramref name="tradedKw"/> (agent-major, kW):
    /// the grid agent's projection, the consensus points and the bus prices. Returns the squared primal residual
    /// Σ_b (Y_b − g_b)²/d_b, the squared dual residual without ρ² (the consensus points' change), ‖y, z‖², Σ_i π_b(i)², and at
    /// the nodal prices π_b + λ the value of the energy positions and grid disagree on and the value of the positions
    /// (docs/mechanisms/admm.md#stopping-rule).
    /// The grid agent buys its own draw Σ_b g_b at the trades' energy price <paramref name="energyEurPerMwh"/> (per slot).
    /// </summary>
    public (double Primal2, double Dual2, double Norm2, double PriceNorm2, double Unmatched, double Value) Update(double[][] tradedKw, IReadOnlyList<double> energyEurPerMwh, double rho, MessageCounter counter)
    {
        ArgumentNullException.ThrowIfNull(energyEurPerMwh);
        ArgumentNullException.ThrowIfNull(tradedKw);
        ArgumentNullException.ThrowIfNull(counter);
        var size = _buses * _slots;
        var total = new double[size];
        double norm2 = 0;
        for (var i = 0; i < _busOf.Length; i++)
        {
            var offset = _busOf[i] * _slots;
            for (var t = 0; t < _slots; t++)
            {
                _y[i][t] = tradedKw[i][t] + (i == _supplier ? _supply[t] : 0.0);
                total[offset + t] += _y[i][t];
                norm2 += _y[i][t] * _y[i][t];
            }
        }

        // A_b = Y_b + d_b·w_b with w_b = −π_b/ρ; the grid agent projects A_b − d_b·λ/ρ (its draw's price) with weights 1/d_b.
        var pulled = new double[size];
        var requested = new double[size];
        for (var k = 0; k < size; k++)
        {
            var d = _members[k / _slots];
            pulled[k] = total[k] - (d * _price[k] / rho);
            requested[k] = pulled[k] - (d * energyEurPerMwh[k % _slots] / rho);
        }

        var message = new GridSignal(0, _slots, requested);
        counter.Add(1, message.EncodedBytes);
        var answer = _endpoint.Respond(message) as GridProposal ?? throw new InvalidOperationException($"Grid agent '{_grid.AgentId}' did not answer with a grid proposal.");
        counter.Add(1, answer.EncodedBytes);
        double dual2 = 0, primal2 = 0, price2 = 0;
        for (var i = 0; i < _busOf.Length; i++)
        {
            var offset = _busOf[i] * _slots;
            var d = _members[_busOf[i]];
            for (var t = 0; t < _slots; t++)
            {
                var k = offset + t;
                var updated = _y[i][t] - (_price[k] / rho) + ((answer.InjectionKw[k] - pulled[k]) / d);
                var change = updated - _z[i][t];
                dual2 += change * change;
                _z[i][t] = updated;
                norm2 += updated * updated;
            }
        }

        Array.Clear(_supply);
        for (var k = 0; k < size; k++)
        {
            var (b, t) = Math.DivRem(k, _slots);
            var g = answer.InjectionKw[k];
            _supply[t] += g;
            if (!_hasPosition[b])
            {
                var change = g - _zEmpty[k]; // an empty bus's zero position: its consensus point is g_b
                dual2 += change * change;
                _zEmpty[k] = g;
            }

            var residual = (total[k] - g) / _members[b];
            _price[k] -= rho * residual;
            primal2 += _members[b] * residual * residual;
        }

        double value = 0;
        for (var i = 0; i < _busOf.Length; i++)
        {
            var offset = _busOf[i] * _slots;
            for (var t = 0; t < _slots; t++)
            {
                price2 += _price[offset + t] * _price[offset + t];
                value += Math.Abs((_price[offset + t] + energyEurPerMwh[t]) * _y[i][t]);
            }
        }

        var perSlot = new double[_slots];
        for (var k = 0; k < size; k++)
        {
            perSlot[k % _slots] += (_price[k] + energyEurPerMwh[k % _slots]) * (total[k] - answer.InjectionKw[k]);
        }

        return (primal2, dual2, norm2, price2, perSlot.Sum(Math.Abs), value);
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
