namespace VillageCollective.Grains.Tests;

public sealed class DomainExceptionTests
{
    [Fact]
    public void A_domain_error_carries_its_code_field_and_bilingual_message()
    {
        var error = new DomainException("shares.too_precise", "shares", "股数最多保留4位小数 (shares allow at most 4 decimal places)");

        Assert.Equal("shares.too_precise", error.Code);
        Assert.Equal("shares", error.Field);
        Assert.StartsWith("股数", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_domain_error_needs_a_code_and_a_field()
    {
        Assert.Throws<ArgumentException>(() => new DomainException("", "shares", "m"));
        Assert.Throws<ArgumentException>(() => new DomainException("shares.negative", " ", "m"));
    }
}
