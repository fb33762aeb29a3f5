namespace VillageCollective.Grains.Dividends;

/// <summary>Start the run of village <paramref name="VillageId"/>'s approved plan <paramref name="Year"/>/<paramref name="PlanVersion"/>
/// under <paramref name="IdempotencyKey"/> (at most 200 characters).</summary>
[GenerateSerializer, Alias("vc.RunStart")]
public sealed record RunStart(
    [property: Id(0)] long VillageId,
    [property: Id(1)] int Year,
    [property: Id(2)] int PlanVersion,
    [property: Id(3)] string IdempotencyKey);

/// <summary>What starting a run did: created run <paramref name="RunId"/> now, with <paramref name="LinesWritten"/> payout
/// lines, or found the one an earlier request made (<paramref name="Created"/> false, 0 lines).</summary>
[GenerateSerializer, Alias("vc.RunStarted")]
public sealed record RunStarted([property: Id(0)] long RunId, [property: Id(1)] bool Created, [property: Id(2)] int LinesWritten);

/// <summary>One village's part of a group of run starts: its <paramref name="Outcome"/>, or the refusal's code and message
/// that left it unwritten.</summary>
[GenerateSerializer, Alias("vc.RunStartReply")]
public sealed record RunStartReply(
    [property: Id(0)] RunStart Request,
    [property: Id(1)] RunStarted? Outcome,
    [property: Id(2)] string? RefusalCode,
    [property: Id(3)] string? RefusalMessage);
