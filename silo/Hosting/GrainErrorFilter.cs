using Npgsql;
using VillageCollective.Silo.Api;

namespace VillageCollective.Silo.Hosting;

/// <summary>
/// At the grain boundary, a database error that is a refusal (a unique key taken, text that cannot be stored) leaves the
/// grain as the <see cref="ProblemException"/> the HTTP handler would have made of it: a <see cref="PostgresException"/>
/// does not cross a grain call with its SQL state.
/// </summary>
public sealed class GrainErrorFilter : IIncomingGrainCallFilter
{
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        try
        {
            await context.Invoke();
        }
        catch (PostgresException e) when (DatabaseProblems.Of(e) is { } problem)
        {
            throw problem;
        }
    }
}
