using VillageCollective.Grains.Register;

namespace VillageCollective.Grains.Tests.Register;

internal static class Charters
{
    public static readonly DateOnly Reform = new(2017, 12, 31);

    /// A charter with two classes (basic 基本股, age 农龄股) at a precision of 0.1.
    public static ShareCharter TwoClasses(bool cancellationOnExit = true, decimal precision = 0.1m) =>
        new([new("basic", "基本股"), new("age", "农龄股")], ShareManagement.Static, precision, RecordDateRule.SetInPlan, cancellationOnExit);

    public static MovementInfo On(DateOnly date, string reason = "测试") => new(date, reason, "", "tester");

    /// A register with households 1..n, each allocated `shares` basic shares at the reform.
    public static ShareRegister Allocated(int households, decimal shares, bool cancellationOnExit = true)
    {
        var register = new ShareRegister(TwoClasses(cancellationOnExit));
        for (var number = 1; number <= households; number++)
        {
            register.AddHousehold(number);
            register.Allocate(On(Reform), number, "basic", shares);
        }

        return register;
    }
}
