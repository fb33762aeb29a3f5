using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using VillageCollective.Grains.DividendDay;
using VillageCollective.Grains.Money;
using VillageCollective.Silo.Storage.DividendDay;

namespace VillageCollective.Silo.Api;

/// <summary>
/// The dividend meeting (分红大会) of a run: the accountant opens, closes and reopens it; cashiers mark and undo lines of
/// the payout checklist; the hall screen follows the live board by server-sent events.
/// </summary>
public static class DividendDayApi
{
    public sealed record CloseRequest(string? Reason, IReadOnlyList<TableCashIssued>? Tables);

    public sealed record ReopenRequest(string? Reason);

    public sealed record UndoRequest(long? EventId, int? TableNo, string? Reason);

    /// <summary>What a cashier sends to mark a line: the new status and what goes with it.</summary>
    /// <param name="TableNo">The cashier's table, 1 or more.</param>
    /// <param name="Status"><c>paid_in_cash</c>, <c>collected_by_proxy</c>, <c>transferred_to_bank</c> or <c>deferred</c>.</param>
    /// <param name="RecipientName">Who took the money (cash, proxy).</param>
    /// <param name="Relation">Their relation to the head (cash) or to the household (proxy).</param>
    /// <param name="RecipientId">Their resident ID (cash, proxy).</param>
    /// <param name="BatchReference">The bank batch reference (transfer).</param>
    /// <param name="Reason">Why (deferred).</param>
    public sealed record MarkRequest(int TableNo, string? Status, string? RecipientName, string? Relation, string? RecipientId,
        string? BatchReference, string? Reason);

