using System.Collections.Frozen;
using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace Lem.Server.Api;

/// <summary>
/// The web dashboard (docs/dashboard.md): <c>GET /</c> answers its page and <c>GET /dashboard/{file}</c> its scripts,
/// styles and the charting library, all embedded in this assembly at build time (the library from the npm registry,
/// src/Lem.Server/Dashboard/package.json), so the server needs no CDN and works offline. The page reads the public
/// <c>/v1</c> API and, once signed in, sends the API key the user typed, which the browser keeps in sessionStorage only.
/// </summary>
internal static class DashboardEndpoints
{
    /// <summary>The prefix of the dashboard's embedded resources (their logical names, set in the .csproj).</summary>
    private const string ResourcePrefix = "dashboard/";

    /// <summary>The policy of every dashboard response: scripts and data from this server only, no framing.</summary>
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    private static readonly FrozenDictionary<string, string> ContentTypes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".svg"] = "image/svg+xml",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>The embedded files by name (read once).</summary>
    private static readonly Lazy<FrozenDictionary<string, byte[]>> Files = new(Load);

    /// <summary>Maps <c>/</c> and <c>/dashboard/{file}</c>.</summary>
    public static void Map(IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/", (HttpContext c) => Serve(c, "index.html")).ExcludeFromDescription();
        app.MapGet("/dashboard/{file}", (HttpContext c, string file) => Serve(c, file)).ExcludeFromDescription();
    }

    /// <summary>The names of the embedded dashboard files (for tests and diagnostics).</summary>
    public static IReadOnlyCollection<string> FileNames => Files.Value.Keys;

    private static IResult Serve(HttpContext c, string file)
    {
        if (!Files.Value.TryGetValue(file, out var bytes) || !ContentTypes.TryGetValue(Path.GetExtension(file), out var type))
        {
            return Endpoints.Write(new CommandResult(404, Views.Problem(404, "Not found.", $"The dashboard has no file '{file}'.")));
        }

        var headers = c.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.CacheControl = "no-cache";
        headers["Referrer-Policy"] = "no-referrer";
        return Results.Bytes(bytes, type);
    }

    private static FrozenDictionary<string, byte[]> Load()
    {
        var assembly = Assembly.GetExecutingAssembly();
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            files[name[ResourcePrefix.Length..]] = copy.ToArray();
        }

        return files.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
