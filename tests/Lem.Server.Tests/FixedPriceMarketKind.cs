using System.Text.Json.Nodes;
using Lem.Server.Api;
using Lem.Server.Engine.Markets;

namespace Lem.Server.Tests;

/// <summary>
/// A toy market kind registered from the test assembly only: <c>fixed_price</c>, which trades at one constant price set
/// at creation (<c>fixed_price_eur_per_mwh</c>). It shows that a kind plugs into the server through the registry alone.
/// </summary>
internal sealed class FixedPriceMarketKind : IServerMarketKind
{
    public const string PriceField = "fixed_price_eur_per_mwh";

    public string Mechanism => "fixed_price";

    public void ReadSettings(MarketCreateForm form)
    {
        var price = form.Body.Decimal(PriceField, required: form.Mechanism == Mechanism);
        if (price is null)
        {
            return;
        }

        if (form.Mechanism != Mechanism)
        {
            form.Body.Errors[PriceField] = "applies only with mechanism fixed_price";
        }
        else if (price < form.MinPriceEurPerMwh || price > form.MaxPriceEurPerMwh || price % form.TickSizeEurPerMwh != 0)
        {
            form.Body.Errors[PriceField] = "must be a whole number of ticks within the price band";
        }
        else
        {
            form.Extra[PriceField] = price;
        }
    }

    public IServerMarket Create(Engine.MarketSpec spec, JsonObject payload, IMarketHost host) =>
        new FixedPriceServerMarket(spec, host, payload[PriceField]!.GetValue<decimal>());
}
