namespace Lem.Markets.OrderBook;

/// <summary>How an order's location filter restricts the counterparty's location tag.</summary>
public enum LocationFilterMode
{
    /// <summary>Any counterparty, tagged or not.</summary>
    Any,

    /// <summary>Only counterparties tagged with exactly the filter's location.</summary>
    Only,

    /// <summary>Only counterparties not tagged with the filter's location (e.g. a GOPACS buy inside a congested area matched with sells outside it).</summary>
    Exclude,
}
