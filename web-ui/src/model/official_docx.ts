// The issued document as a Word file in the official layout (Nghị định
// 30/2020/NĐ-CP, Annex I): A4 portrait with the official margins, Times New
// Roman, the head and the signature block as borderless two-column tables
// the way the annex draws them. Built with the `docx` library, loaded only
// when asked for.
import { FONT, MM, officialPage } from "./docx_page";
import type { Document as DocxDocument, Paragraph, Table } from "docx";
import type { Block } from "./document";
import { MOTTO, NATIONAL_TITLE, type IssuedLayout } from "./official";

const pt = (points: number) => points * 2; // docx sizes are half-points

export async function issuedDocx(layout: IssuedLayout, blocks: readonly Block[], title: string): Promise<DocxDocument> {
  const d = await import("docx");
  interface RunStyle {
    size?: number;
    bold?: boolean;
    italics?: boolean;
    underline?: boolean;
  }
  const run = (text: string, s: RunStyle = {}) =>
    new d.TextRun({
      text,
      font: FONT,
      size: pt(s.size ?? 14),
      bold: s.bold === true,
      italics: s.italics === true,
      ...(s.underline ? { underline: { type: d.UnderlineType.SINGLE } } : {}),
    });
  const centered = (text: string, s: RunStyle = {}, after = 0) =>
    new d.Paragraph({ alignment: d.AlignmentType.CENTER, spacing: { after }, children: [run(text, s)] });
  const none = { style: d.BorderStyle.NONE, size: 0, color: "FFFFFF" };
  const noBorders = { top: none, bottom: none, left: none, right: none, insideHorizontal: none, insideVertical: none };
  const cell = (width: number, children: Paragraph[]) =>
    new d.TableCell({ width: { size: width, type: d.WidthType.PERCENTAGE }, borders: noBorders, children });
  const twoColumns = (left: Paragraph[], right: Paragraph[], leftShare: number): Table =>
    new d.Table({
      width: { size: 100, type: d.WidthType.PERCENTAGE },
      borders: noBorders,
      rows: [new d.TableRow({ children: [cell(leftShare, left), cell(100 - leftShare, right)] })],
    });

  const last = layout.bodyLines.length - 1;
  const head = twoColumns(
    [
      ...layout.bodyLines.map((l, i) =>
        centered(l, { size: 13, bold: i === last, underline: i === last && last > 0 }),
      ),
      centered(layout.numberLine, { size: 13 }, 0),
    ],
    [
      centered(NATIONAL_TITLE, { size: 12, bold: true }),
      centered(MOTTO, { size: 13, bold: true, underline: true }, 120),
      centered(layout.dateLine, { size: 13, italics: true }),
    ],
    40,
  );

  const foot = twoColumns(
    [
      new d.Paragraph({ children: [run("Nơi nhận:", { size: 12, bold: true, italics: true })] }),
      ...layout.recipients.map((l) => new d.Paragraph({ children: [run(l, { size: 11 })] })),
    ],
    [
      ...layout.authority.map((l) => centered(l, { bold: true })),
      // The space where the seal and the hand signature go.
      new d.Paragraph({ spacing: { before: 1400 }, children: [] }),
      centered(layout.signer, { bold: true }),
    ],
    50,
  );

  return new d.Document({
    creator: "planflow",
    title,
    sections: [
      {
        properties: officialPage(d, false),
        children: [
          head,
          centered(layout.typeName, { bold: true }, 0),
          new d.Paragraph({
            alignment: d.AlignmentType.CENTER,
            spacing: { before: 0, after: 360 },
            children: [run(layout.summary, { bold: true })],
          }),
          ...blocks.map((b) => blockElement(d, b, run)),
          new d.Paragraph({ spacing: { after: 240 }, children: [] }),
          foot,
        ],
      },
    ],
  });
}

type Docx = typeof import("docx");
type Run = (text: string, s?: { size?: number; bold?: boolean; italics?: boolean }) => InstanceType<Docx["TextRun"]>;

function blockElement(d: Docx, b: Block, run: Run): Paragraph | Table {
  const marked = b.marker ? `${b.marker} ${b.text}` : b.text;
  switch (b.kind) {
    case "heading":
      return new d.Paragraph({
        alignment: b.level === 1 && !b.marker ? d.AlignmentType.CENTER : d.AlignmentType.LEFT,
        spacing: { before: 120, after: 60 },
        indent: { firstLine: b.level === 1 ? 0 : 10 * MM },
        children: [run(marked, { bold: true })],
      });
    case "item":
      return new d.Paragraph({
        alignment: d.AlignmentType.JUSTIFIED,
        spacing: { after: 60 },
        indent: { firstLine: 10 * MM },
        children: [run(marked, { bold: b.level === 1 && /^\d+\.$/.test(b.marker) })],
      });
    case "table": {
      const rows = b.rows ?? [];
      const columns = Math.max(1, ...rows.map((r) => r.length));
      return new d.Table({
        width: { size: 100, type: d.WidthType.PERCENTAGE },
        rows: rows.map(
          (r, i) =>
            new d.TableRow({
              tableHeader: i === 0,
              children: Array.from({ length: columns }, (_, c) =>
                new d.TableCell({
                  children: [new d.Paragraph({ children: [run(r[c] ?? "", { size: 13, bold: i === 0 })] })],
                }),
              ),
            }),
        ),
      });
    }
    default:
      return new d.Paragraph({
        alignment: d.AlignmentType.JUSTIFIED,
        spacing: { after: 60 },
        indent: { firstLine: 10 * MM },
        children: [run(b.text)],
      });
  }
}
