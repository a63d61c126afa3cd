using System.Net;
using Microsoft.AspNetCore.Diagnostics;

namespace Lem.Server.Api;

/// <summary>
/// The body of answers that no endpoint wrote (unknown path 404, wrong method 405, wrong content type 415): an RFC 7807
/// problem as application/problem+json whatever the Accept header says, like every other error of the API.
/// </summary>
internal static class StatusCodeProblems
{
    /// <summary>Writes the problem of <paramref name="context"/>'s status code.</summary>
    public static Task WriteAsync(StatusCodeContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var http = context.HttpContext;
        var status = http.Response.StatusCode;
        var detail = status switch
        {
            StatusCodes.Status404NotFound => $"path: no endpoint at '{http.Request.Path}'; see /openapi/v1.json.",
            StatusCodes.Status405MethodNotAllowed => $"method: {http.Request.Method} is not allowed on '{http.Request.Path}'.",
            StatusCodes.Status415UnsupportedMediaType => "Content-Type: send the body as application/json.",
            _ => $"The request failed with status {status}.",
        };
        var title = Enum.IsDefined((HttpStatusCode)status) ? ((HttpStatusCode)status).ToString() : "Error";
        http.Response.ContentType = "application/problem+json";
        return http.Response.WriteAsync(Views.Problem(status, Spaced(title) + ".", detail).ToJsonString(), http.RequestAborted);
    }

    /// <summary>
    /// The status of an exception that escaped an endpoint: a <see cref="BadHttpRequestException"/>'s own (408 for a body
    /// slower than the minimum data rate, 413, 400 for malformed framing), 500 for anything else.
    /// </summary>
    public static int StatusOf(Exception exception) => exception is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError;

    private static string Spaced(string pascal) =>
        string.Concat(pascal.Select((c, i) => i > 0 && char.IsUpper(c) ? " " + char.ToLowerInvariant(c) : c.ToString()));
}
