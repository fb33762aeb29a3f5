using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using VillageCollective.Grains.Register;
using VillageCollective.Silo.Import;

namespace VillageCollective.Silo.Tests.Import;

public sealed class RegisterImportParserProperties
{
    private static readonly ShareCharter Charter =
        new([new("basic", "基本股"), new("age", "农龄股")], ShareManagement.Dynamic, 0.1m, RecordDateRule.SetInPlan, false);

    /// A household: its size (1–4) and each member's tenths of a basic and an age share.
    public sealed record HouseholdSpec(IReadOnlyList<(int Basic, int Age)> Members);

    private static readonly Gen<List<HouseholdSpec>> Registers =
        from count in Gen.Choose(1, 15)
        from households in Gen.ListOf(
            from size in Gen.Choose(1, 4)
            from members in Gen.ListOf(Gen.Zip(Gen.Choose(0, 30), Gen.Choose(0, 10)), size)
            select new HouseholdSpec(members.ToList()), count)
        select households.ToList();

    // The file: header, then per member a basic row (shares maybe blank) and, when they hold age shares, a second row.
    private static List<string[]> Rows(List<HouseholdSpec> register)
    {
        var rows = new List<string[]> { RegisterTemplate.Columns.ToArray() };
        var serial = 0;
        for (var h = 0; h < register.Count; h++)
        {
            var members = register[h].Members;
            var total = members.Sum(m => m.Basic + m.Age) / 10m;
            for (var i = 0; i < members.Count; i++)
            {
                var id = RegisterFiles.Id(1960 + i, 1 + serial / 28 % 12, 1 + serial % 28, 100 + serial / 336 * 2 + 1);
                serial++;
                var relation = i == 0 ? "户主" : "子";
                var number = (h + 1).ToString(CultureInfo.InvariantCulture);
                rows.Add([number, "", "", "", $"成员{h}-{i}", id, relation, "基本股", members[i].Basic == 0 ? "" : Tenths(members[i].Basic),
                    i == 0 ? Tenths(total * 10) : "", ""]);
                if (members[i].Age > 0)
                {
                    rows.Add([number, "", "", "", $"成员{h}-{i}", id, relation, "农龄股", Tenths(members[i].Age), "", ""]);
                }
            }
        }
        return rows;
    }

    private static string Tenths(decimal tenths) => (tenths / 10m).ToString("0.####", CultureInfo.InvariantCulture);

    [Fact]
    public void A_valid_register_file_parses_to_the_same_households_members_and_shares_per_class()
    {
        Prop.ForAll(Registers.ToArbitrary(), register =>
        {
            var (households, errors) = RegisterImportParser.Parse(Rows(register), Charter, new HashSet<int>(), new HashSet<string>());

            Assert.Empty(errors);
            Assert.Equal(register.Count, households.Count);
            Assert.Equal(register.Sum(h => h.Members.Count), households.Sum(h => h.Members.Count));
            Assert.Equal(register.Sum(h => h.Members.Sum(m => m.Basic)) / 10m, households.Sum(h => h.Holdings.GetValueOrDefault("basic")));
            Assert.Equal(register.Sum(h => h.Members.Sum(m => m.Age)) / 10m, households.Sum(h => h.Holdings.GetValueOrDefault("age")));
            Assert.All(households, h => Assert.True(h.Members[0].Member.IsHead));
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void One_wrong_check_character_anywhere_is_the_one_error_named_with_its_row_and_nothing_is_returned()
    {
        var cases =
            from register in Registers
            from pick in Gen.Choose(0, 10_000)
            select (register, pick);

        Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var rows = Rows(c.register);
            var index = 1 + c.pick % (rows.Count - 1);
            var id = rows[index][5];
            var broken = id[..17] + (id[17] == '0' ? '1' : '0');
            // A member with two rows has the ID twice: break every row of that person, so each row reports it.
            var hit = Enumerable.Range(1, rows.Count - 1).Where(i => rows[i][5] == id).ToList();
            foreach (var i in hit) rows[i][5] = broken;

            var (households, errors) = RegisterImportParser.Parse(rows, Charter, new HashSet<int>(), new HashSet<string>());

            Assert.Empty(households);
            Assert.Equal(hit.Select(i => i + 1), errors.Select(e => e.Row));
            Assert.All(errors, e => Assert.Equal("residentId.checkCharacter", e.Rule));
            Assert.All(errors, e => Assert.Equal("F（身份证号）", e.Column));
        }).QuickCheckThrowOnFailure();
    }
}
