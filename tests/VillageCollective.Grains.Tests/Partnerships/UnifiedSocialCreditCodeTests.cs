using VillageCollective.Grains.Partnerships;
using VillageCollective.Grains.Tests.Support;

namespace VillageCollective.Grains.Tests.Partnerships;

public sealed class UnifiedSocialCreditCodeTests
{
    [Theory]
    [InlineData("91350100M000100Y43")] // the example of GB 32100-2015
    [InlineData("9144030071526726XG")]
    [InlineData(" 91330100799655058b ")]
    public void A_code_with_the_right_check_character_is_accepted(string text)
    {
        var code = new UnifiedSocialCreditCode(text);

        Assert.Equal(text.Trim().ToUpperInvariant(), code.Value);
    }

    [Fact]
    public void A_wrong_check_character_is_refused_and_the_right_one_named()
    {
        var error = Refusal.Expect("enterprise.creditCode", "creditCode", () => new UnifiedSocialCreditCode("91350100M000100Y44"));

        Assert.Contains("'3'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("91350100M000100Y4")]
    [InlineData("91350100I000100Y43")]
    [InlineData("")]
    [InlineData(null)]
    public void A_short_code_or_one_with_letters_the_standard_leaves_out_is_refused(string? text)
    {
        Refusal.Expect("enterprise.creditCode", "creditCode", () => new UnifiedSocialCreditCode(text));
    }

    [Fact]
    public void The_check_character_of_any_body_makes_a_valid_code_and_any_other_last_character_does_not()
    {
        var random = new Random(32100);
        for (var n = 0; n < 200; n++)
        {
            var body = new string(Enumerable.Range(0, 17).Select(_ => UnifiedSocialCreditCode.Alphabet[random.Next(31)]).ToArray());
            var check = UnifiedSocialCreditCode.CheckCharacter(body);
            var wrong = UnifiedSocialCreditCode.Alphabet.First(c => c != check);

            Assert.Equal(body + check, new UnifiedSocialCreditCode(body + check).Value);
            Refusal.Expect("enterprise.creditCode", "creditCode", () => new UnifiedSocialCreditCode(body + wrong));
        }
    }
}
