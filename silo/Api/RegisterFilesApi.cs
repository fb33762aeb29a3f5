using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
using VillageCollective.Silo.Hosting;
using VillageCollective.Grains.Village;
using VillageCollective.Silo.Import;
using VillageCollective.Silo.Storage;

namespace VillageCollective.Silo.Api;

/// <summary>The register as files: the template to download, import (.xlsx or CSV, all or nothing), export as of a date (.xlsx or CSV).</summary>
public static class RegisterFilesApi
{
    /// <summary>The largest file an import accepts (50 MB: a 10,000-household register is about 2 MB).</summary>
    public const int MaxBytes = 50 * 1024 * 1024;

    public static IEndpointRouteBuilder MapRegisterFilesApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/villages/{villageId:long}/register").WithTags("Register files");
        group.MapGet("/template.xlsx", (long villageId, ClaimsPrincipal user) =>
        {
            return TypedResults.File(RegisterFileWriter.Xlsx([], notes: true), RegisterFileWriter.XlsxType, "股权台账模板.xlsx");
        }).RequireAuthorization(VillagePolicies.Read);
        group.MapGet("/template.csv", (long villageId, ClaimsPrincipal user) =>
        {
            return TypedResults.File(RegisterFileWriter.Csv([]), "text/csv; charset=utf-8", "股权台账模板.csv");
        }).RequireAuthorization(VillagePolicies.Read);
        group.MapGet("/export.xlsx", async (long villageId, DateOnly? asOf, ClaimsPrincipal user, NpgsqlDataSource db, TimeProvider clock, CancellationToken ct) =>
        {
            var date = asOf ?? clock.Today();
            return TypedResults.File(RegisterFileWriter.Xlsx(await ExportRowsAsync(db, villageId, date, ct), notes: false), RegisterFileWriter.XlsxType, $"股权台账-{date:yyyy-MM-dd}.xlsx");
        }).RequireAuthorization(VillagePolicies.Read);
        group.MapGet("/export.csv", async (long villageId, DateOnly? asOf, ClaimsPrincipal user, NpgsqlDataSource db, TimeProvider clock, CancellationToken ct) =>
        {
            var date = asOf ?? clock.Today();
            return TypedResults.File(RegisterFileWriter.Csv(await ExportRowsAsync(db, villageId, date, ct)), "text/csv; charset=utf-8", $"股权台账-{date:yyyy-MM-dd}.csv");
        }).RequireAuthorization(VillagePolicies.Read);
        group.MapPost("/import", Import).RequireAuthorization(VillagePolicies.Write);
        return routes;
    }

    /// <summary>The result of an import that wrote.</summary>
    public sealed record ImportResultDto(string Format, string? Encoding, int Households, int Members, string Shares, long FirstMovementNo, long LastMovementNo);

    /// <summary>
    /// Imports the request body (the file's bytes: .xlsx, or CSV in UTF-8 or GB18030) into the register: new households with their
    /// members and one allocation movement each, dated <paramref name="effectiveOn"/>. A file with any error writes nothing and is
    /// answered 422 with <c>errors</c>: every row, column and rule.
    /// </summary>
    public static async Task<Results<Ok<ImportResultDto>, ProblemHttpResult>> Import(long villageId, DateOnly? effectiveOn, string? fileName,
        HttpRequest request, ClaimsPrincipal user, IGrainFactory grains, CancellationToken ct)
    {
        var date = RequestFields.Required(effectiveOn, "effectiveOn");
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, ct);
        if (buffer.Length == 0 || buffer.Length > MaxBytes)
        {
            throw new ProblemException(StatusCodes.Status400BadRequest, "import.size", "file", $"文件为空或超过50MB (the file is empty or larger than 50 MB)");
        }
        Sheet sheet;
        try
        {
            sheet = SheetReader.Read(buffer.ToArray());
        }
        catch (Exception e) when (e is InvalidDataException or DocumentFormat.OpenXml.Packaging.OpenXmlPackageException or IOException or System.Xml.XmlException)
        {
            throw new ProblemException(StatusCodes.Status422UnprocessableEntity, "import.unreadable", "file", $"无法读取文件，请上传.xlsx或CSV (the file is neither .xlsx nor CSV): {e.Message}");
        }
        var reason = $"导入股权台账{(string.IsNullOrWhiteSpace(fileName) ? "" : $"（{fileName.Trim()}）")}";
        var outcome = await grains.GetGrain<IVillageGrain>(villageId).ImportRegisterAsync(sheet.Rows, date, reason, VillageAccess.Actor(user));
        if (outcome.Errors.Count > 0)
        {
            var errors = outcome.Errors.Select(e => new ImportError(e.Row, e.Column, e.Rule, e.Message)).ToList();
            var problem = new ProblemDetails
            {
                Status = StatusCodes.Status422UnprocessableEntity,
                Title = "违反规则 (Rule broken)",
                Detail = $"文件有{errors.Count}处错误，未导入任何数据 (the file has {errors.Count} errors; nothing was imported)",
                Extensions = { ["code"] = "import.invalid", ["field"] = "file", ["errors"] = errors },
            };
            return TypedResults.Problem(problem);
        }
        return TypedResults.Ok(new ImportResultDto(sheet.Format, sheet.Encoding, outcome.Households, outcome.Members,
            MovementDto.Shares(outcome.Shares), outcome.FirstMovementNo, outcome.LastMovementNo));
    }

    // The template's rows: the household's holdings on its head's rows (one per class), the stated total on the first, IDs masked.
    private static async Task<List<string[]>> ExportRowsAsync(NpgsqlDataSource db, long villageId, DateOnly asOf, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var households = await RegisterByClassReader.ReadAsync(connection, villageId, asOf, ct);
        var classes = (await CharterStore.ReadAsync(connection, null, villageId, ct)).Classes.ToDictionary(c => c.Code, c => c.Name);
        var members = new Dictionary<long, List<(string Name, string Id, string Relation, string Phone)>>();
        await using (var command = new NpgsqlCommand("""
            SELECT household_id, name, resident_id, relation, phone FROM members
            WHERE village_id = $1 AND ended_on IS NULL ORDER BY household_id, (relation = '户主') DESC, birth_date, id
            """, connection))
        {
            command.Parameters.Add(new() { Value = villageId });
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                if (!members.TryGetValue(reader.GetInt64(0), out var list)) members[reader.GetInt64(0)] = list = [];
                list.Add((reader.GetString(1), Grains.Household.ResidentId.Parse(reader.GetString(2)).Masked, reader.GetString(3), reader.GetString(4)));
            }
        }
        var rows = new List<string[]>();
        foreach (var h in households)
        {
            var people = members.GetValueOrDefault(h.HouseholdId) ?? [];
            var total = MovementDto.Shares(h.Holdings.Sum(x => x.Shares));
            var first = true;
            for (var i = 0; i < people.Count; i++)
            {
                var p = people[i];
                var holdings = i == 0 && h.Holdings.Count > 0 ? h.Holdings.Select(x => (Class: classes.GetValueOrDefault(x.ClassCode, x.ClassCode), Shares: MovementDto.Shares(x.Shares))).ToList() : [("", "")];
                foreach (var (shareClass, shares) in holdings)
                {
                    rows.Add([h.Number.ToString(CultureInfo.InvariantCulture), h.HeadName, h.VillageGroup, h.Address, p.Name, p.Id, p.Relation,
                        shareClass, shares, first ? total : "", p.Phone]);
                    first = false;
                }
            }
        }
        return rows;
    }
}
