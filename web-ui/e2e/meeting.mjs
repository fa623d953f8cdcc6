// Meeting mode in the browser, each person in a browser context of their
// own: the chair schedules and opens the meeting and presents block 2, the
// delegate's page follows without reload, the delegate comments on it, the
// secretary records another delegate's spoken remark and takes attendance,
// a refusal is shown, the chair closes the meeting with a conclusion, and
// the minutes list attendance and the remarks in order.
import { directoryOf, log, newPerson, runCommands, signIn, step } from "./support.mjs";

export const USERS = [
  // login, unit, name, password
  ["chutri", "UBND", "Trần Văn Hùng", "mat-khau-chu-tri-1"],
  ["dbhop.stttt", "STTTT", "Ngô Thị Mai", "mat-khau-dai-bieu-3"],
  ["dbhop.syt", "SYT", "Đặng Quốc Bảo", "mat-khau-dai-bieu-4"],
  ["thuky", "VP", "Lê Thu Hằng", "mat-khau-thu-ky-1"],
];
const [CHAIR, MAI, BAO, SECRETARY] = USERS;
const TITLE = "Kế hoạch chuyển đổi số tỉnh năm 2025";
const BLOCKS = ["I. MỤC ĐÍCH, YÊU CẦU", "II. NHIỆM VỤ TRỌNG TÂM", "III. TỔ CHỨC THỰC HIỆN"];
const MAI_COMMENT = "Đề nghị bổ sung chỉ tiêu về dịch vụ công trực tuyến.";
const BAO_REMARK = "Cần làm rõ nguồn kinh phí thực hiện.";
const CONCLUSION = "Giao cơ quan soạn thảo tiếp thu ý kiến, hoàn thiện dự thảo.";

async function person(browser, url, [login, , , password]) {
  const { page } = await newPerson(browser);
  await page.goto(url);
  await signIn(page, login, password);
  await page.locator("#inbox-title").waitFor();
  return page;
}

