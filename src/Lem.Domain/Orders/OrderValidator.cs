using System.Globalization;
using Lem.Domain.Validation;

namespace Lem.Domain.Orders;

/// <summary>
/// The one validator of <see cref="Order"/>s: every reader and every encoding of an order (the order book's ticks and
/// lots, the server's JSON, the auction CSV, the scenario JSON) checks its orders here, against the
/// <see cref="OrderRules"/> of its market. Problems come back as <see cref="ValidationError"/>s with JSON paths below
/// the given root (<c>$.slot</c>, <c>$.steps[1].price_eur_per_mwh</c>, …), in the order slot, steps, then per step price
/// and quantity; never thrown.
/// </summary>
/// <remarks>
/// Step monotonicity needs no rule: an <see cref="Order"/> holds its steps in merit order by construction (offers by
/// ascending, bids by descending price), so its curve is monotone whatever order the steps were listed in.
/// </remarks>
public static class OrderValidator
{
    /// <summary>Every problem of <paramref name="order"/> under <paramref name="rules"/>; empty when it is valid.</summary>
    /// <param name="order">The order.</param>
    /// <param name="rules">The market's rules.</param>
    /// <param name="path">The JSON path of the order (the root of the errors' paths).</param>
    public static IReadOnlyList<ValidationError> Validate(Order order, OrderRules rules, string path = "$")
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(path);
        var errors = new List<ValidationError>();
        if (SlotProblem(order.SlotIndex, rules) is { } slot)
        {
            errors.Add(new ValidationError($"{path}.slot", ValidationCodes.ValueOutOfRange, slot));
        }

        if (rules.MaxSteps is { } maxSteps && order.Steps.Count > maxSteps)
        {
            errors.Add(new ValidationError($"{path}.steps", ValidationCodes.SizeLimit, $"The order has {order.Steps.Count} steps; at most {maxSteps} are allowed."));
        }

        for (var i = 0; i < order.Steps.Count; i++)
        {
            var step = order.Steps[i];
            var at = $"{path}.steps[{i}]";
            if (PriceProblem(step.PriceEurPerMwh, rules) is { } price)
            {
                errors.Add(new ValidationError($"{at}.price_eur_per_mwh", price.Code, price.Message));
            }

            if (QuantityProblem(step.QuantityKwh, rules) is { } quantity)
            {
                errors.Add(new ValidationError($"{at}.quantity_kwh", quantity.Code, quantity.Message));
            }
        }

        return errors;
    }

    /// <summary>The problem of a slot index under <paramref name="rules"/> (a sentence), or null.</summary>
    public static string? SlotProblem(int slot, OrderRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        if (slot < 0)
        {
            return $"The slot {slot} is negative; slots count from 0.";
        }

        return rules.SlotCount is { } count && slot >= count
            ? $"The slot {slot} is out of range; it must be in [0, {count - 1}]."
            : null;
    }

    /// <summary>The problem of a step's price under <paramref name="rules"/> (code and sentence), or null.</summary>
    public static (string Code, string Message)? PriceProblem(decimal priceEurPerMwh, OrderRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        if (priceEurPerMwh < rules.MinPriceEurPerMwh || priceEurPerMwh > rules.MaxPriceEurPerMwh)
        {
            return (ValidationCodes.ValueOutOfRange,
                $"The price {Text(priceEurPerMwh)} EUR/MWh is out of range; it must be within [{Text(rules.MinPriceEurPerMwh)}, {Text(rules.MaxPriceEurPerMwh)}] EUR/MWh.");
        }

        return rules.TickSizeEurPerMwh is { } tick && !TryWholeMultiple(priceEurPerMwh, tick, out _)
            ? (ValidationCodes.OrderPriceNotOnTick, NotOnTick(priceEurPerMwh, tick))
            : null;
    }

    /// <summary>The problem of a step's quantity under <paramref name="rules"/> (code and sentence), or null.</summary>
    public static (string Code, string Message)? QuantityProblem(decimal quantityKwh, OrderRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        if (quantityKwh <= 0)
        {
            return (ValidationCodes.ValueOutOfRange, $"The quantity {Text(quantityKwh)} kWh is out of range; it must be > 0.");
        }

        if (rules.MaxQuantityKwh is { } max && quantityKwh > max)
        {
            return (ValidationCodes.ValueOutOfRange, $"The quantity {Text(quantityKwh)} kWh is out of range; it must be at most {Text(max)} kWh.");
        }

        return rules.LotSizeKwh is { } lot && !TryWholeMultiple(quantityKwh, lot, out _)
            ? (ValidationCodes.OrderQuantityNotOnLot, NotOnLot(quantityKwh, lot))
            : null;
    }

    /// <summary>The sentence for a price that is not a whole number of ticks.</summary>
    public static string NotOnTick(decimal priceEurPerMwh, decimal tickEurPerMwh) =>
        $"The price {Text(priceEurPerMwh)} EUR/MWh is not a whole number of ticks of {Text(tickEurPerMwh)} EUR/MWh.";

    /// <summary>The sentence for a quantity that is not a whole number of lots.</summary>
    public static string NotOnLot(decimal quantityKwh, decimal lotKwh) =>
        $"The quantity {Text(quantityKwh)} kWh is not a whole number of lots of {Text(lotKwh)} kWh.";

    /// <summary>
    /// The one conformity rule for ticks and lots: <paramref name="value"/> is a whole number <paramref name="count"/> of
    /// <paramref name="unit"/> when the exact decimal remainder is zero and |count| is below 2^62 (so sums of counts
    /// cannot overflow). Nothing is rounded: a value off the grid, even by 10^-28, is not conforming.
    /// </summary>
    public static bool TryWholeMultiple(decimal value, decimal unit, out long count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(unit);
        count = 0;
        if (value % unit != 0)
        {
            return false;
        }

        var q = value / unit;
        if (q != decimal.Truncate(q) || q > long.MaxValue / 2 || q < long.MinValue / 2)
        {
            return false;
        }

        count = (long)q;
        return true;
    }

    private static string Text(decimal value) => (value / 1.0000000000000000000000000000m).ToString(CultureInfo.InvariantCulture);
}
