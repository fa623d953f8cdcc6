#include "bench/plan_scenario.h"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "engine/definition_loader.h"

namespace planflow::bench {

namespace {

// About 1 KiB: a short section of a real plan. Drafts ride in the command and
// are copied into their event, so their size shows in the per-command rate.
constexpr const char* kDraft =
    "I. MỤC ĐÍCH, YÊU CẦU\n"
    "1. Mục đích: Đẩy mạnh cải cách chế độ công vụ, công chức; xây dựng đội ngũ cán bộ, công chức "
    "chuyên nghiệp, trách nhiệm, năng động, minh bạch, hiệu quả.\n"
    "2. Yêu cầu: Các sở, ban, ngành và Ủy ban nhân dân các huyện, thị xã, thành phố triển khai "
    "đồng bộ, đúng tiến độ; gắn trách nhiệm của người đứng đầu với kết quả thực hiện.\n"
    "II. NHIỆM VỤ VÀ GIẢI PHÁP\n"
    "1. Hoàn thiện vị trí việc làm và cơ cấu ngạch công chức trong các cơ quan hành chính.\n"
    "2. Đổi mới công tác tuyển dụng, đánh giá, nâng ngạch công chức theo hướng cạnh tranh.\n"
    "3. Tăng cường kỷ luật, kỷ cương hành chính; thanh tra, kiểm tra công vụ thường xuyên.\n"
    "III. TỔ CHỨC THỰC HIỆN\n"
    "Sở Nội vụ chủ trì, phối hợp với các cơ quan, đơn vị liên quan theo dõi, đôn đốc, tổng hợp "
    "kết quả, báo cáo Ủy ban nhân dân tỉnh trước ngày 15 tháng 12 hằng năm.";

constexpr const char* kComment =
    "Đề nghị bổ sung chỉ tiêu cụ thể về tỷ lệ công chức được đánh giá theo vị trí việc làm và "
    "làm rõ trách nhiệm phối hợp của Sở Tài chính trong việc bảo đảm kinh phí thực hiện.";

constexpr const char* kConclusion =
    "Giao Sở Nội vụ tiếp thu đầy đủ ý kiến các đại biểu, hoàn thiện dự thảo, trình Chủ tịch "
    "Ủy ban nhân dân tỉnh xem xét, ban hành.";

TakeAction action(std::string name, ActionInputs inputs = {}) {
  return TakeAction{std::move(name), std::move(inputs)};
}

const char* command_name(const Command& c) { return command_type_name(c); }

}  // namespace

Definition load_definition_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "planflow_engine_bench: cannot read %s\n", path.c_str());
    std::exit(2);
  }
  std::stringstream text;
  text << in.rdbuf();
  auto loaded = load_definition(text.str());
  if (!loaded.ok()) {
    std::fprintf(stderr, "planflow_engine_bench: %s is not a valid definition:\n", path.c_str());
    for (const Problem& p : loaded.error())
      std::fprintf(stderr, "  %s: %s\n", p.pointer.c_str(), p.message.c_str());
    std::exit(2);
  }
  return std::move(loaded).value();
}

std::uint32_t MemoryRegister::next_number(UnitId issuer, std::string_view series, int year) const {
  const auto it = last_.find(std::tuple(issuer, series, year));
  return it == last_.end() ? 1 : it->second + 1;
}

void MemoryRegister::record(UnitId issuer, const IssuedNumber& n) {
  last_[{issuer, n.series, n.year}] = n.number;
}

PlanTexts plan_texts(std::size_t draft_bytes) {
  PlanTexts t{kDraft, kComment, kConclusion};
  if (draft_bytes == 0) return t;
  std::string draft;
  while (draft.size() < draft_bytes)
    draft.append(kDraft).append("\n");
  std::size_t cut = draft_bytes;
  // Back up over continuation bytes so the cut leaves valid UTF-8.
  while (cut > 0 && (static_cast<unsigned char>(draft[cut]) & 0xC0) == 0x80)
    --cut;
  draft.resize(cut);
  t.draft = std::move(draft);
  return t;
}

