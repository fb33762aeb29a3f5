using System.Globalization;

namespace VillageCollective.Grains.Register;

/// <summary>
/// A village's share register as an append-only journal of share movements (股权变动台账). Every change of
/// holdings is a <see cref="ShareMovement"/>; nothing already recorded is edited. The register guards the rules:
/// the village total changes only by allocation, enrolment and cancellation; every other movement balances to
/// zero in each share class; no holding of a household in a class is negative on any date; every amount is a
/// multiple of the charter's precision and names one of its classes; shares go only to member households.
/// </summary>
/// <remarks>Not thread-safe: one village is changed by one caller at a time. A refused command changes nothing.</remarks>
public sealed class ShareRegister
{
    private readonly List<ShareMovement> _journal = [];
    private readonly Dictionary<(int Household, string ShareClass), decimal> _current = [];
    private readonly Dictionary<int, bool> _households = [];
    private readonly HashSet<long> _reversed = [];

    // Each holding's legs in journal order, so a new movement checks only the holdings it touches.
    private readonly Dictionary<(int Household, string ShareClass), List<(DateOnly On, decimal Delta)>> _legsByHolding = [];

    /// <summary>Creates an empty register under a charter.</summary>
    /// <param name="charter">The village's charter.</param>
    public ShareRegister(ShareCharter charter) => Charter = charter ?? throw new ArgumentNullException(nameof(charter));

    /// <summary>The charter whose classes and precision apply.</summary>
    public ShareCharter Charter { get; }

    /// <summary>The journal in the order entered.</summary>
    public IReadOnlyList<ShareMovement> Journal => _journal.AsReadOnly();

    /// <summary>Current holdings (every movement counted, whatever its date) by household and class; zero holdings left out.</summary>
    public IReadOnlyDictionary<(int Household, string ShareClass), decimal> Current =>
        _current.Where(p => p.Value != 0m).ToDictionary(p => p.Key, p => p.Value);

    /// <summary>Adds a household number to the register as a member household (成员户).</summary>
    /// <param name="number">The household number, greater than zero.</param>
    /// <exception cref="DomainException"><c>household.duplicateNumber</c> (field <c>number</c>): already registered.</exception>
    public void AddHousehold(int number)
    {
        if (number <= 0)
        {
            throw new DomainException("household.number", "number", $"户号必须大于0 (a household number must be greater than 0): {number}");
        }

        if (!_households.TryAdd(number, true))
        {
            throw new DomainException("household.duplicateNumber", "number", $"户号{number}已存在 (household number {number} is already in the register)");
        }
    }

    /// <summary>Records that a household is no longer a member household (merged or exited); its history stays.</summary>
    /// <param name="number">A registered household number.</param>
    /// <exception cref="DomainException"><c>register.unknownHousehold</c> (field <c>household</c>).</exception>
    public void EndHousehold(int number)
    {
        Known(number, "household");
        _households[number] = false;
    }

    /// <summary>Whether the number is a registered household that is still a member household.</summary>
    /// <param name="number">A household number.</param>
    public bool IsMemberHousehold(int number) => _households.TryGetValue(number, out var member) && member;

    /// <summary>
    /// Loads a movement read back from storage, with its number, without the rules for new movements (the
    /// membership of households may have changed since); the structure and non-negativity are still checked.
    /// </summary>
    /// <param name="movement">A stored movement, numbered above every loaded one.</param>
    /// <exception cref="InvalidOperationException">The stored journal breaks the register's rules (a bug or a tampered table).</exception>
    public void Restore(ShareMovement movement)
    {
        ArgumentNullException.ThrowIfNull(movement);
        if (_journal.Count > 0 && movement.No <= _journal[^1].No)
        {
            throw new InvalidOperationException($"Movement {movement.No} is out of order.");
        }

        foreach (var leg in movement.Legs)
        {
            _households.TryAdd(leg.Household, true);
        }

        try
        {
            Append(movement);
        }
        catch (DomainException e)
        {
            throw new InvalidOperationException($"The stored journal breaks a rule at movement {movement.No}: {e.Message}", e);
        }
    }

