namespace VillageCollective.Grains.Household;

/// <summary>
/// A member's particulars besides identity (成员信息): membership since (date and why), ended (date and one of the law's
/// reasons, both or neither), phone, payout account (bank card or 一卡通, 8–32 digits). One place for their rules, whoever
/// edits them.
/// </summary>
public sealed record MemberParticulars
{
    /// <summary>The reasons a membership ends (Art. 17 and 18 of the law), as stored.</summary>
    public static readonly IReadOnlySet<string> EndedReasons =
        new HashSet<string>(StringComparer.Ordinal) { "death", "nationality", "otherOrganisation", "civilServant", "voluntaryExit", "charter" };

    private MemberParticulars(DateOnly? memberSince, string sinceReason, DateOnly? endedOn, string? endedReason, string phone, string? payoutAccount)
    {
        MemberSince = memberSince;
        SinceReason = sinceReason;
        EndedOn = endedOn;
        EndedReason = endedReason;
        Phone = phone;
        PayoutAccount = payoutAccount;
    }

    /// <summary>Member since (date, China time), or unknown.</summary>
    public DateOnly? MemberSince { get; }

    /// <summary>Why a member since then, trimmed; may be empty.</summary>
    public string SinceReason { get; }

    /// <summary>Membership ended on, or null while a member.</summary>
    public DateOnly? EndedOn { get; }

    /// <summary>One of <see cref="EndedReasons"/> when ended, else null.</summary>
    public string? EndedReason { get; }

    /// <summary>The phone number, trimmed; may be empty.</summary>
    public string Phone { get; }

    /// <summary>The payout account's digits; empty to clear it; null to keep the stored one (the client only sees it masked).</summary>
    public string? PayoutAccount { get; }

    /// <summary>Checks and normalises particulars as entered.</summary>
    /// <exception cref="DomainException"><c>member.ended</c> (field <c>endedReason</c>): a date without a reason of the law or the
    /// reverse; <c>member.payoutAccount</c> (field <c>payoutAccount</c>): not 8–32 digits; <c>member.phone</c> (field <c>phone</c>).</exception>
    public static MemberParticulars Checked(DateOnly? memberSince, string? sinceReason, DateOnly? endedOn, string? endedReason, string? phone,
        string? payoutAccount)
    {
        if ((endedOn is null) != string.IsNullOrWhiteSpace(endedReason) || (endedReason is { Length: > 0 } r && !EndedReasons.Contains(r)))
        {
            throw new DomainException("member.ended", "endedReason",
                $"成员身份终止须同时填写日期与原因（{string.Join("、", EndedReasons)}） (an ended membership needs a date and one of the law's reasons)");
        }

        var account = new string((payoutAccount ?? "").Where(c => !char.IsWhiteSpace(c)).ToArray());
        if (account.Length > 0 && (account.Length is < 8 or > 32 || !account.All(char.IsAsciiDigit)))
        {
            throw new DomainException("member.payoutAccount", "payoutAccount", "发放账户须为8至32位数字（银行卡或一卡通） (a payout account is 8–32 digits)");
        }

        var trimmedPhone = (phone ?? "").Trim();
        if (trimmedPhone.Length > 0 && (trimmedPhone.Length > 20 || !trimmedPhone.All(c => char.IsAsciiDigit(c) || c is '-' or '+' or ' ')))
        {
            throw new DomainException("member.phone", "phone", "电话号码格式不对 (a phone number is digits, '-' or '+', at most 20)");
        }

        return new MemberParticulars(memberSince, (sinceReason ?? "").Trim(), endedOn, string.IsNullOrWhiteSpace(endedReason) ? null : endedReason,
            trimmedPhone, payoutAccount is null ? null : account);
    }
}
