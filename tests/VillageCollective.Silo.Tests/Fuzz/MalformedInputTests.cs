using System.Net.Http.Json;
using VillageCollective.Silo.Tests.DividendDay;

namespace VillageCollective.Silo.Tests.Fuzz;

/// <summary>The refusals the fuzz test first found as 500s, each pinned by a worked case.</summary>
[Collection(SiloCollection.Name)]
public sealed class MalformedInputTests(SiloFixture silo) : ResetTest<SiloFixture>(silo)
{
    [Fact]
    public async Task A_control_character_in_a_text_field_is_refused_naming_the_field_and_nothing_is_written()
    {
        var accountant = await Silo.AccountantAsync();
        var audit = await Silo.ScalarAsync<long>("SELECT max(id) FROM audit_log");

        var response = await accountant.PutAsJsonAsync($"/api/villages/{Village}/households/6/particulars", new { villageGroup = "一组", address = "白杨河村\u0000" });

        await Meeting.AssertProblemAsync(response, 400, "request.malformed", "address");
        Assert.Equal(audit, await Silo.ScalarAsync<long>("SELECT max(id) FROM audit_log"));
    }

    [Fact]
    public async Task A_wrong_type_in_a_json_body_names_the_field()
    {
        var accountant = await Silo.AccountantAsync();

        var response = await accountant.PostAsJsonAsync($"/api/villages/{Village}/years/2025/entries",
            new { date = "2025-06-01", category = "operating_income", counterparty = "x", documentNumber = "1", amount = new[] { 1 } });

        await Meeting.AssertProblemAsync(response, 400, "request.malformed", "amount");
    }

    [Theory]
    [InlineData(51, "request.tooLong")]      // the township name's own limit
    [InlineData(5_000, "request.malformed")] // beyond any request text's limit (2,000), once longer than an index row
    public async Task An_over_long_name_is_refused_naming_the_field(int length, string code)
    {
        var admin = await SiloFixture.LoginAsync(Silo, 3);
        var county = await Silo.ScalarAsync<long>("SELECT id FROM counties LIMIT 1");
        var townships = await Silo.ScalarAsync<long>("SELECT count(*) FROM townships");

        var response = await admin.PostAsJsonAsync($"/api/counties/{county}/townships", new { name = new string('长', length) });

        await Meeting.AssertProblemAsync(response, 400, code, "name");
        Assert.Equal(townships, await Silo.ScalarAsync<long>("SELECT count(*) FROM townships"));
    }

    [Theory]
    [InlineData(100)]
    [InlineData(1_000)]
    public async Task A_truncated_xlsx_is_refused_as_unreadable_and_nothing_is_imported(int keepBytes)
    {
        var accountant = await Silo.AccountantAsync();
        var template = await accountant.GetByteArrayAsync($"/api/villages/{Village}/register/template.xlsx");
        var households = await Silo.ScalarAsync<long>("SELECT count(*) FROM households");

        var response = await accountant.PostAsync($"/api/villages/{Village}/register/import?effectiveOn=2026-01-01&fileName=cut.xlsx",
            new ByteArrayContent(template[..keepBytes]));

        await Meeting.AssertProblemAsync(response, 422, "import.unreadable", "file");
        Assert.Equal(households, await Silo.ScalarAsync<long>("SELECT count(*) FROM households"));
    }
}