    public static IEndpointRouteBuilder MapDividendDayApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/villages/{villageId:long}/dividend-runs/{runId:long}/meeting").WithTags("Dividend meeting");
        group.MapGet("/", GetMeeting).RequireAuthorization(VillagePolicies.Read);
        group.MapPost("/open", Open).RequireAuthorization(VillagePolicies.Write);
        group.MapPost("/close", Close).RequireAuthorization(VillagePolicies.Write);
        group.MapPost("/reopen", Reopen).RequireAuthorization(VillagePolicies.Write);
        group.MapGet("/lines", ListLines).RequireAuthorization(VillagePolicies.Read);
        group.MapPost("/lines/{lineNo:int}/mark", Mark).RequireAuthorization(VillagePolicies.DividendDay);
        group.MapPost("/lines/{lineNo:int}/undo", Undo).RequireAuthorization(VillagePolicies.DividendDay);
        group.MapGet("/lines/{lineNo:int}/events", History).RequireAuthorization(VillagePolicies.Read);
        group.MapGet("/board", GetBoard).RequireAuthorization(VillagePolicies.Read);
        group.MapGet("/board/stream", StreamBoard).RequireAuthorization(VillagePolicies.Read);
        group.MapGet("/report", Report).RequireAuthorization(VillagePolicies.Read);
        return routes;
    }

    public static async Task<Ok<MeetingDto>> GetMeeting(long villageId, long runId, ClaimsPrincipal user, MeetingStore meetings, CancellationToken cancellationToken)
    {
        var meeting = await meetings.GetAsync(villageId, runId, cancellationToken) ?? throw ProblemException.NotFound("runId", "分红大会");
        return TypedResults.Ok(ToDto(meeting));
    }

    /// <summary>Opens the meeting (accountant only): every line becomes pending.</summary>
    public static async Task<Ok<MeetingDto>> Open(long villageId, long runId, ClaimsPrincipal user, IGrainFactory grains, MeetingStore meetings,
        CancellationToken cancellationToken)
    {
        var command = new MeetingCommand(villageId, AccountantRole(user, villageId), VillageAccess.Actor(user));
        MeetingAnswers.Require(await grains.GetGrain<IDividendMeetingGrain>(runId).Open(command), 0);
        return TypedResults.Ok(ToDto((await meetings.GetAsync(villageId, runId, cancellationToken))!));
    }

    /// <summary>Closes the meeting (accountant only): pending lines are deferred with the reason; each table's cash is counted.</summary>
    public static async Task<Ok<ClosingReportDto>> Close(long villageId, long runId, CloseRequest request, ClaimsPrincipal user, IGrainFactory grains,
        MeetingStore meetings, PayoutQueries queries, CancellationToken cancellationToken)
    {
        var command = new MeetingCommand(villageId, AccountantRole(user, villageId), VillageAccess.Actor(user), request.Reason, request.Tables ?? []);
        MeetingAnswers.Require(await grains.GetGrain<IDividendMeetingGrain>(runId).Close(command), 0);
        return TypedResults.Ok(await ReportAsync(villageId, runId, meetings, queries, cancellationToken));
    }

    /// <summary>Reopens a closed meeting (accountant only, with a reason).</summary>
    public static async Task<Ok<MeetingDto>> Reopen(long villageId, long runId, ReopenRequest request, ClaimsPrincipal user, IGrainFactory grains,
        MeetingStore meetings, CancellationToken cancellationToken)
    {
        var command = new MeetingCommand(villageId, AccountantRole(user, villageId), VillageAccess.Actor(user), request.Reason);
        MeetingAnswers.Require(await grains.GetGrain<IDividendMeetingGrain>(runId).Reopen(command), 0);
        return TypedResults.Ok(ToDto((await meetings.GetAsync(villageId, runId, cancellationToken))!));
    }

    /// <summary>The checklist with statuses; <paramref name="search"/>: household number, head's name, pinyin initials, or the last 4+ digits of a member's ID.</summary>
    public static async Task<Ok<List<CheckLineDto>>> ListLines(long villageId, long runId, string? search, string? status, ClaimsPrincipal user,
        PayoutQueries queries, CancellationToken cancellationToken)
    {
        var wanted = string.IsNullOrWhiteSpace(status) ? (PayoutStatus?)null : PayoutStatuses.Parse(status);
        if (await queries.BoardAsync(villageId, runId, cancellationToken) is null) throw ProblemException.NotFound("runId", "分红计算");
        return TypedResults.Ok((await queries.ListAsync(villageId, runId, search, wanted, cancellationToken)).Select(CheckLineDto.From).ToList());
    }

    /// <summary>
    /// Marks a line once. Requires an <c>Idempotency-Key</c>: a replay returns the first event (200); the same key with another body
    /// is a 409; a line already marked is a 409 naming who marked it, at which table, when.
    /// </summary>
    /// <response code="201">Marked now.</response>
    /// <response code="200">A replay: this key already marked the line.</response>
    public static async Task<Results<Created<PayoutEventDto>, Ok<PayoutEventDto>>> Mark(long villageId, long runId, int lineNo, MarkRequest request,
        [FromHeader(Name = DividendRunsApi.IdempotencyHeader)] string? idempotencyKey, ClaimsPrincipal user, IGrainFactory grains)
    {
        var key = RequestFields.Required(idempotencyKey, DividendRunsApi.IdempotencyHeader);
        if (key.Length > 200)
        {
            throw new ProblemException(StatusCodes.Status400BadRequest, "request.tooLong", DividendRunsApi.IdempotencyHeader, "请求编号最长200个字符 (Idempotency-Key is at most 200 characters)");
        }
        var answer = MeetingAnswers.Require(await grains.GetGrain<IDividendMeetingGrain>(runId).Mark(new MarkPayoutLine(villageId, lineNo,
            request.TableNo, request.Status, request.RecipientName, request.Relation, request.RecipientId, request.BatchReference, request.Reason, key,
            VillageAccess.Actor(user))), lineNo);
        var dto = PayoutEventDto.From(answer.Event!);
        return answer.Outcome == MeetingOutcome.Replayed
            ? TypedResults.Ok(dto)
            : TypedResults.Created($"/api/villages/{villageId}/dividend-runs/{runId}/meeting/lines/{lineNo}/events", dto);
    }

    /// <summary>Undoes the line's current mark (<c>eventId</c>) with a reversing event and a reason.</summary>
    public static async Task<Ok<PayoutEventDto>> Undo(long villageId, long runId, int lineNo, UndoRequest request, ClaimsPrincipal user,
        IGrainFactory grains)
    {
        var command = new UndoPayoutMark(villageId, lineNo, RequestFields.Required(request.EventId, "eventId"), request.TableNo ?? 0, request.Reason,
            VillageAccess.Actor(user));
        var answer = MeetingAnswers.Require(await grains.GetGrain<IDividendMeetingGrain>(runId).Undo(command), lineNo);
        return TypedResults.Ok(PayoutEventDto.From(answer.Event!));
    }

    public static async Task<Ok<List<PayoutEventDto>>> History(long villageId, long runId, int lineNo, ClaimsPrincipal user, PayoutEvents events,
        CancellationToken cancellationToken)
    {
        return TypedResults.Ok((await events.HistoryAsync(villageId, runId, lineNo, cancellationToken)).Select(PayoutEventDto.From).ToList());
    }

    public static async Task<Ok<BoardDto>> GetBoard(long villageId, long runId, ClaimsPrincipal user, PayoutQueries queries, CancellationToken cancellationToken)
    {
        var board = await queries.BoardAsync(villageId, runId, cancellationToken) ?? throw ProblemException.NotFound("runId", "分红计算");
        return TypedResults.Ok(BoardDto.From(board));
    }

    /// <summary>The board as server-sent events (<c>event: board</c>): once now, then after every change committed by any silo.</summary>
    public static async Task<ServerSentEventsResult<BoardDto>> StreamBoard(long villageId, long runId, ClaimsPrincipal user, PayoutQueries queries,
        PayoutNotifications notifications, IHostApplicationLifetime lifetime, CancellationToken cancellationToken)
    {
        _ = await queries.BoardAsync(villageId, runId, cancellationToken) ?? throw ProblemException.NotFound("runId", "分红计算");
        return TypedResults.ServerSentEvents(Boards(villageId, runId, queries, notifications, lifetime, cancellationToken), "board");
    }

    private static async IAsyncEnumerable<BoardDto> Boards(long villageId, long runId, PayoutQueries queries, PayoutNotifications notifications,
        IHostApplicationLifetime lifetime, [EnumeratorCancellation] CancellationToken requestAborted)
    {
        // A stream also ends when the silo stops: a shutdown must not wait, until its timeout cancels the Orleans silo's own
        // stop, for the hall's screens to close (the screen reconnects to another silo).
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(requestAborted, lifetime.ApplicationStopping);
        var cancellationToken = stop.Token;
        using var subscription = notifications.Subscribe(runId);
        await notifications.Listening.WaitAsync(cancellationToken);
        while (!cancellationToken.IsCancellationRequested)
        {
            var board = await queries.BoardAsync(villageId, runId, cancellationToken);
            if (board is null) yield break;
            yield return BoardDto.From(board);
            try
            {
                await subscription.Signals.ReadAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                yield break;
            }
        }
    }

    /// <summary>The closing report: totals by status in figures and capital numerals, the latest cash counts, the journal.</summary>
    public static async Task<Ok<ClosingReportDto>> Report(long villageId, long runId, ClaimsPrincipal user, MeetingStore meetings, PayoutQueries queries,
        CancellationToken cancellationToken)
    {
        return TypedResults.Ok(await ReportAsync(villageId, runId, meetings, queries, cancellationToken));
    }

    private static async Task<ClosingReportDto> ReportAsync(long villageId, long runId, MeetingStore meetings, PayoutQueries queries, CancellationToken cancellationToken)
    {
        var meeting = await meetings.GetAsync(villageId, runId, cancellationToken) ?? throw ProblemException.NotFound("runId", "分红大会");
        var board = (await queries.BoardAsync(villageId, runId, cancellationToken))!;
        var counts = await queries.LatestCashCountsAsync(villageId, runId, cancellationToken);
        var paid = Yuan.Sum(counts.Select(c => c.Paid));
        return new ClosingReportDto(ToDto(meeting), BoardDto.From(board), counts.Select(CashCountDto.From).ToList(),
            Yuan.Sum(counts.Select(c => c.Issued)).ToPlainString(), paid.ToPlainString(), Yuan.Sum(counts.Select(c => c.Difference)).ToPlainString(),
            CapitalNumerals.Format(paid));
    }

    private static MeetingDto ToDto(MeetingRow m) => new(m.RunId, m.Status switch
    {
        MeetingStatus.Open => "open",
        MeetingStatus.Closed => "closed",
        _ => "not_opened",
    }, m.MeetingDate, m.Closings, m.Events);

    // The role this account holds in this village (an account may hold other roles elsewhere).
    private static MeetingRole? RoleOf(ClaimsPrincipal user, long villageId)
    {
        var roles = RoleGrant.Of(user).Where(g => g.VillageId == villageId).Select(g => g.Role).ToList();
        return roles.Contains(Roles.Accountant) ? MeetingRole.Accountant : roles.Contains(Roles.Cashier) ? MeetingRole.Cashier : null;
    }

    // The village.write policy has admitted only the village's accountant; the meeting grain checks the role again.
    private static MeetingRole AccountantRole(ClaimsPrincipal user, long villageId) =>
        RoleOf(user, villageId) ?? throw new InvalidOperationException("the village.write policy admitted an account with no role in the village");
}
