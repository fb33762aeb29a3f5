using Microsoft.Extensions.Logging;

namespace VillageCollective.Silo.Tests;

/// <summary>
/// Writes the silo's errors (a 500's exception, an Orleans failure) to the file named by <c>VC_TEST_ERRORS</c>, which
/// scripts/test shows when a test fails: a test sees only the 500, and the console logs of a normal run are not kept.
/// </summary>
public sealed class ServerErrorLog(string path) : ILoggerProvider
{
    private static readonly Lock Gate = new();

    /// <summary>The provider for <c>VC_TEST_ERRORS</c>, or null when it is not set.</summary>
    public static ServerErrorLog? FromEnvironment() =>
        Environment.GetEnvironmentVariable("VC_TEST_ERRORS") is { Length: > 0 } path ? new ServerErrorLog(path) : null;

    public ILogger CreateLogger(string categoryName) => new Writer(path, categoryName);

    public void Dispose()
    {
    }

    private sealed class Writer(string path, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel)) return;
            var text = $"{DateTimeOffset.UtcNow:O} {logLevel} {category}: {formatter(state, exception)}{Environment.NewLine}{exception}{Environment.NewLine}";
            lock (Gate) File.AppendAllText(path, text);
        }
    }
}
