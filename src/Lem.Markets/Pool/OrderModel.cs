namespace Lem.Markets.Pool;

/// <summary>An explicit order: one variable per step in [0, quantity] (as power, MW); an offer costs, a bid brings utility.</summary>
internal sealed class OrderModel(Order order, ParticipantId holder, int bus)
{
    private Variable[] _steps = [];

    public Order Order { get; } = order;

    /// <summary>The participant whose order list holds the order (its position and bus).</summary>
    public ParticipantId Holder { get; } = holder;

    public int Bus { get; } = bus;

    public void Build(PoolBuildContext c)
    {
        var t = Order.SlotIndex;
        var sign = Order.Side == OrderSide.Sell ? 1.0 : -1.0;
        _steps = new Variable[Order.Steps.Count];
        for (var k = 0; k < Order.Steps.Count; k++)
        {
            var (priceEurPerMwh, quantityMwh) = Read(Order.Steps[k]);
            var x = c.Model.AddVariable(0, quantityMwh / c.Hours, $"{Order.Id}.step{k}");
            _steps[k] = x;
            c.P[t][Bus].Add(x, sign);
            c.Cost[t].Add(x, sign * priceEurPerMwh * c.Hours);
        }
    }

    public void AddMeritSteps(MeritBook book, double hours)
    {
        for (var k = 0; k < _steps.Length; k++)
        {
            var x = _steps[k];
            var (priceEurPerMwh, quantityMwh) = Read(Order.Steps[k]);
            (int, double)? Write(double e) => (x.Index, e / hours);
            if (Order.Side == OrderSide.Sell)
            {
                book.AddOffer(priceEurPerMwh, quantityMwh, Write);
            }
            else
            {
                book.AddBid(priceEurPerMwh, quantityMwh, Write);
            }
        }
    }

    /// <summary>
    /// A step as the optimisation reads it: the price in EUR/MWh and the quantity in MWh, in double (the order's decimal
    /// kWh converted once, here; the quantity as kWh / 1000 in double, as before the order had decimal steps).
    /// </summary>
    internal static (double PriceEurPerMwh, double QuantityMwh) Read(PriceStep step) => ((double)step.PriceEurPerMwh, (double)step.QuantityKwh / 1000.0);

    /// <summary>The accepted energy per step, kWh.</summary>
    public OrderDispatch Read(double[] values, double hours) =>
        new(Order.Id, Holder, Order.Side, Order.SlotIndex, [.. _steps.Select(x => values[x.Index] * hours * 1000.0)]);

    /// <summary>The net injection of the order in its slot, kW.</summary>
    public double NetInjectionKw(double[] values) =>
        (Order.Side == OrderSide.Sell ? 1.0 : -1.0) * _steps.Sum(x => values[x.Index]) * 1000.0;
}