    /// <summary>Allocates shares at the reform (折股量化) or to a member who joined later (新增配股).</summary>
    /// <param name="info">Date, reason, document, who.</param>
    /// <param name="household">A member household.</param>
    /// <param name="shareClass">A class code of the charter.</param>
    /// <param name="shares">More than zero, a multiple of the precision.</param>
    /// <param name="enrolment">True for 新增配股 (<see cref="MovementKind.Enrolment"/>), false for the reform's allocation.</param>
    /// <exception cref="DomainException">See <see cref="ShareRegister"/>'s rules; fields <c>household</c>, <c>shareClass</c>, <c>shares</c>;
    /// <c>register.staticManagement</c> (field <c>kind</c>): an enrolment under static management ("生不增").</exception>
    public ShareMovement Allocate(MovementInfo info, int household, string shareClass, decimal shares, bool enrolment = false)
    {
        if (enrolment && Charter.Management == ShareManagement.Static)
        {
            throw new DomainException("register.staticManagement", "kind",
                "本村章程实行静态管理（生不增、死不减），不为新增成员配股 (under static management new members get no shares)");
        }

        Member(household, "household");
        Positive(shares);
        return Record(enrolment ? MovementKind.Enrolment : MovementKind.Allocation, info, [new(household, shareClass, shares)], null);
    }

    /// <summary>Transfers shares inside the organisation (社内转让) or passes them to an heir's household (继承).</summary>
    /// <param name="info">Date, reason, document, who.</param>
    /// <param name="fromHousehold">The household giving; it must hold the shares on the date and on every later date.</param>
    /// <param name="toHousehold">Another member household; a non-member household is refused.</param>
    /// <param name="shareClass">A class code of the charter.</param>
    /// <param name="shares">More than zero, a multiple of the precision.</param>
    /// <param name="inheritance">True to record it as inheritance (继承).</param>
    /// <exception cref="DomainException"><c>register.notMember</c> (field <c>toHousehold</c>), <c>register.sameHousehold</c>,
    /// <c>register.negativeHolding</c> (field <c>shares</c>) and the general rules.</exception>
    public ShareMovement Transfer(MovementInfo info, int fromHousehold, int toHousehold, string shareClass, decimal shares, bool inheritance = false)
    {
        Known(fromHousehold, "fromHousehold");
        Member(toHousehold, "toHousehold");
        if (fromHousehold == toHousehold)
        {
            throw new DomainException("register.sameHousehold", "toHousehold", "转出户与转入户不能相同 (a household cannot transfer to itself)");
        }

        Positive(shares);
        return Record(inheritance ? MovementKind.Inheritance : MovementKind.Transfer, info,
            [new(fromHousehold, shareClass, -shares), new(toHousehold, shareClass, shares)], null);
    }

    /// <summary>Splits a household (分户): the given shares per class move from the old household to the new one; the total is kept.</summary>
    /// <param name="info">Date, reason, document, who.</param>
    /// <param name="fromHousehold">The household being split.</param>
    /// <param name="newHousehold">The new household, already added with <see cref="AddHousehold"/>.</param>
    /// <param name="shares">Shares per class code moving to the new household; at least one more than zero, none negative.</param>
    /// <exception cref="DomainException">The general rules; <c>register.nothingToMove</c> (field <c>shares</c>) when all are zero.</exception>
    public ShareMovement Split(MovementInfo info, int fromHousehold, int newHousehold, IReadOnlyDictionary<string, decimal> shares)
    {
        ArgumentNullException.ThrowIfNull(shares);
        Known(fromHousehold, "fromHousehold");
        Member(newHousehold, "newHousehold");
        if (fromHousehold == newHousehold)
        {
            throw new DomainException("register.sameHousehold", "newHousehold", "新户不能是原户 (the new household must differ from the old one)");
        }

        var legs = new List<MovementLeg>();
        foreach (var (shareClass, count) in shares.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (count < 0)
            {
                throw new DomainException("register.negativeShares", "shares", "分出的股数不能为负 (shares moved cannot be negative)");
            }

            if (count > 0)
            {
                legs.Add(new(fromHousehold, shareClass, -count));
                legs.Add(new(newHousehold, shareClass, count));
            }
        }

        if (legs.Count == 0)
        {
            throw new DomainException("register.nothingToMove", "shares", "分户须分出股份 (a split must move some shares)");
        }

        return Record(MovementKind.Split, info, legs, null);
    }

