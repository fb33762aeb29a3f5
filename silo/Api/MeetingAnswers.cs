using VillageCollective.Grains.DividendDay;

namespace VillageCollective.Silo.Api;

/// <summary>The meeting grain's answers as HTTP problems: not found (404) and the conflicts a cashier is told about (409).</summary>
public static class MeetingAnswers
{
    /// <summary>Returns a done or replayed answer; throws the problem of any other.</summary>
    /// <param name="answer">The grain's answer.</param>
    /// <param name="lineNo">The line the command named (0 for a meeting command), for the message.</param>
    /// <exception cref="ProblemException">404 <c>notFound</c> (run, line); 409 <c>payout.alreadyMarked</c> with <c>status</c>,
    /// <c>markedBy</c>, <c>tableNo</c>, <c>markedAt</c> and <c>eventId</c>; 409 <c>idempotency.keyReused</c>; 409 <c>payout.undoStale</c>;
    /// 409 <c>write.conflict</c>.</exception>
    public static MeetingAnswer Require(MeetingAnswer answer, int lineNo) => answer.Outcome switch
    {
        MeetingOutcome.Done or MeetingOutcome.Replayed => answer,
        MeetingOutcome.RunNotFound => throw ProblemException.NotFound("runId", "分红计算"),
        MeetingOutcome.LineNotFound => throw ProblemException.NotFound("lineNo", $"第{lineNo}行"),
        MeetingOutcome.AlreadyMarked => throw AlreadyMarked(answer.Event!),
        MeetingOutcome.KeyReused => throw new ProblemException(StatusCodes.Status409Conflict, "idempotency.keyReused", DividendRunsApi.IdempotencyHeader,
            "该请求编号已用于另一次标记 (this Idempotency-Key was used with another request)"),
        MeetingOutcome.UndoStale => throw new ProblemException(StatusCodes.Status409Conflict, "payout.undoStale", "eventId",
            "该户的标记已变更，请刷新后再撤销 (the line changed since; reload before undoing)"),
        _ => throw new ProblemException(StatusCodes.Status409Conflict, "write.conflict", "",
            "数据已被他人修改，请刷新后重试 (a concurrent change won; reload and retry)"),
    };

    private static ProblemException AlreadyMarked(PayoutLineEvent last) =>
        new(StatusCodes.Status409Conflict, "payout.alreadyMarked", "lineNo",
            $"该户已由{last.Cashier}（第{last.TableNo}桌）于{last.At.ToOffset(TimeSpan.FromHours(8)):yyyy-MM-dd HH:mm:ss}标记为{last.Status} "
            + $"(already marked {last.Status} by {last.Cashier} at table {last.TableNo} at {last.At:O})")
        {
            Extensions = new Dictionary<string, object?>
            {
                ["status"] = last.Status,
                ["markedBy"] = last.Cashier,
                ["tableNo"] = last.TableNo,
                ["markedAt"] = last.At,
                ["eventId"] = last.Id,
            },
        };
}