export async function meetingMode({ browser, url, screenshot }) {
  const chair = await person(browser, url, CHAIR);
  const mai = await person(browser, url, MAI);
  const secretary = await person(browser, url, SECRETARY);
  let dossier = 0;

  await step("meeting: the chair creates a plan with a secretary and opens the consultation", async () => {
    const ids = await directoryOf(chair);
    const run = `meeting-${Date.now()}`;
    const command = (d, tag, body) => ({
      op: "command", dossier: d, request_id: `${run}-${tag}`, command: body, ...(d === 0 ? { workflow: "plan" } : {}),
    });
    const unit = (code) => ids.unit(code);
    const replies = await runCommands(chair, [
      command(0, "create", {
        type: "create_dossier", title: TITLE,
        issuer: { id: unit("UBND"), code: "UBND" }, drafting_unit: { id: unit("UBND"), code: "UBND" },
        bindings: [
          { role: "drafter", user: ids.user(CHAIR[2]), unit: unit("UBND") },
          { role: "chair", user: ids.user(CHAIR[2]), unit: unit("UBND") },
          { role: "delegate", user: ids.user(MAI[2]), unit: unit("STTTT") },
          { role: "delegate", user: ids.user(BAO[2]), unit: unit("SYT") },
          { role: "secretary", user: ids.user(SECRETARY[2]), unit: unit("VP") },
        ],
      }),
      command("$created", "v1", { type: "submit_version", text: BLOCKS.join("\n") }),
      command("$created", "open", { type: "take_action", action: "open_consultation" }),
    ]);
    const failed = replies.find((r) => r.error);
    if (failed || replies.length !== 3) throw new Error(`protocol replies: ${JSON.stringify(replies)}`);
    dossier = replies[0].result.dossier;
    log(`dossier ${dossier} in consultation`);
  });

  await step("meeting: the chair schedules the meeting; a blank place is refused by its field", async () => {
    await chair.goto(`${url}dossiers/${dossier}`);
    const panel = chair.locator(".meeting-panel");
    await panel.getByRole("button", { name: "Lên lịch họp" }).click();
    await chair.locator("#meeting-starts-at").fill("2099-03-25T08:00");
    await panel.getByRole("button", { name: "Lưu lịch họp" }).click();
    await panel.locator(".error", { hasText: "place" }).or(panel.locator(".error")).first().waitFor();
    await chair.locator("#meeting-place").fill("Phòng họp số 2, UBND tỉnh");
    await panel.getByRole("button", { name: "Lưu lịch họp" }).click();
    await panel.locator(".meeting-status", { hasText: "Đã lên lịch" }).waitFor();
    await panel.getByRole("link", { name: "Chế độ họp" }).click();
    await chair.locator("#meeting-title").waitFor();
  });

  await step("meeting: the delegate and the secretary open meeting mode; the chair opens the meeting", async () => {
    await mai.goto(`${url}dossiers/${dossier}/meeting`);
    await secretary.goto(`${url}dossiers/${dossier}/meeting`);
    await mai.locator(".meeting-stage", { hasText: "Cuộc họp chưa khai mạc." }).waitFor();
    // Delegates follow; they get no controls.
    if (await mai.getByRole("button", { name: "Khai mạc cuộc họp" }).count()) throw new Error("a delegate may open the meeting");
    await chair.getByRole("button", { name: "Khai mạc cuộc họp" }).click();
    await mai.locator(".presented-block", { hasText: BLOCKS[0] }).waitFor();
  });

  await step("meeting: the chair presents block 2 and the delegate's page follows live", async () => {
    await chair.getByRole("button", { name: "Khối sau →" }).click();
    await chair.locator(".meeting-stage h2", { hasText: "khối 2/3" }).waitFor();
    await mai.locator(".presented-block", { hasText: BLOCKS[1] }).waitFor();
    await mai.locator(".meeting-stage h2", { hasText: "Đang trình bày: khối 2/3" }).waitFor();
    if (await mai.getByRole("button", { name: "Khối sau →" }).count()) throw new Error("a delegate may move the block");
    await screenshot(mai, "meeting-delegate-follows");
  });

  await step("meeting: the delegate comments on the presented block; the chair sees it live", async () => {
    await mai.locator("#meeting-comment-text").fill(MAI_COMMENT);
    await mai.getByRole("button", { name: "Gửi ý kiến" }).click();
    await chair.locator(".meeting-side .remark", { hasText: MAI_COMMENT }).waitFor();
  });

  await step("meeting: the secretary records a remark for another delegate, refused first without one", async () => {
    await secretary.locator("#record-text").fill(BAO_REMARK);
    await secretary.getByRole("button", { name: "Ghi ý kiến", exact: true }).click();
    // No delegate chosen: the engine takes it as the secretary's own comment, which the step refuses.
    await secretary.locator(".record-form .error").waitFor();
    await secretary.locator("#record-delegate").selectOption({ label: BAO[2] });
    await secretary.getByRole("button", { name: "Ghi ý kiến", exact: true }).click();
    const recorded = chair.locator(".meeting-side .remark", { hasText: BAO_REMARK });
    await recorded.waitFor();
    await recorded.locator(".meta", { hasText: `do thư ký ${SECRETARY[2]} ghi` }).waitFor();
    await mai.locator(".remark", { hasText: BAO_REMARK }).first().waitFor();
  });

  await step("meeting: the secretary takes attendance", async () => {
    const row = (name) => secretary.locator(".attendance li", { hasText: name });
    await row(MAI[2]).getByRole("button", { name: "Có mặt" }).click();
    await row(MAI[2]).locator(".attendance-status.present").waitFor();
    await row(BAO[2]).getByRole("button", { name: "Vắng mặt" }).click();
    await row(BAO[2]).locator(".attendance-status.absent").waitFor();
    await row(CHAIR[2]).getByRole("button", { name: "Có mặt" }).click();
    await chair.locator(".attendance li", { hasText: BAO[2] }).locator(".attendance-status.absent").waitFor();
    await screenshot(secretary, "meeting-secretary");
  });

  await step("meeting: only the chair closes it, with a conclusion", async () => {
    if (await secretary.getByRole("button", { name: "Kết thúc cuộc họp" }).count())
      throw new Error("the secretary may close the meeting");
    await chair.locator("#meeting-conclusion").fill(CONCLUSION);
    await chair.getByRole("button", { name: "Kết thúc cuộc họp" }).click();
    await mai.locator(".meeting-stage", { hasText: "Cuộc họp đã kết thúc." }).waitFor();
  });

  await step("meeting: the minutes list attendance by unit and the remarks in order", async () => {
    await chair.getByRole("link", { name: "Biên bản" }).click();
    await chair.locator("#minutes-title", { hasText: "BIÊN BẢN CUỘC HỌP" }).waitFor();
    const minutes = chair.locator(".minutes");
    await minutes.locator("p", { hasText: "Địa điểm: Phòng họp số 2, UBND tỉnh" }).waitFor();
    await minutes.locator("p", { hasText: `Chủ trì: ${CHAIR[2]}` }).waitFor();
    await minutes.locator("p", { hasText: `Thư ký: ${SECRETARY[2]}` }).waitFor();
    const attendance = await minutes.locator(".minutes-attendance tbody tr").allInnerTexts();
    const line = (unit) => attendance.find((r) => r.includes(unit)) ?? "";
    if (!line("Sở Thông tin và Truyền thông").includes(MAI[2])) throw new Error(`attendance: ${JSON.stringify(attendance)}`);
    if (!line("Sở Y tế").trim().endsWith(BAO[2]))
      throw new Error(`absent delegate not listed as absent: ${JSON.stringify(attendance)}`);
    const rows = await minutes.locator(".minutes-remarks tbody tr").allInnerTexts();
    if (rows.length !== 2) throw new Error(`remarks: ${JSON.stringify(rows)}`);
    const [first, second] = rows;
    for (const [row, expected] of [
      [first, ["1", MAI[2], "Sở Thông tin và Truyền thông", BLOCKS[1], MAI_COMMENT]],
      [second, ["2", BAO[2], "do thư ký ghi", "Sở Y tế", BLOCKS[1], BAO_REMARK]],
    ])
      for (const text of expected) if (!row.includes(text)) throw new Error(`minutes row lacks "${text}": ${row}`);
    if (first.includes("do thư ký ghi")) throw new Error("the delegate's own comment is marked as recorded");
    await minutes.locator(".comment-text", { hasText: CONCLUSION }).waitFor();
    await screenshot(chair, "meeting-minutes");
  });
}