    /// <summary>Merges a household into another (合户): everything it holds on the date moves, and it stops being a member household.</summary>
    /// <param name="info">Date, reason, document, who.</param>
    /// <param name="fromHousehold">The household that joins the other.</param>
    /// <param name="intoHousehold">A member household.</param>
    /// <exception cref="DomainException"><c>register.nothingToMove</c> (field <c>fromHousehold</c>) when it holds nothing; the general rules.</exception>
    public ShareMovement Merge(MovementInfo info, int fromHousehold, int intoHousehold)
    {
        ArgumentNullException.ThrowIfNull(info);
        Known(fromHousehold, "fromHousehold");
        Member(intoHousehold, "intoHousehold");
        if (fromHousehold == intoHousehold)
        {
            throw new DomainException("register.sameHousehold", "intoHousehold", "不能与本户合户 (a household cannot merge into itself)");
        }

        var legs = new List<MovementLeg>();
        foreach (var (key, count) in HoldingsAsOf(info.EffectiveOn).Where(p => p.Key.Household == fromHousehold).OrderBy(p => p.Key.ShareClass, StringComparer.Ordinal))
        {
            legs.Add(new(fromHousehold, key.ShareClass, -count));
            legs.Add(new(intoHousehold, key.ShareClass, count));
        }

        if (legs.Count == 0)
        {
            throw new DomainException("register.nothingToMove", "fromHousehold", $"第{fromHousehold}户在该日没有股份 (household {fromHousehold} holds no shares on that date)");
        }

        var movement = Record(MovementKind.Merge, info, legs, null);
        _households[fromHousehold] = false;
        return movement;
    }

    /// <summary>Cancels shares on exit (退出注销), where the charter allows it.</summary>
    /// <param name="info">Date, reason, document, who.</param>
    /// <param name="household">A registered household.</param>
    /// <param name="shareClass">A class code of the charter.</param>
    /// <param name="shares">More than zero; at most what it holds.</param>
    /// <exception cref="DomainException"><c>register.cancellationNotAllowed</c> (field <c>kind</c>) when the charter does not allow it; the general rules.</exception>
    public ShareMovement Cancel(MovementInfo info, int household, string shareClass, decimal shares)
    {
        if (!Charter.CancellationOnExit)
        {
            throw new DomainException("register.cancellationNotAllowed", "kind", "本村章程不允许退出注销股份 (the charter does not allow cancelling shares on exit)");
        }

        Known(household, "household");
        Positive(shares);
        return Record(MovementKind.Cancellation, info, [new(household, shareClass, -shares)], null);
    }

    /// <summary>
    /// Corrects a movement: records its reversal (冲销) and, when <paramref name="replacement"/> has legs, a new
    /// movement of the same kind with them. Both or neither are recorded.
    /// </summary>
    /// <param name="info">Date (of the reversal and the replacement: the original's date keeps history as it was), reason, document, who.</param>
    /// <param name="movementNo">The movement to correct; not a reversal, not reversed already.</param>
    /// <param name="replacement">The correct legs; empty to only reverse.</param>
    /// <exception cref="DomainException"><c>register.unknownMovement</c>, <c>register.alreadyReversed</c>, <c>register.reversalOfReversal</c> (field <c>movementNo</c>);
    /// <c>register.unbalanced</c> (field <c>legs</c>) when the replacement breaks its kind's balance rule; the general rules.</exception>
    public (ShareMovement Reversal, ShareMovement? Replacement) Correct(MovementInfo info, long movementNo, IReadOnlyList<MovementLeg> replacement)
    {
        ArgumentNullException.ThrowIfNull(info);
        ArgumentNullException.ThrowIfNull(replacement);
        var original = _journal.Find(m => m.No == movementNo)
            ?? throw new DomainException("register.unknownMovement", "movementNo", $"没有第{movementNo}号变动 (no movement {movementNo})");
        if (original.Kind == MovementKind.Reversal)
        {
            throw new DomainException("register.reversalOfReversal", "movementNo", "冲销记录不能再冲销 (a reversal cannot be reversed; enter a new movement)");
        }

        if (_reversed.Contains(movementNo))
        {
            throw new DomainException("register.alreadyReversed", "movementNo", $"第{movementNo}号变动已冲销 (movement {movementNo} is already reversed)");
        }

        var count = _journal.Count;
        var reversal = Record(MovementKind.Reversal, info, original.Legs.Select(l => l with { Delta = -l.Delta }).ToList(), movementNo);
        if (replacement.Count == 0)
        {
            return (reversal, null);
        }

        try
        {
            BalanceRule(original.Kind, replacement);
            foreach (var leg in replacement.Where(l => l.Delta > 0))
            {
                Member(leg.Household, "legs");
            }

            return (reversal, Record(original.Kind, info, replacement, null));
        }
        catch (DomainException)
        {
            Undo(count);
            throw;
        }
    }

