using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using VillageCollective.Silo.Import;
using static VillageCollective.Silo.Tests.Import.RegisterFiles;

namespace VillageCollective.Silo.Tests.Import;

[Collection(SiloCollection.Name)]
public sealed class RegisterImportTests(SiloFixture silo) : ResetTest<SiloFixture>(silo)
{
    private HttpClient _client = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _client = await Silo.AccountantAsync();
    }


    private async Task<HttpResponseMessage> Upload(byte[] file, string name = "台账.csv")
    {
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return await _client.PostAsync($"/api/villages/{Village}/register/import?effectiveOn=2017-12-31&fileName={Uri.EscapeDataString(name)}", content);
    }

    private Task<long> Households() => Silo.ScalarAsync<long>("SELECT count(*) FROM households");

    [Fact]
    public async Task A_valid_utf8_csv_adds_its_households_members_and_allocations()
    {
        var before = (await _client.GetJsonAsync($"/api/villages/{Village}?asOf=2018-01-01")).Dec("shares");

        var response = await Upload(Utf8(Csv(ValidRows())));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await response.JsonAsync();
        Assert.Equal("UTF-8", result.Str("encoding"));
        Assert.Equal(2, result.GetProperty("households").GetInt32());
        Assert.Equal(3, result.GetProperty("members").GetInt32());
        Assert.Equal("2.5", result.Str("shares"));
        Assert.Equal(before + 2.5m, (await _client.GetJsonAsync($"/api/villages/{Village}?asOf=2018-01-01")).Dec("shares"));
        var household = await _client.GetJsonAsync($"/api/villages/{Village}/households/1001");
        Assert.Equal("第七村民小组", household.Str("villageGroup"));
        Assert.Equal("1.5", household.GetProperty("holdings")[0].Str("shares"));
        Assert.Equal("allocation", (await _client.GetJsonAsync($"/api/villages/{Village}/households/1001/movements"))[0].Str("kind"));
    }

    [Fact]
    public async Task A_gb18030_csv_as_chinese_excel_saves_it_is_detected_and_imported()
    {
        var bytes = Gb18030(Csv(ValidRows()));
        Assert.Throws<System.Text.DecoderFallbackException>(() => new System.Text.UTF8Encoding(false, true).GetString(bytes));

        var response = await Upload(bytes);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("GB18030", (await response.JsonAsync()).Str("encoding"));
        Assert.Equal("张三", (await _client.GetJsonAsync($"/api/villages/{Village}/households/1001")).GetProperty("household").Str("headName"));
    }

    public static TheoryData<string, string[], int, string, string> BrokenFiles()
    {
        var v = ValidRows();
        return new()
        {
            { "duplicate ID number", [v[0], v[1], v[2].Replace(HeadB, SpouseA)], 4, "F（身份证号）", "residentId.duplicate" },
            { "wrong check character", [v[0].Replace(HeadA, HeadA[..17] + (HeadA[17] == '0' ? '1' : '0')), v[1], v[2]], 2, "F（身份证号）", "residentId.checkCharacter" },
            { "too many decimals", [v[0], v[1].Replace(",0.5,", ",0.25,"), v[2]], 3, "I（股数）", "shares.tooPrecise" },
            { "negative shares", [v[0], v[1], v[2].Replace(",1,1,", ",-1,1,")], 4, "I（股数）", "shares.negative" },
            { "unknown class", [v[0], v[1].Replace("基本股", "贡献股"), v[2]], 3, "H（股种）", "shareClass.unknown" },
            { "household without a head", [v[0], v[1], v[2].Replace(",户主,", ",子,")], 4, "G（与户主关系）", "household.noHead" },
            { "stated total that does not match", [v[0].Replace(",1.5,", ",2,"), v[1], v[2]], 2, "J（户合计股数）", "household.totalMismatch" },
            { "household number already in the register", [v[0], v[1], v[2].Replace("1002,", "7,")], 4, "A（户号）", "household.exists" },
            { "ID number already in the register", [v[0], v[1], v[2]], 0, "", "" },
        };
    }

    [Theory]
    [MemberData(nameof(BrokenFiles))]
    public async Task A_file_breaking_one_rule_is_refused_naming_row_column_and_rule_and_writes_nothing(string rule, string[] rows, int row, string column, string code)
    {
        if (code.Length == 0)
        {
            // The demo's first member, typed into a new household: the ID is taken already.
            var taken = await Silo.ScalarAsync<string>("SELECT resident_id FROM members ORDER BY id LIMIT 1");
            rows = [rows[0], rows[1], rows[2].Replace(HeadB, taken)];
            (row, column, code) = (4, "F（身份证号）", "residentId.duplicate");
        }

        var response = await Upload(Utf8(Csv(rows)), rule);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await response.JsonAsync();
        Assert.Equal("import.invalid", problem.Str("code"));
        var error = Assert.Single(problem.GetProperty("errors").EnumerateArray());
        Assert.Equal(row, error.GetProperty("row").GetInt32());
        Assert.Equal(column, error.Str("column"));
        Assert.Equal(code, error.Str("rule"));
        Assert.Equal(294L, await Households());
        Assert.Equal(0L, await Silo.ScalarAsync<long>("SELECT count(*) FROM share_movements WHERE reason LIKE '导入%'"));
    }

    [Fact]
    public async Task Every_error_of_a_file_is_listed_not_just_the_first()
    {
        var v = ValidRows();

        var response = await Upload(Utf8(Csv(v[0].Replace("基本股", "资金股"), v[1].Replace(",0.5,", ",-0.5,"), v[2].Replace(",1,1,", ",1,3,"))));

        var rules = (await response.JsonAsync()).GetProperty("errors").EnumerateArray().Select(e => e.Str("rule")).ToList();
        Assert.Contains("household.totalMismatch", rules);
        Assert.Contains("shares.negative", rules);
        Assert.Contains("shareClass.unknown", rules);
    }

    [Fact]
    public async Task A_file_without_a_required_column_is_refused_naming_the_column()
    {
        var response = await Upload(Utf8("户号,姓名,与户主关系\r\n1001,张三,户主\r\n"));

        var error = Assert.Single((await response.JsonAsync()).GetProperty("errors").EnumerateArray());
        Assert.Equal("header.missing", error.Str("rule"));
        Assert.Equal("身份证号", error.Str("column"));
    }

    [Fact]
    public async Task An_xlsx_register_imports_and_exports_back_to_the_same_households_members_and_shares()
    {
        var rows = ValidRows().Select(r => r.Split(',')).ToList();
        var workbook = RegisterFileWriter.Xlsx(rows, notes: true);

        var response = await Upload(workbook, "台账.xlsx");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("xlsx", (await response.JsonAsync()).Str("format"));
        var export = await _client.GetByteArrayAsync($"/api/villages/{Village}/register/export.xlsx?asOf=2018-01-01");

        var sheet = SheetReader.Read(export);
        Assert.Equal("xlsx", sheet.Format);
        Assert.Equal(RegisterTemplate.Columns, sheet.Rows[0]);
        Assert.Equal(1017 + 3, sheet.Rows.Count - 1); // every member's row, the demo's and the imported ones, none skipped
        var imported = sheet.Rows.Skip(1).Where(r => r[0] is "1001" or "1002").ToList();
        Assert.Equal(["张三", "李四", "王五"], imported.Select(r => r[4]));
        Assert.Equal([HeadA[..6] + "********" + HeadA[14..], SpouseA[..6] + "********" + SpouseA[14..]], imported.Take(2).Select(r => r[5]));
        Assert.Equal(["1.5", "", "1"], imported.Select(r => r[8]));
        Assert.Equal(["1.5", "", "1"], imported.Select(r => r[9]));
        Assert.Equal("基本股", imported[0][7]);
    }

    [Fact]
    public async Task The_csv_export_has_a_bom_masks_ids_and_sums_to_the_registers_total_on_the_record_date()
    {
        var bytes = await _client.GetByteArrayAsync($"/api/villages/{Village}/register/export.csv?asOf=2025-11-30");

        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var sheet = SheetReader.Read(bytes);
        Assert.Equal(RegisterTemplate.Columns, sheet.Rows[0]);
        Assert.Equal(846.2m, sheet.Rows.Skip(1).Where(r => r[8].Length > 0).Sum(r => decimal.Parse(r[8], System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(1017, sheet.Rows.Count - 1);
        Assert.Equal(294, sheet.Rows.Skip(1).Count(r => r[6] == "户主"));
        Assert.All(sheet.Rows.Skip(1), r => Assert.Matches(@"^\d{6}\*{8}\d{3}[\dX]$", r[5]));
    }

    [Fact]
    public async Task The_template_downloads_as_xlsx_with_the_columns_and_notes_and_as_csv()
    {
        var xlsx = SheetReader.Read(await _client.GetByteArrayAsync($"/api/villages/{Village}/register/template.xlsx"));
        var csv = SheetReader.Read(await _client.GetByteArrayAsync($"/api/villages/{Village}/register/template.csv"));

        Assert.Equal(RegisterTemplate.Columns, xlsx.Rows[0]);
        Assert.Equal(RegisterTemplate.Columns, csv.Rows[0]);
        Assert.Single(csv.Rows);
    }
}
