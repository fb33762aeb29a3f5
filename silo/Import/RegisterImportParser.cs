using System.Globalization;
using VillageCollective.Grains;
using VillageCollective.Grains.Household;
using VillageCollective.Grains.Register;

namespace VillageCollective.Silo.Import;

/// <summary>One error of an import: the file's row (1 = header), the column (its letter and header), the rule broken, and a message.</summary>
public sealed record ImportError(int Row, string Column, string Rule, string Message);

/// <summary>A member read from the file, with their phone.</summary>
public sealed record ImportedMember(Member Member, string Phone);

/// <summary>A household read from the file: number, group, address, members (head first) and holdings per class code.</summary>
public sealed record ImportedHousehold(int Number, string VillageGroup, string Address, IReadOnlyList<ImportedMember> Members,
    IReadOnlyDictionary<string, decimal> Holdings)
{
    public string HeadName => Members[0].Member.Name;
}

/// <summary>
/// Checks a register file (<see cref="RegisterTemplate"/>) against the charter and the register it joins, and collects every
/// error with its row, column and rule; a file with any error yields no households (an import is all or nothing).
/// Rules: <c>header.missing</c>, <c>required</c>, <c>householdNumber</c>, <c>household.exists</c>, <c>residentId.*</c> (length, digits,
/// birthDate, checkCharacter), <c>residentId.duplicate</c>, <c>shares.notNumber</c>, <c>shares.negative</c>, <c>shares.tooPrecise</c>,
/// <c>shareClass.unknown</c>, <c>household.noHead</c>, <c>household.twoHeads</c>, <c>household.headName</c>, <c>household.totalMismatch</c>.
/// </summary>
public static class RegisterImportParser
{
    private const int MaxErrors = 1000;

