using System.Globalization;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace VillageCollective.Silo.Import;

/// <summary>
/// Adds one worksheet to a workbook being written (DocumentFormat.OpenXml): each row an array of cells, numbers
/// (<see cref="decimal"/>, <see cref="int"/>, <see cref="long"/>) as number cells so Excel sums them, anything else as
/// inline text (resident IDs and account numbers above all: never a float), null or empty text left blank. The register's
/// files and the comparison's, the checklist's and the books' exports all write their sheets here.
/// </summary>
public static class XlsxSheet
{
    /// <summary>A whole workbook of <paramref name="sheets"/> (name and rows each, in order), as the bytes of an .xlsx file.</summary>
    public static byte[] Workbook(params (string Name, IEnumerable<object?[]> Rows)[] sheets)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, DocumentFormat.OpenXml.SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook(new Sheets());
            foreach (var (name, rows) in sheets) Add(workbook, name, rows);
            workbook.Workbook.Save();
        }
        return stream.ToArray();
    }

    public static void Add(WorkbookPart workbook, string name, IEnumerable<object?[]> rows)
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
                var reference = SheetReader.ColumnLetter(c) + index.ToString(CultureInfo.InvariantCulture);
                switch (cells[c])
                {
                    case null or "":
                        continue;
                    case decimal or int or long:
                        row.Append(new Cell { CellReference = reference, DataType = CellValues.Number,
                            CellValue = new CellValue(Convert.ToString(cells[c], CultureInfo.InvariantCulture)!) });
                        break;
                    default:
                        row.Append(new Cell { CellReference = reference, DataType = CellValues.InlineString, InlineString = new InlineString(new Text(cells[c]!.ToString()!)) });
                        break;
                }
            }
            data.Append(row);
        }
        part.Worksheet = new Worksheet(data);
        var sheets = workbook.Workbook.Sheets!;
        sheets.Append(new DocumentFormat.OpenXml.Spreadsheet.Sheet { Id = workbook.GetIdOfPart(part), SheetId = (uint)sheets.ChildElements.Count + 1, Name = name });
    }
}
