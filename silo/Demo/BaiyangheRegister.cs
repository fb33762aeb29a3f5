using VillageCollective.Grains.Household;
using VillageCollective.Grains.Shares;

namespace VillageCollective.Silo.Demo;

/// <summary>When a member came to hold shares, which decides how many (see <see cref="BaiyangheRegister"/>).</summary>
public enum DemoMemberKind
{
    /// <summary>A member at the reform date who was 18 or older then: 1 share.</summary>
    AdultAtReform,

    /// <summary>A member at the reform date who was under 18 then: 0.5 share.</summary>
    MinorAtReform,

    /// <summary>A member who joined after the reform (born into the village): 0.2 share from the day of joining.</summary>
    JoinedAfterReform,
}

/// <summary>A generated member with the kind that sets their shares.</summary>
public sealed record DemoMember(Member Member, DemoMemberKind Kind)
{
    public ShareCount Shares => Kind switch
    {
        DemoMemberKind.AdultAtReform => new ShareCount(1m),
        DemoMemberKind.MinorAtReform => new ShareCount(0.5m),
        _ => new ShareCount(0.2m),
    };
}

/// <summary>A generated household: its 户号 and members, head first.</summary>
public sealed record DemoHousehold(int Number, IReadOnlyList<DemoMember> Members)
{
    public Household ToHousehold() =>
        new(Number, Members.Select(m => m.Member).ToList(), ShareCount.Sum(Members.Select(m => m.Shares)));
}

