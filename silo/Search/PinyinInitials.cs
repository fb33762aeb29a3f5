using System.Text;

namespace VillageCollective.Silo.Search;

/// <summary>
/// Pinyin initials of a Chinese name (王建国 → <c>wjg</c>), for finding a household by typing a few Latin letters on a
/// tablet. Neither TinyPinyin.Net nor NPinyin restores from the package source these machines reach, so this is a
/// small table over the characters of the common surnames and given names the demo register uses (silo/Demo), plus
/// some frequent others. A character not in the table has no initial and simply makes no match by initials; the
/// name still matches by characters, household number or ID digits.
/// </summary>
public static class PinyinInitials
{
    // Initial letter → characters. Heteronyms take their usual reading in names (e.g. 单 shan is not listed).
    private static readonly Dictionary<char, char> Table = Build(new Dictionary<char, string>
    {
        ['a'] = "安艾",
        ['b'] = "白博斌兵宝彬",
        ['c'] = "陈曹崔蔡成春翠超琛程",
        ['d'] = "德杜邓丁董东冬丹",
        ['e'] = "娥",
        ['f'] = "芳福付傅范方峰凤飞",
        ['g'] = "国郭高刚桂光贵顾龚广",
        ['h'] = "黄胡何韩海华红慧浩涵花辉",
        ['j'] = "建军娟静佳金江杰君俊晶菊",
        ['k'] = "康孔凯坤",
        ['l'] = "李刘罗磊丽玲兰林梁龙亮莲琳",
        ['m'] = "马明敏梅美孟毛",
        ['n'] = "宁娜妮",
        ['p'] = "平萍彭潘鹏",
        ['q'] = "强琴秦庆青清琪",
        ['r'] = "任荣瑞蓉",
        ['s'] = "孙胜帅石宋苏沈顺淑",
        ['t'] = "涛桐田唐汤婷天",
        ['w'] = "王吴伟文武魏万旺",
        ['x'] = "徐轩雪欣萱许谢肖夏霞香兴秀",
        ['y'] = "杨勇永宇英燕雨怡叶于袁玉云艳颖",
        ['z'] = "张赵周朱子志珍梓郑曾钟忠振中",
    });

    /// <summary>The initials of each character of <paramref name="name"/> that the table knows, lower case; Latin letters are kept.</summary>
    public static string Of(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var initials = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            if (Table.TryGetValue(c, out var initial)) initials.Append(initial);
            else if (char.IsAsciiLetter(c)) initials.Append(char.ToLowerInvariant(c));
        }
        return initials.ToString();
    }

    /// <summary>Whether <paramref name="query"/> is all Latin letters: a query by initials.</summary>
    public static bool IsInitialsQuery(string query) => query.Length > 0 && query.All(char.IsAsciiLetter);

    private static Dictionary<char, char> Build(Dictionary<char, string> byInitial)
    {
        var table = new Dictionary<char, char>();
        foreach (var (initial, characters) in byInitial)
        {
            foreach (var c in characters) table.TryAdd(c, initial);
        }
        return table;
    }
}