PlanCommands::PlanCommands(const Cast& cast, const PlanTexts& texts) {
  CreateDossier c;
  c.title = "Kế hoạch đẩy mạnh cải cách chế độ công vụ, công chức giai đoạn 2024-2025";
  c.document_type = "KH";
  c.issuer = {1, "UBND"};
  c.drafting_unit = {11, "SNV"};
  c.bindings.push_back({"drafter", {cast.drafter.user, cast.drafter.unit}});
  for (const Actor& d : cast.delegates)
    c.bindings.push_back({"delegate", {d.user, d.unit}});
  c.bindings.push_back({"chair", {cast.chair.user, cast.chair.unit}});
  c.bindings.push_back({"clerk", {cast.clerk.user, cast.clerk.unit}});
  c.bindings.push_back({"implementer", {cast.implementer.user, cast.implementer.unit}});
  c.bindings.push_back({"monitor", {cast.monitor.user, cast.monitor.unit}});
  create = std::move(c);

  submit_draft = SubmitVersion{blocks_from_text(texts.draft), "Dự thảo lần 1"};
  submit_revised = SubmitVersion{blocks_from_text(texts.draft), "Dự thảo đã tiếp thu, giải trình"};
  open_consultation = action(
      "open_consultation", {{"meeting", std::string("Họp lấy ý kiến, phòng họp số 2, UBND tỉnh")}});
  for (std::size_t i = 0; i < kDelegates; ++i)
    comment[i] = AddComment{texts.comment, 0, {}};
  no_further_comments = NoFurtherComments{};
  close_consultation = action("close_consultation");
  revise = action("revise", {{"conclusion", texts.conclusion}});
  for (std::size_t i = 0; i < kDelegates; ++i)
    dispose[i] = DisposeComment{static_cast<std::uint32_t>(i + 1), Disposition::kAccepted,
                                "Tiếp thu, đã bổ sung vào mục II."};
  submit_revision = action("submit_revision");
  approve = action("approve", {{"conclusion", std::string("Thông qua dự thảo.")}});
  issue = action("issue");
  close = action("close", {{"summary", std::string("Đã hoàn thành các nhiệm vụ của kế hoạch.")}});
}

void die_refused(const DossierState& s, const Command& c, const Actor& a, const Error& e) {
  std::fprintf(stderr,
               "planflow_engine_bench: %s by user %u refused in step \"%s\": %s [%s] %s\n"
               "The benchmark stops rather than time a refused command.\n",
               command_name(c), a.user, s.created ? s.current().id.c_str() : "(not created)",
               error_code_name(e.code), e.detail.c_str(), e.message.c_str());
  std::abort();
}

void die_corrupt(const DossierState& s, const Event& ev, const Error& e) {
  std::fprintf(stderr, "planflow_engine_bench: evolve refused %s in step \"%s\": %s\n",
               event_type_name(ev.body), s.created ? s.current().id.c_str() : "(not created)",
               e.message.c_str());
  std::abort();
}

void PlanDriver::create_with_draft(DossierState& s) {
  run(s, cmd_.create, cast_.drafter);
  run(s, cmd_.submit_draft, cast_.drafter);
}

void PlanDriver::open_consultation(DossierState& s) {
  run(s, cmd_.open_consultation, cast_.drafter);
}

void PlanDriver::delegates_comment(DossierState& s, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i)
    run(s, cmd_.comment[i], cast_.delegates[i]);
}

void PlanDriver::delegates_finish(DossierState& s) {
  for (const Actor& d : cast_.delegates)
    run(s, cmd_.no_further_comments, d);
}

void PlanDriver::close_and_revise(DossierState& s) {
  run(s, cmd_.close_consultation, cast_.chair);
  run(s, cmd_.revise, cast_.chair);
}

void PlanDriver::dispose_and_resubmit(DossierState& s, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i)
    run(s, cmd_.dispose[i], cast_.drafter);
  run(s, cmd_.submit_revised, cast_.drafter);
}

void PlanDriver::submit_revision(DossierState& s) {
  run(s, cmd_.submit_revision, cast_.drafter);
}

void PlanDriver::approve_issue_close(DossierState& s) {
  run(s, cmd_.approve, cast_.chair);
  run(s, cmd_.issue, cast_.clerk);
  run(s, cmd_.close, cast_.monitor);
}

void PlanDriver::full_process(DossierState& s) {
  create_with_draft(s);
  open_consultation(s);
  // Each delegate comments, then says it is done, in turn.
  for (std::size_t i = 0; i < kDelegates; ++i) {
    run(s, cmd_.comment[i], cast_.delegates[i]);
    run(s, cmd_.no_further_comments, cast_.delegates[i]);
  }
  close_and_revise(s);
  dispose_and_resubmit(s, kDelegates);
  submit_revision(s);
  approve_issue_close(s);
}

void PlanDriver::revision_cycle(DossierState& s) {
  run(s, cmd_.revise, cast_.chair);
  run(s, cmd_.submit_revised, cast_.drafter);
  run(s, cmd_.submit_revision, cast_.drafter);
}

}  // namespace planflow::bench