    /// <summary>
    /// Checks that the journal fits a charter that would replace this one: every class it uses is kept and every amount it
    /// records fits the new precision (a charter cannot rewrite history).
    /// </summary>
    /// <param name="charter">The charter proposed.</param>
    /// <exception cref="DomainException"><c>charter.classInUse</c> (field <c>classes</c>): a class the journal uses is dropped;
    /// <c>charter.precisionInUse</c> (field <c>precision</c>): a recorded amount is finer than the new precision.</exception>
    public void CheckReplacement(ShareCharter charter)
    {
        ArgumentNullException.ThrowIfNull(charter);
        var legs = _journal.SelectMany(m => m.Legs).ToList();
        if (legs.FirstOrDefault(l => !charter.HasClass(l.ShareClass)) is { } orphan)
        {
            throw new DomainException("charter.classInUse", "classes", $"股种{orphan.ShareClass}已有变动记录，不能删除 (share class {orphan.ShareClass} is used by the journal)");
        }

        if (legs.Any(l => !charter.Fits(l.Delta)))
        {
            throw new DomainException("charter.precisionInUse", "precision", "已有股数比新精度更细 (recorded shares are finer than the new precision)");
        }
    }

    /// <summary>Holdings by household and class as of a date (movements effective on or before it), zero holdings left out.</summary>
    /// <param name="asOf">A date (China time).</param>
    public IReadOnlyDictionary<(int Household, string ShareClass), decimal> HoldingsAsOf(DateOnly asOf)
    {
        var holdings = new Dictionary<(int, string), decimal>();
        foreach (var movement in _journal.Where(m => m.Info.EffectiveOn <= asOf))
        {
            foreach (var leg in movement.Legs)
            {
                holdings[(leg.Household, leg.ShareClass)] = holdings.GetValueOrDefault((leg.Household, leg.ShareClass)) + leg.Delta;
            }
        }

        return holdings.Where(p => p.Value != 0m).ToDictionary(p => p.Key, p => p.Value);
    }

    /// <summary>The village's total shares as of a date.</summary>
    /// <param name="asOf">A date (China time).</param>
    public decimal TotalAsOf(DateOnly asOf) => _journal.Where(m => m.Info.EffectiveOn <= asOf).Sum(m => m.NetChange);

    private ShareMovement Record(MovementKind kind, MovementInfo info, IReadOnlyList<MovementLeg> legs, long? reverses)
    {
        ArgumentNullException.ThrowIfNull(info);
        foreach (var leg in legs)
        {
            if (!Charter.HasClass(leg.ShareClass))
            {
                throw new DomainException("register.unknownClass", "shareClass", $"章程中没有股种{leg.ShareClass} (the charter has no share class {leg.ShareClass})");
            }

            if (!Charter.Fits(leg.Delta))
            {
                throw new DomainException("register.tooPrecise", "shares",
                    $"股数须为{Charter.Precision.ToString(CultureInfo.InvariantCulture)}的整数倍 (shares must be a multiple of the charter's precision {Charter.Precision.ToString(CultureInfo.InvariantCulture)}): {Math.Abs(leg.Delta).ToString(CultureInfo.InvariantCulture)}");
            }
        }

        var movement = new ShareMovement((_journal.Count == 0 ? 0 : _journal[^1].No) + 1, kind, info, legs, reverses);
        Append(movement);
        return movement;
    }

