using Microsoft.Net.Http.Headers;

namespace Lem.Server.Api;

/// <summary>
/// Keeps clients' keep-alive connections honest when a body is refused (docs/server-limits.md): a request whose declared
/// <c>Content-Length</c> is over the limit gets 413 with <c>Connection: close</c> before anything else looks at it (the
/// body is never read, so the connection could not carry another request); an error answer to a chunked body, which the
/// endpoint may not have read and which Kestrel cannot drain past the limit, also says <c>Connection: close</c>.
/// Answers to bodies of declared size within the limit keep the connection (Kestrel drains what was not read).
/// </summary>
internal static class RequestHygiene
{
    /// <summary>The middleware; <paramref name="maxRequestBodyBytes"/> is the server's body size limit.</summary>
    public static Task InvokeAsync(HttpContext context, RequestDelegate next, long maxRequestBodyBytes)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var request = context.Request;
        if (request.ContentLength is { } declared && declared > maxRequestBodyBytes)
        {
            var response = context.Response;
            response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            response.Headers.Connection = "close";
            response.ContentType = "application/problem+json";
            var body = Views.Problem(413, "Payload too large.",
                $"Content-Length: {declared.ToString(CultureInfo.InvariantCulture)} bytes is over the server's limit of {maxRequestBodyBytes.ToString(CultureInfo.InvariantCulture)}; the body was not read and the connection is closed.");
            return response.WriteAsync(body.ToJsonString(), context.RequestAborted);
        }

        if (request.ContentLength is null && request.Headers.TransferEncoding.Count > 0)
        {
            context.Response.OnStarting(static state =>
            {
                var response = (HttpResponse)state;
                if (response.StatusCode >= 400)
                {
                    response.Headers[HeaderNames.Connection] = "close";
                }

                return Task.CompletedTask;
            }, context.Response);
        }

        return next(context);
    }
}
