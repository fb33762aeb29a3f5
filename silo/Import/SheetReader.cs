using System.Text;
using CsvHelper;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace VillageCollective.Silo.Import;

/// <summary>A file read as rows of cell texts (row 0 = the header, file row 1), with the encoding found for a CSV.</summary>
public sealed record Sheet(List<string[]> Rows, string Format, string? Encoding);

/// <summary>Reads an uploaded register: .xlsx (first worksheet) or CSV in UTF-8 (with or without BOM) or GB18030, detected.</summary>
public static class SheetReader
{
    static SheetReader() => System.Text.Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>GB18030, the encoding Chinese Excel saves CSV in.</summary>
    public static System.Text.Encoding Gb18030 => System.Text.Encoding.GetEncoding("GB18030");

    /// <summary>Reads the bytes: a zip (PK) is .xlsx, anything else CSV.</summary>
    /// <exception cref="InvalidDataException">The file is neither a readable workbook nor text.</exception>
    public static Sheet Read(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        if (bytes.Length >= 4 && bytes[0] == 'P' && bytes[1] == 'K' && bytes[2] == 3 && bytes[3] == 4)
        {
            try
            {
                return ReadXlsx(bytes);
            }
            // A broken zip or workbook fails deep in System.IO.Packaging or the OpenXML SDK with many exception types
            // (FileFormatException, ArgumentException, IndexOutOfRange for a shared string that is not there, …): all
            // mean the same to the person uploading it.
            catch (Exception e) when (e is not (InvalidDataException or OutOfMemoryException))
            {
                throw new InvalidDataException($"不是可读的.xlsx工作簿 (not a readable .xlsx workbook): {e.Message}", e);
            }
        }
        return ReadCsv(bytes);
    }

    /// <summary>Decodes CSV bytes: a UTF-8 BOM or valid UTF-8 is UTF-8; otherwise GB18030.</summary>
    public static (string Text, string Encoding) Decode(byte[] bytes)
    {
        if (bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF)
        {
            return (new UTF8Encoding(false, true).GetString(bytes, 3, bytes.Length - 3), "UTF-8");
        }
        try
        {
            return (new UTF8Encoding(false, true).GetString(bytes), "UTF-8");
        }
        catch (DecoderFallbackException)
        {
            return (Gb18030.GetString(bytes), "GB18030");
        }
    }

    private static Sheet ReadCsv(byte[] bytes)
    {
        var (text, encoding) = Decode(bytes);
        var rows = new List<string[]>();
        using var reader = CsvReader.FromText(text, new CsvReaderOptions { HasHeader = false });
        while (reader.Read())
        {
            var row = new string[reader.FieldCount];
            for (var i = 0; i < row.Length; i++) row[i] = reader.GetString(i);
            rows.Add(row);
        }
        return new Sheet(rows, "csv", encoding);
    }

    private static Sheet ReadXlsx(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes, writable: false);
        using var document = SpreadsheetDocument.Open(stream, false);
        var workbook = document.WorkbookPart ?? throw new InvalidDataException("no workbook");
        var first = workbook.Workbook.Sheets?.Elements<DocumentFormat.OpenXml.Spreadsheet.Sheet>().FirstOrDefault() ?? throw new InvalidDataException("no worksheet");
        var part = (WorksheetPart)workbook.GetPartById(first.Id!.Value!);
        var shared = workbook.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(i => i.InnerText).ToArray() ?? [];
        var rows = new List<string[]>();
        // A forward-only reader, one row element at a time: the sheet's DOM is never built (a 10,000-household sheet is ~25,000 rows).
        using var reader = OpenXmlReader.Create(part);
        while (reader.Read())
        {
            if (reader.ElementType != typeof(Row) || !reader.IsStartElement) continue;
            var row = (Row)reader.LoadCurrentElement()!;
            var index = (int)(row.RowIndex?.Value ?? (uint)(rows.Count + 1)) - 1;
            while (rows.Count < index) rows.Add([]);
            var cells = new List<string>();
            foreach (var cell in row.Elements<Cell>())
            {
                var column = cell.CellReference?.Value is { } reference ? ColumnIndex(reference) : cells.Count;
                while (cells.Count < column) cells.Add("");
                cells.Add(Text(cell, shared));
            }
            rows.Add([.. cells]);
        }
        // Excel leaves empty cells out: pad every row to the widest, as a CSV row would be.
        var width = rows.Count == 0 ? 0 : rows.Max(r => r.Length);
        return new Sheet(rows.Select(r => r.Length == width ? r : [.. r, .. Enumerable.Repeat("", width - r.Length)]).ToList(), "xlsx", null);
    }

    private static string Text(Cell cell, string[] shared)
    {
        if (cell.DataType?.Value == CellValues.SharedString && int.TryParse(cell.CellValue?.Text, out var i) && i < shared.Length) return shared[i];
        if (cell.DataType?.Value == CellValues.InlineString) return cell.InlineString?.InnerText ?? "";
        return cell.CellValue?.Text ?? "";
    }

    /// <summary>"C7" → 2 (zero-based column).</summary>
    public static int ColumnIndex(string reference)
    {
        var index = 0;
        foreach (var c in reference.TakeWhile(char.IsAsciiLetter))
        {
            index = index * 26 + (char.ToUpperInvariant(c) - 'A' + 1);
        }
        return index - 1;
    }

    /// <summary>2 → "C".</summary>
    public static string ColumnLetter(int index)
    {
        var letters = "";
        for (index++; index > 0; index = (index - 1) / 26) letters = (char)('A' + (index - 1) % 26) + letters;
        return letters;
    }
}