    private void Append(ShareMovement movement)
    {
        if (movement.Kind != MovementKind.Reversal)
        {
            BalanceRule(movement.Kind, movement.Legs);
        }

        _journal.Add(movement);
        if (movement.Reverses is { } reversed)
        {
            _reversed.Add(reversed);
        }

        foreach (var leg in movement.Legs)
        {
            _current[(leg.Household, leg.ShareClass)] = _current.GetValueOrDefault((leg.Household, leg.ShareClass)) + leg.Delta;
            if (!_legsByHolding.TryGetValue((leg.Household, leg.ShareClass), out var list))
            {
                _legsByHolding[(leg.Household, leg.ShareClass)] = list = [];
            }

            list.Add((movement.Info.EffectiveOn, leg.Delta));
        }

        var negative = movement.Legs.Select(l => (l.Household, l.ShareClass)).Distinct().FirstOrDefault(NegativeOnSomeDate);
        if (negative != default)
        {
            Undo(_journal.Count - 1);
            throw new DomainException("register.negativeHolding", "shares",
                $"第{negative.Household}户的{ClassName(negative.ShareClass)}将出现负数 (household {negative.Household} would hold fewer than zero {negative.ShareClass} shares on some date)");
        }
    }

    // Removes the movements from index `count` on, restoring the running balances.
    private void Undo(int count)
    {
        for (var i = _journal.Count - 1; i >= count; i--)
        {
            var movement = _journal[i];
            foreach (var leg in movement.Legs)
            {
                _current[(leg.Household, leg.ShareClass)] -= leg.Delta;
                var list = _legsByHolding[(leg.Household, leg.ShareClass)];
                list.RemoveAt(list.Count - 1);
            }

            if (movement.Reverses is { } reversed)
            {
                _reversed.Remove(reversed);
            }

            _journal.RemoveAt(i);
        }
    }

    // The holding replayed date by date (all movements of a date together, as the register as of a date sees them).
    private bool NegativeOnSomeDate((int Household, string ShareClass) key)
    {
        return NegativeByDay(_legsByHolding[key]);
    }

    private static bool NegativeByDay(List<(DateOnly On, decimal Delta)> legs)
    {
        var running = 0m;
        foreach (var day in legs.GroupBy(x => x.On).OrderBy(g => g.Key))
        {
            running += day.Sum(x => x.Delta);
            if (running < 0m)
            {
                return true;
            }
        }

        return false;
    }

    private static void BalanceRule(MovementKind kind, IReadOnlyList<MovementLeg> legs)
    {
        if (legs.Count == 0 || legs.Any(l => l.Delta == 0m))
        {
            throw new DomainException("register.unbalanced", "legs", "变动须有非零的股数 (a movement needs non-zero legs)");
        }

        var ok = kind switch
        {
            MovementKind.Allocation or MovementKind.Enrolment => legs.All(l => l.Delta > 0),
            MovementKind.Cancellation => legs.All(l => l.Delta < 0),
            _ => legs.GroupBy(l => l.ShareClass).All(g => g.Sum(l => l.Delta) == 0m),
        };
        if (!ok)
        {
            throw new DomainException("register.unbalanced", "legs",
                $"{MovementKinds.Label(kind)}不平衡：除配股与注销外，每个股种的增减须相抵 ({MovementKinds.Code(kind)} does not balance: only allocation adds and only cancellation removes shares)");
        }
    }

    private string ClassName(string code) => Charter.Classes.FirstOrDefault(c => c.Code == code)?.Name ?? code;

    private static void Positive(decimal shares)
    {
        if (shares <= 0)
        {
            throw new DomainException(shares < 0 ? "register.negativeShares" : "register.notPositive", "shares",
                $"股数须大于0 (shares must be more than zero): {shares.ToString(CultureInfo.InvariantCulture)}");
        }
    }

    private void Known(int number, string field)
    {
        if (!_households.ContainsKey(number))
        {
            throw new DomainException("register.unknownHousehold", field, $"没有第{number}户 (no household {number} in the register)");
        }
    }

    private void Member(int number, string field)
    {
        Known(number, field);
        if (!IsMemberHousehold(number))
        {
            throw new DomainException("register.notMember", field, $"第{number}户不是本社成员户，股份只能在社内流转 (household {number} is not a member household; shares move only inside the organisation)");
        }
    }
}
