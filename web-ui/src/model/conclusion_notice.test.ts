import { describe, expect, it } from "vitest";
import type { ConclusionInfo, ConclusionNoticeInfo } from "../protocol";
import { findNotice, noticeDefaults, noticeLayout, noticePath, noticeSummary } from "./conclusion_notice";

const at = (iso: string) => Date.parse(iso) / 1000;
const TITLE = "Kế hoạch chuyển đổi số năm 2025";

const notice: ConclusionNoticeInfo = {
  number: 1,
  year: 2026,
  series: "TB",
  symbol: "01/TB-UBND",
  at: at("2026-12-07T03:00:00Z"),
  by: 5,
  place: "Hà Giang",
  authority: "TL. CHỦ TỊCH\nCHÁNH VĂN PHÒNG",
  signer: "Nguyễn Văn A",
  recipients: "- Sở Nội vụ;\n- Lưu: VT.",
};

const conclusion: ConclusionInfo = {
  seq: 12,
  at: at("2026-12-05T02:00:00Z"),
  by: 4,
  action: "revise",
  step: "conclusion",
  text: "Dự thảo cơ bản đáp ứng yêu cầu.\n\nCần hoàn thiện trước khi trình.",
  version: 1,
  revision_deadline: at("2026-12-15T10:00:00Z"),
  directives: [
    { number: 1, text: "Bổ sung chỉ tiêu dịch vụ công trực tuyến", blocks: [2], comments: [1], done: null },
    { number: 2, text: "Làm rõ nguồn kinh phí", blocks: [], comments: [], done: null },
  ],
  notices: [notice],
};

describe("the notice's summary", () => {
  it("names the Chairperson of a People's Committee, else the chair by name", () => {
    expect(noticeSummary("Ủy ban nhân dân tỉnh Hà Giang", "Trần Văn Hùng", TITLE)).toBe(
      "Kết luận của Chủ tịch Ủy ban nhân dân tỉnh Hà Giang về dự thảo Kế hoạch chuyển đổi số năm 2025",
    );
    expect(noticeSummary("Sở Nội vụ", "Trần Văn Hùng", TITLE)).toBe("Kết luận của Trần Văn Hùng về dự thảo Kế hoạch chuyển đổi số năm 2025");
    expect(noticeSummary("Sở Nội vụ", " ", TITLE)).toBe("Kết luận về dự thảo Kế hoạch chuyển đổi số năm 2025");
  });
});

describe("the notice form's starting values", () => {
  it("has the Office sign on the Chairperson's behalf and sends to each unit once, then the file copy", () => {
    expect(noticeDefaults("Ủy ban nhân dân tỉnh Hà Giang", ["Sở Nội vụ", "Sở Tài chính", "Sở Nội vụ", ""])).toEqual({
      place: "Hà Giang",
      authority: "TL. CHỦ TỊCH\nCHÁNH VĂN PHÒNG",
      signer: "",
      recipients: "- Sở Nội vụ;\n- Sở Tài chính;\n- Lưu: VT.",
    });
    expect(noticeDefaults("Sở Nội vụ", [])).toEqual({ place: "", authority: "", signer: "", recipients: "- Lưu: VT." });
  });
});

describe("the printed notice", () => {
  const layout = noticeLayout({
    issuingBody: "Ủy ban nhân dân tỉnh Hà Giang",
    draftingUnit: "Sở Nội vụ",
    chairName: "Trần Văn Hùng",
    dossierTitle: TITLE,
    conclusion,
    notice,
  });

  it("has the official head: issuing body, number, place and date", () => {
    expect(layout.bodyLines).toEqual(["ỦY BAN NHÂN DÂN", "TỈNH HÀ GIANG"]);
    expect(layout.numberLine).toBe("Số: 01/TB-UBND");
    expect(layout.dateLine).toBe("Hà Giang, ngày 07 tháng 12 năm 2026");
    expect(layout.typeName).toBe("THÔNG BÁO");
    expect(layout.summary).toBe("Kết luận của Chủ tịch Ủy ban nhân dân tỉnh Hà Giang về dự thảo Kế hoạch chuyển đổi số năm 2025");
  });

  it("reads the conclusion, then the numbered directives and the deadline", () => {
    expect(layout.intro).toBe(
      "Ngày 05 tháng 12 năm 2026, Trần Văn Hùng kết luận về dự thảo Kế hoạch chuyển đổi số năm 2025 do Sở Nội vụ chủ trì soạn thảo. Nội dung kết luận như sau:",
    );
    expect(layout.paragraphs).toEqual(["Dự thảo cơ bản đáp ứng yêu cầu.", "Cần hoàn thiện trước khi trình."]);
    expect(layout.directivesLead).toBe("Yêu cầu Sở Nội vụ tiếp thu, hoàn thiện dự thảo, tập trung vào các nội dung sau:");
    expect(layout.directives).toEqual([
      { number: 1, text: "Bổ sung chỉ tiêu dịch vụ công trực tuyến" },
      { number: 2, text: "Làm rõ nguồn kinh phí" },
    ]);
    expect(layout.deadline).toBe("Thời hạn hoàn thiện dự thảo: trước 17:00 ngày 15/12/2026.");
    expect(layout.closing).toBe("Ủy ban nhân dân tỉnh Hà Giang thông báo để các cơ quan, đơn vị liên quan biết, thực hiện./.");
  });

  it("ends with the recipients, the authority and the signer", () => {
    expect(layout.recipients).toEqual(["- Sở Nội vụ;", "- Lưu: VT."]);
    expect(layout.authority).toEqual(["TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG"]);
    expect(layout.signer).toBe("Nguyễn Văn A");
  });

  it("leaves out the lead and the deadline when the conclusion has neither", () => {
    const bare = noticeLayout({
      issuingBody: "Sở Nội vụ",
      draftingUnit: "",
      chairName: "",
      dossierTitle: TITLE,
      conclusion: { ...conclusion, directives: [], revision_deadline: null },
      notice,
    });
    expect(bare.directivesLead).toBe("");
    expect(bare.deadline).toBe("");
    expect(bare.intro).toBe("Ngày 05 tháng 12 năm 2026, Chủ tọa kết luận về dự thảo Kế hoạch chuyển đổi số năm 2025. Nội dung kết luận như sau:");
  });
});

describe("finding a notice", () => {
  it("goes by year and number, and has a page of its own", () => {
    expect(findNotice([conclusion], 2026, 1)?.notice).toBe(notice);
    expect(findNotice([conclusion], 2025, 1)).toBeNull();
    expect(findNotice(undefined, 2026, 1)).toBeNull();
    expect(noticePath(7, notice)).toBe("/dossiers/7/notices/2026/1");
  });
});
