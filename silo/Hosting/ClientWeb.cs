using Microsoft.Extensions.FileProviders;

namespace VillageCollective.Silo.Hosting;

/// <summary>
/// Serves the browser client (the static files in <c>client-web/</c>) without a login, and ECharts' dist files at
/// <c>/vendor/</c> (from <c>client-web/node_modules/echarts/dist</c>, restored by <c>npm ci</c> in scripts/run and scripts/test).
/// </summary>
public static class ClientWeb
{
    /// <summary>
    /// Serves <c>client-web/</c>: from configuration <c>ClientWeb:Path</c> when set, otherwise the first
    /// <c>client-web</c> folder found walking up from the content root or the binaries (so it works from
    /// <c>scripts/run</c>, from <c>dotnet run</c> and from the test host alike).
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">No client-web folder was found.</exception>
    public static WebApplication UseClientWeb(this WebApplication app)
    {
        var root = app.Configuration["ClientWeb:Path"] ?? Find(app.Environment.ContentRootPath) ?? Find(AppContext.BaseDirectory)
            ?? throw new DirectoryNotFoundException("client-web/ was not found; set ClientWeb:Path.");
        var files = new PhysicalFileProvider(Path.GetFullPath(root));
        // node_modules/ holds the vendored libraries (npm ci at build time): only their dist files are served, under /vendor.
        app.Use((context, next) => context.Request.Path.StartsWithSegments("/node_modules")
            ? Results.NotFound().ExecuteAsync(context)
            : next(context));
        var echarts = Path.Combine(Path.GetFullPath(root), "node_modules", "echarts", "dist");
        if (Directory.Exists(echarts))
        {
            app.UseStaticFiles(new StaticFileOptions { FileProvider = new PhysicalFileProvider(echarts), RequestPath = "/vendor" });
        }
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            // The client is small and changes with the silo: always revalidate so a new version shows at once.
            OnPrepareResponse = context => context.Context.Response.Headers.CacheControl = "no-cache",
        });
        return app;
    }

    private static string? Find(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "client-web");
            if (File.Exists(Path.Combine(candidate, "index.html")))
            {
                return candidate;
            }
        }
        return null;
    }
}
