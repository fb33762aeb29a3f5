using System.Text;

namespace VillageCollective.Grains.Money;

/// <summary>
/// Writes an amount in Chinese capital numerals (中文大写金额), as the payout checklist shows it next
/// to the figures (domain.md, "Dividend day"). The rules are those of 中国人民银行《支付结算办法》,
/// 附件一《正确填写票据和结算凭证的基本规定》.
/// </summary>
public static class CapitalNumerals
{
    /// <summary>The largest amount written: 9,999,999,999,999.99 yuan (just under 10 万亿).</summary>
    public const decimal MaxAmount = 9_999_999_999_999.99m;

    private const string Digits = "零壹贰叁肆伍陆柒捌玖";

    // Units inside a group of four digits, by position: 个, 拾, 佰, 仟.
    private static readonly string[] PlaceUnits = ["", "拾", "佰", "仟"];

    // Units of the groups of four digits: 个, 万, 亿, 万亿.
    private static readonly string[] GroupUnits = ["", "万", "亿", "万亿"];

    /// <summary>
    /// The amount in capital numerals with the prefix 人民币, e.g. 186,164.00 →
    /// 人民币壹拾捌万陆仟壹佰陆拾肆元整; 1,409.50 → 人民币壹仟肆佰零玖元伍角;
    /// 16,409.02 → 人民币壹万陆仟肆佰零玖元零贰分; a negative amount → 人民币负….
    /// </summary>
    /// <remarks>
    /// Rules (《支付结算办法》附件一): 整 after 元 when there is no 角 or 分, none otherwise;
    /// a run of zeros between non-zero digits is written as one 零, also across 万 and 亿;
    /// 零 after 元 when 角 is zero and 分 is not; no 零 before 角 when 元 is zero (the rules allow
    /// either); 壹拾 is written in full (10 → 壹拾元整); an amount under one yuan has no 元 (0.05 → 伍分).
    /// </remarks>
    /// <param name="amount">An amount in yuan.</param>
    /// <exception cref="DomainException"><c>yuan.too_large</c> (field <c>amount</c>): the absolute value
    /// exceeds <see cref="MaxAmount"/>.</exception>
    public static string Format(Yuan amount)
    {
        var absolute = Math.Abs(amount.Amount);
        if (absolute > MaxAmount)
        {
            throw new DomainException("yuan.too_large", "amount",
                $"大写金额最多到万亿位 (capital numerals are written up to 9,999,999,999,999.99 yuan): {amount}");
        }

        var fen = Yuan.RoundToFen(absolute).Fen;
        var yuan = fen / 100;
        var jiao = (int)(fen / 10 % 10);
        var fenDigit = (int)(fen % 10);

        var text = new StringBuilder("人民币");
        if (amount.Amount < 0)
        {
            text.Append('负');
        }

        if (yuan == 0 && jiao == 0 && fenDigit == 0)
        {
            return text.Append("零元整").ToString();
        }

        if (yuan > 0)
        {
            AppendWholeYuan(text, yuan);
            text.Append('元');
        }

        if (jiao == 0 && fenDigit == 0)
        {
            return text.Append('整').ToString();
        }

        if (jiao > 0)
        {
            text.Append(Digits[jiao]).Append('角');
        }
        else if (yuan > 0)
        {
            // 角 is zero and 分 is not: 零 after 元 is required (16,409.02 → …元零贰分).
            text.Append('零');
        }

        if (fenDigit > 0)
        {
            text.Append(Digits[fenDigit]).Append('分');
        }

        return text.ToString();
    }

    private static void AppendWholeYuan(StringBuilder text, long yuan)
    {
        var digits = yuan.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var pendingZero = false;
        var groupHasDigit = false;
        for (var i = 0; i < digits.Length; i++)
        {
            var power = digits.Length - 1 - i;
            var digit = digits[i] - '0';
            if (digit == 0)
            {
                // Zeros are only written when a non-zero digit follows, and then as a single 零.
                pendingZero = true;
            }
            else
            {
                if (pendingZero)
                {
                    text.Append('零');
                    pendingZero = false;
                }

                text.Append(Digits[digit]).Append(PlaceUnits[power % 4]);
                groupHasDigit = true;
            }

            if (power % 4 == 0)
            {
                // A group of four zeros gets no unit: 100,005,000 → 壹亿零伍仟, not 壹亿零万伍仟.
                if (groupHasDigit)
                {
                    text.Append(GroupUnits[power / 4]);
                }

                groupHasDigit = false;
            }
        }
    }
}
