// The cast of the plan process in tests: Sở Nội vụ drafts, three delegates
// comment, the chairman concludes, the clerk issues, agencies carry it out.
#pragma once

#include "engine/engine_test_support.h"

namespace planflow::testing {

inline constexpr UserId kDrafter = 1, kDelegateA = 2, kDelegateB = 3, kDelegateC = 4, kChair = 5,
                        kClerk = 6, kImplementer = 7, kMonitor = 8, kOutsider = 9, kSecretary = 11;

inline CreateDossier plan_dossier(std::string type = "KH") {
  CreateDossier c;
  c.title = "Kế hoạch đẩy mạnh cải cách chế độ công vụ, công chức giai đoạn 2013-2015";
  c.document_type = std::move(type);
  c.issuer = {50, "UBND"};
  c.drafting_unit = {10, "SNV"};
  c.bindings = {{"drafter", {kDrafter, 10}},
                {"delegate", {kDelegateA, 20}},
                {"delegate", {kDelegateB, 30}},
                {"delegate", {kDelegateC, 40}},
                {"chair", {kChair, 50}},
                {"clerk", {kClerk, 60}},
                {"implementer", {kImplementer, 70}},
                {"monitor", {kMonitor, 10}}};
  return c;
}

// A plan dossier created and carried into its consultation with all three
// delegates invited.
inline void open_consultation(Dossier& d) {
  d.ok(kDrafter, plan_dossier());
  d.ok(kDrafter,
       SubmitVersion{
           blocks_from_text("I. MỤC ĐÍCH, YÊU CẦU\n1. Xây dựng nền công vụ chuyên nghiệp."), "v1"});
  d.ok(kDrafter, action("open_consultation"));
}

// Two of three delegates are done and the chair closes the consultation.
inline void close_consultation(Dossier& d) {
  for (UserId u : {kDelegateA, kDelegateB})
    d.ok(u, NoFurtherComments{});
  d.ok(kChair, action("close_consultation"));
}

// Consulted, approved and issued: the plan is in its implementation.
inline void to_implementation(Dossier& d) {
  open_consultation(d);
  close_consultation(d);
  d.ok(kChair, action("approve"));
  d.ok(kClerk, action("issue"));
  REQUIRE(d.state_id() == "implementation");
}

// An implementation task with a target: "giải quyết 1.240 hồ sơ" over a
// year, half by mid-year.
inline ImplementationTaskSpec sample_task(UnitId lead, Time starts) {
  ImplementationTaskSpec t;
  t.title = "Giải quyết hồ sơ tồn đọng";
  t.lead_unit = lead;
  t.supporting_units = {10};
  t.starts = starts;
  t.due = starts + 365 * kDay;
  t.weight = 2;
  t.target = TaskTarget{{0, 1240, {{starts + 182 * kDay, 620}}}, "hồ sơ", 2015};
  return t;
}

inline ReportProgress sample_report(std::uint32_t task, Time as_of, double value) {
  return ReportProgress{{task, as_of, value, false, "Đã giải quyết", "Thiếu nhân lực", "Bổ sung"}};
}

}  // namespace planflow::testing
