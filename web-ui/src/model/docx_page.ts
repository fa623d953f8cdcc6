// What every Word file planflow writes shares: A4 with the margins of Nghị
// định 30/2020/NĐ-CP (top and bottom 20 mm, left 30 mm, right 15 mm) and
// Times New Roman, as official documents use.
import type { ISectionPropertiesOptions } from "docx";

export const FONT = "Times New Roman";
/** Twentieths of a point per millimetre. */
export const MM = 56.7;

export function officialPage(d: typeof import("docx"), landscape: boolean): ISectionPropertiesOptions {
  return {
    page: {
      size: landscape
        ? { orientation: d.PageOrientation.LANDSCAPE, width: 297 * MM, height: 210 * MM }
        : { orientation: d.PageOrientation.PORTRAIT, width: 210 * MM, height: 297 * MM },
      margin: { top: 20 * MM, bottom: 20 * MM, left: 30 * MM, right: 15 * MM },
    },
  };
}