/// <summary>
/// The Baiyanghe demo register (白杨河村, 木垒县; domain.md "Real figures"): 294 households of 1–8
/// members, 1,017 members and exactly 846.2 shares, generated deterministically from a fixed seed.
/// <para>
/// The rule (one share class, 基本股; reform date 2017-12-31): 736 members who were adults at the
/// reform hold 1 share each, 180 who were minors then hold 0.5, and 101 children born after the
/// reform hold 0.2 from their birth date: 736 + 90 + 20.2 = 846.2. Every head is an adult at the
/// reform. Names are synthetic; resident IDs use the region code 992328, which belongs to no real
/// place, with a valid GB 11643 check character, so none can be a real person's.
/// </para>
/// </summary>
public static class BaiyangheRegister
{
    public const int Households = 294;
    public const int Members = 1017;
    public const decimal TotalShares = 846.2m;
    public const int AdultsAtReform = 736;
    public const int MinorsAtReform = 180;
    public const int JoinedAfterReform = 101;
    public const string DemoRegionCode = "992328";
    public static readonly DateOnly ReformDate = new(2017, 12, 31);
    private const int Seed = 20251201;
    private const int MaxHouseholdSize = 8;

    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "罗", "韩"];
    private static readonly string[] MaleGiven = ["建国", "国强", "军", "明", "伟", "强", "磊", "涛", "勇", "志刚", "海", "文斌", "华", "平", "永福", "德胜", "浩", "宇", "子轩", "博文"];
    private static readonly string[] FemaleGiven = ["芳", "丽", "娟", "敏", "静", "秀英", "燕", "红梅", "玲", "桂兰", "兰英", "秀珍", "萍", "琴", "慧", "雪", "欣怡", "梓涵", "雨桐", "佳怡"];

    /// <summary>Generates the register; the same households every time.</summary>
    public static IReadOnlyList<DemoHousehold> Generate()
    {
        var random = new Random(Seed);
        var sizes = HouseholdSizes(random);
        var others = new List<DemoMemberKind>();
        others.AddRange(Enumerable.Repeat(DemoMemberKind.AdultAtReform, AdultsAtReform - Households));
        others.AddRange(Enumerable.Repeat(DemoMemberKind.MinorAtReform, MinorsAtReform));
        others.AddRange(Enumerable.Repeat(DemoMemberKind.JoinedAfterReform, JoinedAfterReform));
        random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(others));

        var ids = new ResidentIdMaker();
        var households = new List<DemoHousehold>(Households);
        var next = 0;
        for (var i = 0; i < Households; i++)
        {
            // Adults first, then minors, then the youngest: relations read naturally in that order.
            var kinds = others.GetRange(next, sizes[i] - 1).OrderBy(k => k).ToList();
            next += sizes[i] - 1;
            households.Add(MakeHousehold(i + 1, kinds, random, ids));
        }
        return households;
    }

    // 294 households, each 1–8 members, 1,017 in all: every household starts with its head and the
    // remaining members go one by one to a random household that still has room.
    private static int[] HouseholdSizes(Random random)
    {
        var sizes = Enumerable.Repeat(1, Households).ToArray();
        for (var left = Members - Households; left > 0;)
        {
            var i = random.Next(Households);
            if (sizes[i] < MaxHouseholdSize)
            {
                sizes[i]++;
                left--;
            }
        }
        return sizes;
    }

    private static DemoHousehold MakeHousehold(int number, List<DemoMemberKind> kinds, Random random, ResidentIdMaker ids)
    {
        var surname = Surnames[random.Next(Surnames.Length)];
        var headIsMale = random.Next(10) < 8;
        var headBirth = RandomDate(random, new DateOnly(1942, 1, 1), new DateOnly(1985, 12, 31));
        var members = new List<DemoMember> { new(MakeMember(surname, headIsMale, headBirth, Relations.Head, random, ids), DemoMemberKind.AdultAtReform) };
        var hasSpouse = false;
        var hasAdultChild = false;
        foreach (var kind in kinds)
        {
            var isMale = random.Next(2) == 0;
            string relation;
            DateOnly birth;
            var familyName = surname;
            switch (kind)
            {
                case DemoMemberKind.AdultAtReform when !hasSpouse:
                    hasSpouse = true;
                    isMale = !headIsMale;
                    relation = Relations.Spouse;
                    familyName = Surnames[random.Next(Surnames.Length)];
                    birth = Clamp(headBirth.AddDays(random.Next(-5 * 365, 5 * 365)), new DateOnly(1940, 1, 1), new DateOnly(1999, 12, 31));
                    break;
                case DemoMemberKind.AdultAtReform when headBirth.Year > 1978:
                    // A young head has no grown child: another adult is a parent.
                    relation = isMale ? Relations.Father : Relations.Mother;
                    birth = RandomDate(random, new DateOnly(1938, 1, 1), headBirth.AddYears(-20));
                    break;
                case DemoMemberKind.AdultAtReform:
                    hasAdultChild = true;
                    relation = isMale ? Relations.Son : Relations.Daughter;
                    birth = RandomDate(random, Max(headBirth.AddYears(19), new DateOnly(1962, 1, 1)), new DateOnly(1999, 12, 31));
                    break;
                case DemoMemberKind.MinorAtReform:
                    relation = hasAdultChild ? (isMale ? Relations.Grandson : Relations.Granddaughter) : (isMale ? Relations.Son : Relations.Daughter);
                    birth = RandomDate(random, new DateOnly(2000, 1, 1), new DateOnly(2017, 12, 31));
                    break;
                default:
                    relation = hasAdultChild ? (isMale ? Relations.Grandson : Relations.Granddaughter) : (isMale ? Relations.Son : Relations.Daughter);
                    birth = RandomDate(random, new DateOnly(2018, 1, 1), new DateOnly(2025, 6, 30));
                    break;
            }
            members.Add(new(MakeMember(familyName, isMale, birth, relation, random, ids), kind));
        }
        return new DemoHousehold(number, members);
    }

    private static Member MakeMember(string surname, bool isMale, DateOnly birth, string relation, Random random, ResidentIdMaker ids)
    {
        var given = isMale ? MaleGiven[random.Next(MaleGiven.Length)] : FemaleGiven[random.Next(FemaleGiven.Length)];
        return new Member(surname + given, isMale ? Sex.Male : Sex.Female, birth, ids.Next(birth, isMale), relation);
    }

    private static DateOnly RandomDate(Random random, DateOnly from, DateOnly to) =>
        from.AddDays(random.Next(to.DayNumber - from.DayNumber + 1));

    private static DateOnly Clamp(DateOnly date, DateOnly min, DateOnly max) => date < min ? min : date > max ? max : date;

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;

    /// <summary>Unique synthetic resident IDs: the demo region code, the birth date, a sequence whose parity gives the sex.</summary>
    private sealed class ResidentIdMaker
    {
        private readonly Dictionary<DateOnly, int> _used = [];

        public ResidentId Next(DateOnly birth, bool isMale)
        {
            var n = _used.GetValueOrDefault(birth);
            _used[birth] = n + 1;
            var sequence = n * 2 + (isMale ? 1 : 2); // odd = male (GB 11643)
            var first17 = $"{DemoRegionCode}{birth:yyyyMMdd}{sequence:000}";
            return ResidentId.Parse(first17 + ResidentId.CheckCharacter(first17));
        }
    }
}
