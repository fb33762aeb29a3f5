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

    // Shares as numbers so Excel sums them (below the header); everything else (IDs above all) as text.
    private static void AddSheet(WorkbookPart workbook, string name, IEnumerable<string[]> rows, HashSet<int> numberColumns) =>
        XlsxSheet.Add(workbook, name, rows.Select((cells, i) => cells.Select((cell, c) =>
            i > 0 && numberColumns.Contains(c) && decimal.TryParse(cell, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number) ? number : (object?)cell).ToArray()));
}
