namespace Lem.Server.Api;

/// <summary>
/// The answer of <c>GET /v1/markets/{id}/trades</c>: <c>{market_id, trade_count, trades}</c>, each trade as the public
/// stream shows it (<see cref="Views.PublicTrade"/>). The trades are immutable records picked under the engine's lock;
/// they are written here, after the lock, straight into the response, so a read of 10,000 trades holds no one up
/// (docs/dashboard.md).
/// </summary>
internal sealed class MarketTradesResult(string marketId, int tradeCount, IReadOnlyList<ServerTrade> trades) : IResult
{
    /// <inheritdoc />
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        httpContext.Response.StatusCode = StatusCodes.Status200OK;
        httpContext.Response.ContentType = "application/json; charset=utf-8";
        await using var writer = new Utf8JsonWriter(httpContext.Response.Body);
        writer.WriteStartObject();
        writer.WriteString("market_id", marketId);
        writer.WriteNumber("trade_count", tradeCount);
        writer.WriteStartArray("trades");
        for (var i = 0; i < trades.Count; i++)
        {
            Views.PublicTrade(trades[i]).WriteTo(writer);
            if (writer.BytesPending > 32 * 1024)
            {
                await writer.FlushAsync(httpContext.RequestAborted).ConfigureAwait(false);
            }
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        await writer.FlushAsync(httpContext.RequestAborted).ConfigureAwait(false);
    }
}
