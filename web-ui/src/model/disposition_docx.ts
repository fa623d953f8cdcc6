// The disposition table as a Word document, for the drafting unit to attach
// to its submission: A4 landscape (five columns need the width), Times New
// Roman 13 pt as official documents use, the heading row repeated on every
// page. Built with the `docx` library, loaded only when asked for.
import { FONT, officialPage } from "./docx_page";
import type { Document as DocxDocument } from "docx";

const SIZE = 26; // half-points: 13 pt
/** Column shares of the page width: No., content, comment, unit, disposition. */
const WIDTHS = [6, 22, 28, 16, 28];

export async function dispositionDocx(
  title: string,
  subtitle: string,
  headings: readonly string[],
  rows: readonly (readonly string[])[],
): Promise<DocxDocument> {
  const d = await import("docx");
  const text = (value: string, bold = false) =>
    value.split("\n").map(
      (line, i) => new d.TextRun({ text: line, bold, font: FONT, size: SIZE, ...(i > 0 ? { break: 1 } : {}) }),
    );
  const cell = (value: string, bold = false, width = 10) =>
    new d.TableCell({
      width: { size: width, type: d.WidthType.PERCENTAGE },
      children: [new d.Paragraph({ children: text(value, bold) })],
    });
  const header = new d.TableRow({
    tableHeader: true,
    children: headings.map((h, i) => cell(h, true, WIDTHS[i])),
  });
  const body = rows.map((r) => new d.TableRow({ children: r.map((v, i) => cell(v, false, WIDTHS[i])) }));
  return new d.Document({
    creator: "planflow",
    title,
    sections: [
      {
        properties: officialPage(d, true),
        children: [
          new d.Paragraph({ alignment: d.AlignmentType.CENTER, children: text(title.toLocaleUpperCase("vi"), true) }),
          new d.Paragraph({ alignment: d.AlignmentType.CENTER, spacing: { after: 240 }, children: text(subtitle) }),
          new d.Table({ width: { size: 100, type: d.WidthType.PERCENTAGE }, rows: [header, ...body] }),
        ],
      },
    ],
  });
}
