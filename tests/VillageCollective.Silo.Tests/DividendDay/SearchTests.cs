using VillageCollective.Silo.Search;

namespace VillageCollective.Silo.Tests.DividendDay;

[Collection(SiloCollection.Name)]
public sealed class SearchTests(SiloFixture silo) : ResetTest<SiloFixture>(silo)
{
    private static async Task<List<int>> FindAsync(HttpClient client, Meeting meeting, string query) =>
        (await client.GetJsonAsync($"{meeting.Url}/lines?search={Uri.EscapeDataString(query)}")).EnumerateArray()
            .Select(l => l.GetProperty("householdNumber").GetInt32()).ToList();

    [Fact]
    public async Task A_household_number_finds_that_household()
    {
        var meeting = await Meeting.StartAsync(Silo, Village);
        var cashier = await Silo.CashierAsync();

        Assert.Contains(17, await FindAsync(cashier, meeting, "17"));
    }

    [Fact]
    public async Task The_heads_name_finds_its_household()
    {
        var meeting = await Meeting.StartAsync(Silo, Village);
        var cashier = await Silo.CashierAsync();
        var head = await Silo.ScalarAsync<string>($"SELECT head_name FROM payout_lines WHERE run_id = {meeting.Run} AND household_number = 40");

        Assert.Contains(40, await FindAsync(cashier, meeting, head));
    }

    [Fact]
    public async Task Pinyin_initials_find_every_household_whose_head_has_them_and_no_other()
    {
        var meeting = await Meeting.StartAsync(Silo, Village);
        var cashier = await Silo.CashierAsync();
        var head = await Silo.ScalarAsync<string>($"SELECT head_name FROM payout_lines WHERE run_id = {meeting.Run} AND household_number = 40");
        var initials = PinyinInitials.Of(head);

        var found = await FindAsync(cashier, meeting, initials.ToUpperInvariant());

        Assert.Contains(40, found);
        var heads = (await cashier.GetJsonAsync($"{meeting.Url}/lines")).EnumerateArray()
            .Where(l => PinyinInitials.Of(l.Str("headName")).StartsWith(initials, StringComparison.Ordinal))
            .Select(l => l.GetProperty("householdNumber").GetInt32());
        Assert.Equal(heads.Order(), found.Order());
    }

    [Fact]
    public async Task The_last_digits_of_a_members_ID_find_the_household()
    {
        var meeting = await Meeting.StartAsync(Silo, Village);
        var cashier = await Silo.CashierAsync();
        var id = await Silo.ScalarAsync<string>("""
            SELECT m.resident_id FROM members m JOIN households h ON h.id = m.household_id WHERE h.number = 123 AND m.relation <> '户主' LIMIT 1
            """);

        Assert.Contains(123, await FindAsync(cashier, meeting, id[^6..]));
    }

    [Theory]
    [InlineData("王建国", "wjg")]
    [InlineData("李秀英", "lxy")]
    [InlineData("欧阳", "")]
    public void Initials_are_the_first_letter_of_each_known_characters_reading(string name, string expected)
    {
        Assert.Equal(expected, PinyinInitials.Of(name));
    }

    [Fact]
    public async Task Every_character_of_every_demo_name_has_an_initial()
    {
        await using var connection = new Npgsql.NpgsqlConnection(Silo.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("SELECT DISTINCT name FROM members", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var missing = new List<string>();
        while (await reader.ReadAsync())
        {
            var name = reader.GetString(0);
            if (PinyinInitials.Of(name).Length != name.Length) missing.Add(name);
        }

        Assert.Empty(missing);
    }
}
