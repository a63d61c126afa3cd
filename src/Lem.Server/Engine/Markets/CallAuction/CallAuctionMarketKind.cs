using Lem.Server.Api;
using Lem.Server.Engine.Markets.Continuous;
using Lem.Server.Engine.Markets.SealedBids;

namespace Lem.Server.Engine.Markets.CallAuction;

/// <summary>
/// The <c>call_auction</c> kind: a uniform-price call auction per slot; with <c>sealed_bids: true</c> a sealed-bid call
/// auction (commit before gate closure, reveal until the reveal deadline, cleared then).
/// </summary>
internal sealed class CallAuctionMarketKind : IServerMarketKind
{
    /// <summary>The reveal window of a sealed-bid market when the operator names none, in seconds.</summary>
    public const int DefaultRevealWindowSeconds = 300;

    private const string SealedBidsField = "sealed_bids";
    private const string RevealWindowField = "reveal_window_seconds";

    /// <inheritdoc />
    public string Mechanism => "call_auction";

    /// <inheritdoc />
    public void ReadSettings(MarketCreateForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var body = form.Body;
        var sealedBids = body.Bool(SealedBidsField, required: false) ?? false;
        var revealWindow = body.Int(RevealWindowField, 1, 86_400, required: false);
        if (sealedBids && form.Mechanism is { } other && other != Mechanism)
        {
            body.Errors[SealedBidsField] = "needs mechanism call_auction (a continuous market matches orders on arrival, a pool clears the scenario's orders)";
        }
        else if (!sealedBids && revealWindow is not null)
        {
            body.Errors[RevealWindowField] = "applies only with sealed_bids: true";
        }
        else if (sealedBids && form.GateClosureLeadMinutes is { } leadMinutes && (revealWindow ?? DefaultRevealWindowSeconds) > leadMinutes * 60)
        {
            body.Errors[RevealWindowField] = $"must not exceed the gate-closure lead ({leadMinutes * 60} s): a slot must clear before its delivery starts";
        }

        if (sealedBids && form.Mechanism == Mechanism)
        {
            form.Extra[SealedBidsField] = true;
            form.Extra[RevealWindowField] = revealWindow ?? DefaultRevealWindowSeconds;
        }
        else if (!sealedBids)
        {
            // A sealed-bid market takes commitments only, which have their own cap (SealedBidServerMarket).
            form.ReadOpenOrderCap(Mechanism);
        }
    }

    /// <inheritdoc />
    public IServerMarket Create(MarketSpec spec, JsonObject payload, IMarketHost host)
    {
        ArgumentNullException.ThrowIfNull(payload);
        return payload[SealedBidsField] is JsonValue v && v.GetValue<bool>()
            ? new SealedBidServerMarket(spec, host, payload[RevealWindowField]!.GetValue<int>())
            : new CallAuctionServerMarket(spec, host, OpenOrderCap.Read(payload));
    }
}
