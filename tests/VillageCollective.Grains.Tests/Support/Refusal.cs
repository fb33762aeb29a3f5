namespace VillageCollective.Grains.Tests.Support;

internal static class Refusal
{
    /// Asserts that the action is refused with the given domain code and field, and returns the exception.
    public static DomainException Expect(string code, string field, Action action)
    {
        var error = Assert.Throws<DomainException>(action);
        Assert.Equal(code, error.Code);
        Assert.Equal(field, error.Field);
        return error;
    }

    public static DomainException Expect(string code, string field, Func<object?> func) =>
        Expect(code, field, () => { _ = func(); });
}
