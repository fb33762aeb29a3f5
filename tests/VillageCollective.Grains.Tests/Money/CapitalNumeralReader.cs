namespace VillageCollective.Grains.Tests.Money;

/// Reads capital numerals back to a number, independently of the writer, so a property test can check that what
/// is written on the checklist means the amount.
internal static class CapitalNumeralReader
{
    private const string Digits = "零壹贰叁肆伍陆柒捌玖";

    public static decimal Read(string text)
    {
        var rest = text.StartsWith("人民币", StringComparison.Ordinal) ? text[3..] : throw new FormatException(text);
        var sign = 1m;
        if (rest.StartsWith('负'))
        {
            sign = -1m;
            rest = rest[1..];
        }

        rest = rest.TrimEnd('整');
        var value = 0m;
        var yuanAt = rest.IndexOf('元', StringComparison.Ordinal);
        if (yuanAt >= 0)
        {
            value = ReadWhole(rest[..yuanAt]);
            rest = rest[(yuanAt + 1)..];
        }

        for (var i = 0; i < rest.Length; i++)
        {
            var digit = Digits.IndexOf(rest[i], StringComparison.Ordinal);
            if (digit > 0)
            {
                value += rest[i + 1] switch
                {
                    '角' => digit * 0.1m,
                    '分' => digit * 0.01m,
                    _ => throw new FormatException(text),
                };
                i++;
            }
        }

        return sign * value;
    }

    private static decimal ReadWhole(string text)
    {
        decimal total = 0, section = 0, digit = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var d = Digits.IndexOf(c, StringComparison.Ordinal);
            if (d >= 0)
            {
                digit = d;
                continue;
            }

            switch (c)
            {
                case '拾': section += digit * 10; digit = 0; break;
                case '佰': section += digit * 100; digit = 0; break;
                case '仟': section += digit * 1000; digit = 0; break;
                case '万' when i + 1 < text.Length && text[i + 1] == '亿':
                    total += (section + digit) * 1_0000_0000_0000m; section = digit = 0; i++; break;
                case '亿': total += (section + digit) * 1_0000_0000m; section = digit = 0; break;
                case '万': total += (section + digit) * 1_0000m; section = digit = 0; break;
                default: throw new FormatException(text);
            }
        }

        return total + section + digit;
    }
}
