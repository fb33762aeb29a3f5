using System.Globalization;
using System.Text;
using CsvHelper;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace VillageCollective.Silo.Import;

/// <summary>Writes rows in the <see cref="RegisterTemplate"/> layout as .xlsx (text cells, shares as numbers) or CSV (UTF-8 with BOM, so Excel opens it).</summary>
public static class RegisterFileWriter
{
    /// <summary>The .xlsx content type.</summary>
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>A CSV in UTF-8 with a byte-order mark; the header is <see cref="RegisterTemplate.Columns"/>.</summary>
    public static byte[] Csv(IEnumerable<string[]> rows)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var writer = CsvWriter.Create(text, new CsvWriterOptions(), leaveOpen: true))
        {
            writer.WriteRecord([.. RegisterTemplate.Columns]);
            foreach (var row in rows) writer.WriteRecord(row);
        }
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    /// <summary>A workbook whose first sheet (股权台账) has the header and rows; with <paramref name="notes"/>, a second sheet 填写说明 explains the columns.</summary>
    public static byte[] Xlsx(IEnumerable<string[]> rows, bool notes)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook(new Sheets());
            var sharesColumns = new HashSet<int> { IndexOf(RegisterTemplate.Shares), IndexOf(RegisterTemplate.StatedTotal) };
            AddSheet(workbook, "股权台账", [[.. RegisterTemplate.Columns], .. rows], sharesColumns);
            if (notes)
            {
                AddSheet(workbook, "填写说明", [["列", "说明"], .. RegisterTemplate.Notes.Select(n => new[] { n.Column, n.Note })], []);
            }
            workbook.Workbook.Save();
        }
        return stream.ToArray();
    }

    private static int IndexOf(string column) => RegisterTemplate.Columns.ToList().IndexOf(column);

    private static void AddSheet(WorkbookPart workbook, string name, IEnumerable<string[]> rows, HashSet<int> numberColumns)
    {
        var part = workbook.AddNewPart<WorksheetPart>();
        var data = new SheetData();
        uint index = 0;
        foreach (var cells in rows)
        {
            index++;
            var row = new Row { RowIndex = index };
            for (var c = 0; c < cells.Length; c++)
            {
                if (cells[c].Length == 0) continue;
                var reference = SheetReader.ColumnLetter(c) + index.ToString(CultureInfo.InvariantCulture);
                // Shares as numbers so Excel sums them; everything else (IDs above all) as text, never a float.
                row.Append(index > 1 && numberColumns.Contains(c)
                    ? new Cell { CellReference = reference, DataType = CellValues.Number, CellValue = new CellValue(cells[c]) }
                    : new Cell { CellReference = reference, DataType = CellValues.InlineString, InlineString = new InlineString(new Text(cells[c])) });
            }
            data.Append(row);
        }
        part.Worksheet = new Worksheet(data);
        var sheets = workbook.Workbook.Sheets!;
        sheets.Append(new DocumentFormat.OpenXml.Spreadsheet.Sheet
        {
            Id = workbook.GetIdOfPart(part),
            SheetId = (uint)sheets.ChildElements.Count + 1,
            Name = name,
        });
    }
}
