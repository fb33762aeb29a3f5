using System.Globalization;
using System.Security.Claims;
using System.Text;
using CsvHelper;
using VillageCollective.Grains.DividendDay;
using VillageCollective.Grains.Money;
using VillageCollective.Silo.Hosting;
using VillageCollective.Silo.Storage;
using VillageCollective.Silo.Storage.DividendDay;

namespace VillageCollective.Silo.Api;

/// <summary>
/// The bank batch file (银行批量代发文件) of the lines marked "transferred to bank", written with CsvHelper. Columns, in order:
/// <list type="table">
/// <item><term>序号</term><description>the line number of the checklist</description></item>
/// <item><term>户号</term><description>household number</description></item>
/// <item><term>户主</term><description>head of household</description></item>
/// <item><term>收款人</term><description>the account holder: the head, or the first current member with a payout account</description></item>
/// <item><term>收款账号</term><description>the full payout account (bank card or 一卡通 number) from the register; empty when the
/// household has none (the bank cannot pay that line: record one on the household page)</description></item>
/// <item><term>金额</term><description>yuan with two decimals, no thousands separator, e.g. <c>1034.00</c></description></item>
/// <item><term>大写金额</term><description>the amount in capital numerals</description></item>
/// <item><term>批次号</term><description>the batch reference the cashier recorded</description></item>
/// <item><term>登记人</term><description>the cashier's login</description></item>
/// <item><term>登记时间</term><description>when it was recorded, China time, <c>yyyy-MM-dd HH:mm:ss</c></description></item>
/// </list>
/// The accounts are shown in full only here, and each download is written to the audit trail as a look at them
/// (<see cref="PersonalData.RevealPayoutAccountsAsync"/>). Bank-specific templates are not made. UTF-8 with a byte order mark by default (Excel reads it); <c>?encoding=gb18030</c> for
/// older Chinese Excel and bank tools.
/// </summary>
public static class BankBatchCsv
{
    public sealed record BankBatchRow(int LineNo, int HouseholdNumber, string HeadName, string Holder, string Account, string Amount, string AmountInWords,
        string BatchReference, string RecordedBy, string RecordedAt);

    /// <summary>The column names, in order (see the class summary).</summary>
    public static readonly string[] Columns = ["序号", "户号", "户主", "收款人", "收款账号", "金额", "大写金额", "批次号", "登记人", "登记时间"];

    public static IEndpointRouteBuilder MapBankBatchCsv(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/villages/{villageId:long}/dividend-runs/{runId:long}/meeting/bank-batch.csv", GetAsync).RequireAuthorization(VillagePolicies.DividendDay).WithTags("Dividend meeting");
        return routes;
    }

    /// <summary>The transferred lines as CSV; <paramref name="batchReference"/> keeps one batch.</summary>
    public static async Task<IResult> GetAsync(long villageId, long runId, string? batchReference, string? encoding, ClaimsPrincipal user,
        PayoutQueries queries, PersonalData personalData, CancellationToken cancellationToken)
    {
        var textEncoding = encoding?.ToLowerInvariant() switch
        {
            null or "" or "utf-8" => new UTF8Encoding(encoderShouldEmitUTF8Identifier: true),
            "gb18030" => Gb18030(),
            _ => throw new ProblemException(StatusCodes.Status400BadRequest, "request.encoding", "encoding", "编码应为 utf-8 或 gb18030 (encoding is utf-8 or gb18030)"),
        };
        if (await queries.BoardAsync(villageId, runId, cancellationToken) is null) throw ProblemException.NotFound("runId", "分红计算");
        var lines = (await queries.ListAsync(villageId, runId, null, PayoutStatus.TransferredToBank, cancellationToken))
            .Where(l => string.IsNullOrWhiteSpace(batchReference) || l.Last?.BatchReference == batchReference.Trim())
            .ToList();
        var accounts = await personalData.RevealPayoutAccountsAsync(villageId, runId, lines.Select(l => l.LineNo).ToArray(), cancellationToken);
        var rows = lines
            .Select(l => new BankBatchRow(l.LineNo, l.HouseholdNumber, l.HeadName,
                accounts.TryGetValue(l.LineNo, out var a) ? a.Holder : l.HeadName, accounts.TryGetValue(l.LineNo, out var b) ? b.Account : "",
                l.Amount.ToPlainString(), CapitalNumerals.Format(l.Amount),
                l.Last!.BatchReference ?? "", l.Last.Cashier,
                TimeZoneInfo.ConvertTime(l.Last.At, ChinaClock.Zone).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)))
            .ToList();

        var buffer = new MemoryStream();
        await using (var writer = new StreamWriter(buffer, textEncoding, leaveOpen: true))
        await using (var csv = CsvWriter.Create(writer, new CsvWriterOptions(), true))
        {
            // Every field is text already formatted here (amounts to the fen), so CsvHelper only quotes and separates.
            csv.WriteHeader(Columns);
            foreach (var row in rows)
            {
                await csv.WriteRecordAsync([row.LineNo.ToString(CultureInfo.InvariantCulture), row.HouseholdNumber.ToString(CultureInfo.InvariantCulture),
                    row.HeadName, row.Holder, row.Account, row.Amount, row.AmountInWords, row.BatchReference, row.RecordedBy, row.RecordedAt], cancellationToken);
            }
        }
        var name = $"bank-batch-run{runId}{(string.IsNullOrWhiteSpace(batchReference) ? "" : "-" + batchReference.Trim())}.csv";
        return TypedResults.File(buffer.ToArray(), $"text/csv; charset={(textEncoding is UTF8Encoding ? "utf-8" : "gb18030")}", name);
    }

    private static Encoding Gb18030()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding("GB18030");
    }
}
