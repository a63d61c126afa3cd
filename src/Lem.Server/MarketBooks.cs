using Lem.Markets.OrderBook;
using Lem.Server.Engine.Markets;
using Lem.Server.Engine.Markets.Continuous;

namespace Lem.Server;

/// <summary>The order books behind a market, for inspection (tests, diagnostics): only a continuous market has them.</summary>
internal static class MarketBooks
{
    extension(IServerMarket market)
    {
        /// <summary>The market's order books, or null when it is not a continuous market.</summary>
        public ContinuousMarket? Books => (market as ContinuousServerMarket)?.Books;
    }
}