    /// <summary>Parses the rows; returns the households (in number order) or the errors (at most 1,000, row order).</summary>
    /// <param name="rows">Row 0 is the header.</param>
    /// <param name="charter">The village's charter (classes, precision).</param>
    /// <param name="existingNumbers">Household numbers already in the register.</param>
    /// <param name="existingResidentIds">Resident IDs already in the register.</param>
    public static (List<ImportedHousehold> Households, List<ImportError> Errors) Parse(IReadOnlyList<string[]> rows, ShareCharter charter,
        IReadOnlySet<int> existingNumbers, IReadOnlySet<string> existingResidentIds)
    {
        var errors = new List<ImportError>();
        if (rows.Count == 0)
        {
            errors.Add(new(1, "", "header.missing", "文件为空，缺少表头 (the file is empty; the header row is missing)"));
            return ([], errors);
        }

        var header = rows[0].Select(h => h.Trim()).ToArray();
        var columns = RegisterTemplate.Columns.ToDictionary(c => c, c => Array.IndexOf(header, c));
        foreach (var missing in RegisterTemplate.Required.Where(c => columns[c] < 0))
        {
            errors.Add(new(1, missing, "header.missing", $"缺少必填列“{missing}” (the required column {missing} is missing)"));
        }
        if (errors.Count > 0) return ([], errors);

        string Col(string name) => columns[name] < 0 ? name : $"{SheetReader.ColumnLetter(columns[name])}（{name}）";
        void Error(int row, string column, string rule, string message)
        {
            if (errors.Count < MaxErrors) errors.Add(new(row, Col(column), rule, message));
        }

        var byNumber = new SortedDictionary<int, Draft>();
        var seenIds = new Dictionary<string, (int Household, int Row)>(StringComparer.Ordinal);
        for (var index = 1; index < rows.Count; index++)
        {
            var cells = rows[index];
            string Cell(string name) => columns[name] >= 0 && columns[name] < cells.Length ? cells[columns[name]].Trim() : "";
            if (cells.All(string.IsNullOrWhiteSpace)) continue;
            var row = index + 1;

            if (!int.TryParse(Cell(RegisterTemplate.HouseholdNumber), NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number <= 0)
            {
                Error(row, RegisterTemplate.HouseholdNumber, "householdNumber", $"户号须为大于0的整数 (a household number is a whole number above 0): {Cell(RegisterTemplate.HouseholdNumber)}");
                continue;
            }
            if (existingNumbers.Contains(number))
            {
                Error(row, RegisterTemplate.HouseholdNumber, "household.exists", $"户号{number}已在台账中 (household {number} is already in the register)");
            }
            if (!byNumber.TryGetValue(number, out var draft))
            {
                byNumber[number] = draft = new Draft(number, row, Cell(RegisterTemplate.VillageGroup), Cell(RegisterTemplate.Address));
            }

            var name = Cell(RegisterTemplate.Name);
            var relation = Cell(RegisterTemplate.Relation);
            if (name.Length == 0) Error(row, RegisterTemplate.Name, "required", "姓名不能为空 (a name is required)");
            if (relation.Length == 0) Error(row, RegisterTemplate.Relation, "required", "与户主关系不能为空 (the relation to the head is required)");
            if (Cell(RegisterTemplate.HeadName) is { Length: > 0 } headName) draft.StatedHeads.Add((row, headName));

            ResidentId? residentId = null;
            if (!ResidentId.TryParse(Cell(RegisterTemplate.ResidentId), out residentId, out var idError))
            {
                Error(row, RegisterTemplate.ResidentId, idError.Code, idError.Message);
            }
            else if (existingResidentIds.Contains(residentId.Value))
            {
                Error(row, RegisterTemplate.ResidentId, "residentId.duplicate", $"身份证号{residentId.Masked}已在台账中 (resident ID {residentId.Masked} is already in the register)");
                residentId = null;
            }

            var classCode = "";
            var shares = 0m;
            var sharesText = Cell(RegisterTemplate.Shares);
            if (sharesText.Length > 0)
            {
                if (ReadShares(sharesText, charter, out shares) is { } problem)
                {
                    Error(row, RegisterTemplate.Shares, problem.Rule, problem.Message);
                    draft.SharesUnreadable = true;
                }
                var classText = Cell(RegisterTemplate.ShareClass);
                var shareClass = charter.Classes.FirstOrDefault(c => c.Name == classText || c.Code == classText);
                if (shareClass is null)
                {
                    Error(row, RegisterTemplate.ShareClass, "shareClass.unknown",
                        $"章程中没有股种“{classText}”，应为{string.Join("、", charter.Classes.Select(c => c.Name))} (unknown share class; the charter has {string.Join(", ", charter.Classes.Select(c => c.Code))})");
                }
                else
                {
                    classCode = shareClass.Code;
                }
            }

            if (Cell(RegisterTemplate.StatedTotal) is { Length: > 0 } totalText)
            {
                if (ReadShares(totalText, charter, out var stated) is { } problem)
                {
                    Error(row, RegisterTemplate.StatedTotal, problem.Rule, problem.Message);
                }
                else
                {
                    draft.StatedTotals.Add((row, stated));
                }
            }

            if (residentId is not null)
            {
                // The same person again in the same household with another class is a second holding of theirs.
                if (seenIds.TryGetValue(residentId.Value, out var seen)
                    && (seen.Household != number || draft.Rows.Any(r => r.Member?.ResidentId == residentId && r.ClassCode == classCode)))
                {
                    Error(row, RegisterTemplate.ResidentId, "residentId.duplicate",
                        $"身份证号{residentId.Masked}与第{seen.Row}行重复 (resident ID {residentId.Masked} repeats row {seen.Row})");
                    residentId = null;
                }
                else
                {
                    seenIds.TryAdd(residentId.Value, (number, row));
                }
            }

            Member? member = null;
            if (residentId is not null && name.Length > 0 && relation.Length > 0)
            {
                member = new Member(name, residentId.IsMale ? Sex.Male : Sex.Female, residentId.BirthDate, residentId, relation);
            }
            draft.Rows.Add(new DraftRow(row, member, relation == Relations.Head, Cell(RegisterTemplate.ResidentId).ToUpperInvariant(), Cell(RegisterTemplate.Phone), classCode, shares));
        }

        foreach (var draft in byNumber.Values)
        {
            // Heads by the relation column, whether or not the rest of the row is readable: a bad ID does not hide a missing head.
            var heads = draft.Rows.Where(r => r.IsHead).Select(r => r.IdText).Distinct().ToList();
            if (HouseholdHeads.Problem(draft.Number, heads.Count) is { } headProblem)
            {
                // No head: the household's first row; two: the second head's row.
                var row = heads.Count == 0 ? draft.FirstRow : draft.Rows.First(r => r.IsHead && r.IdText != heads[0]).Row;
                Error(row, RegisterTemplate.Relation, headProblem.Code, headProblem.Message);
            }
            var headName = draft.Rows.FirstOrDefault(r => r.Member?.IsHead == true)?.Member!.Name;
            foreach (var (row, stated) in draft.StatedHeads.Where(s => headName is not null && s.Name != headName))
            {
                Error(row, RegisterTemplate.HeadName, "household.headName", $"户主填写为“{stated}”，但户主行的姓名为“{headName}” (the head column says {stated}; the head's row says {headName})");
            }
            var total = draft.Rows.Sum(r => r.Shares);
            // A row whose shares cannot be read has its own error; the sum would only repeat it.
            foreach (var (row, stated) in draft.StatedTotals.Where(s => s.Total != total && !draft.SharesUnreadable))
            {
                Error(row, RegisterTemplate.StatedTotal, "household.totalMismatch",
                    $"户合计股数{Show(stated)}与各行之和{Show(total)}不符 (the stated total {Show(stated)} differs from the rows' sum {Show(total)})");
            }
        }

        if (errors.Count > 0)
        {
            return ([], errors.OrderBy(e => e.Row).ToList());
        }

        var households = byNumber.Values.Select(d =>
        {
            var members = d.Rows.Where(r => r.Member is not null).GroupBy(r => r.Member!.ResidentId.Value).Select(g => g.First())
                .OrderByDescending(r => r.Member!.IsHead).Select(r => new ImportedMember(r.Member!, r.Phone)).ToList();
            var holdings = d.Rows.Where(r => r.Shares > 0).GroupBy(r => r.ClassCode).ToDictionary(g => g.Key, g => g.Sum(r => r.Shares));
            return new ImportedHousehold(d.Number, d.VillageGroup, d.Address, members, holdings);
        }).ToList();
        return (households, []);
    }

    private static string Show(decimal shares) => shares.ToString("0.####", CultureInfo.InvariantCulture);

    private static (string Rule, string Message)? ReadShares(string text, ShareCharter charter, out decimal shares)
    {
        if (!decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out shares))
        {
            return ("shares.notNumber", $"股数不是数字 (shares must be a number): {text}");
        }
        if (shares < 0)
        {
            return ("shares.negative", $"股数不能为负 (shares cannot be negative): {text}");
        }
        if (!charter.Fits(shares))
        {
            return ("shares.tooPrecise", $"股数最多保留{charter.Decimals}位小数 (the charter allows {charter.Decimals} decimal places): {text}");
        }
        return null;
    }

    private sealed record DraftRow(int Row, Member? Member, bool IsHead, string IdText, string Phone, string ClassCode, decimal Shares);

    private sealed class Draft(int number, int firstRow, string villageGroup, string address)
    {
        public int Number { get; } = number;
        public int FirstRow { get; } = firstRow;
        public string VillageGroup { get; } = villageGroup;
        public string Address { get; } = address;
        public List<DraftRow> Rows { get; } = [];
        public List<(int Row, string Name)> StatedHeads { get; } = [];
        public List<(int Row, decimal Total)> StatedTotals { get; } = [];
        public bool SharesUnreadable { get; set; }
    }
}
