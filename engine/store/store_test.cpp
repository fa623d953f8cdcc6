// The store, on each database (store_test_support.h): commands become
// durable, hash-chained events with views kept alongside; stale versions,
// retries and bad requests lose nothing.
#include "engine/store/store.h"

#include <catch2/catch.hpp>
#include <set>
#include <thread>

#include "engine/event_json.h"
#include "engine/store/ed25519.h"
#include "engine/store/event_bytes.h"
#include "engine/store/maintenance.h"
#include "engine/store/sql.h"
#include "engine/store/store_test_support.h"

using namespace planflow;
using namespace planflow::testing;

namespace {

constexpr Time kStart = kMeetingDay;

}  // namespace

TEST_CASE_METHOD(StoreFixture,
                 "committed events read back exactly, with global and per-dossier order",
                 "[store][backends]") {
  const CommitResult created = must_commit(*store, req.make(0, kDrafter, plan_dossier(), kStart));
  CHECK(created.dossier == 1);
  CHECK(created.version == 9);  // created + eight bindings
  REQUIRE(created.events.size() == 9);
  CHECK(created.events.front().seq == 1);
  CHECK(created.events.back().dossier_seq == 9);
  const CommitResult comment = must_commit(
      *store,
      req.make(1, kDrafter, SubmitVersion{blocks_from_text("Kế hoạch đẩy mạnh cải cách"), ""},
               kStart + 60));
  CHECK(comment.events.front().seq == 10);

  auto events = store->events_of(1);
  REQUIRE(events.ok());
  REQUIRE(events.value().size() == 10);
  for (size_t i = 0; i < 9; ++i)
    CHECK(events.value()[i].event == created.events[i].event);
  auto after = store->events_after(8, 100);
  REQUIRE(after.ok());
  REQUIRE(after.value().size() == 2);
  CHECK(after.value()[0].seq == 9);
  CHECK(store->last_sequence().value() == 10);

  auto state = store->state_of(1);
  REQUIRE(state.ok());
  CHECK(state.value().versions == 1);
  CHECK(state.value().version == 10);
  CHECK(store->state_of(7).error().code == StoreErrorCode::kNotFound);

  // The state and its events from one read: the same as read apart.
  auto history = store->history_of(1);
  REQUIRE(history.ok());
  CHECK(history.value().state == state.value());
  REQUIRE(history.value().events.size() == events.value().size());
  for (size_t i = 0; i < events.value().size(); ++i) {
    CHECK(history.value().events[i].seq == events.value()[i].seq);
    CHECK(history.value().events[i].dossier_seq == events.value()[i].dossier_seq);
    CHECK(history.value().events[i].event == events.value()[i].event);
  }
  CHECK(store->history_of(7).error().code == StoreErrorCode::kNotFound);
}

TEST_CASE_METHOD(StoreFixture,
                 "a stale version is refused with the current one, and nothing is written",
                 "[store][backends]") {
  const DossierId id = open_plan(*store, req);
  const std::uint64_t version = store->state_of(id).value().version;
  must_commit(*store,
              req.make(id, kDelegateA, AddComment{"Góp ý thứ nhất", 0, {}}, kStart, version));
  auto stale = store->execute(
      req.make(id, kDelegateB, AddComment{"Góp ý dựa trên bản cũ", 0, {}}, kStart, version));
  REQUIRE_FALSE(stale.ok());
  CHECK(stale.error().code == StoreErrorCode::kConflict);
  CHECK(stale.error().current_version == version + 1);
  CHECK(stale.error().message == "dossier 1 is at version " + std::to_string(version + 1) +
                                     "; the command was decided against version " +
                                     std::to_string(version));
  CHECK(stale.error().message_vi ==
        "Hồ sơ số 1 vừa được cập nhật (phiên bản hiện tại: " + std::to_string(version + 1) +
            ", thao tác dựa trên phiên bản " + std::to_string(version) +
            "); vui lòng tải lại hồ sơ rồi thực hiện lại");
  CHECK(store->events_of(id).value().size() == version + 1);
}

TEST_CASE_METHOD(StoreFixture, "errors a user meets in the store say so in Vietnamese too",
                 "[store][backends][vietnamese]") {
  const DossierId id = open_plan(*store, req);
  auto missing =
      store->execute(req.make(42, kDrafter, SubmitVersion{blocks_from_text("x"), ""}, kStart));
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().code == StoreErrorCode::kNotFound);
  CHECK(missing.error().message == "there is no dossier 42");
  CHECK(missing.error().message_vi == "Không tìm thấy hồ sơ số 42");
  CHECK(store->state_of(7).error().message_vi == "Không tìm thấy hồ sơ số 7");

  auto unknown = req.make(0, kDrafter, plan_dossier(), kStart);
  unknown.workflow = "budget";
  CHECK(store->execute(unknown).error().message_vi == "Không tìm thấy quy trình “budget”");
  auto nameless = req.make(id, kDrafter, SubmitVersion{blocks_from_text("x"), ""}, kStart);
  nameless.request_id.clear();
  CHECK(store->execute(nameless).error().message_vi ==
        "Mã yêu cầu (request_id) phải dài từ 1 đến 128 byte");
  CHECK_FALSE(
      store->execute(req.make(0, kDrafter, SubmitVersion{blocks_from_text("x"), ""}, kStart))
          .error()
          .message_vi.empty());

  // A refusal of the engine carries the engine's Vietnamese, as the api reads it.
  auto refused = store->execute(req.make(id, kOutsider, AddComment{"xin góp ý", 0, {}}, kStart));
  REQUIRE_FALSE(refused.ok());
  REQUIRE(refused.error().engine.has_value());
  CHECK(refused.error().message_vi == refused.error().engine->message_vi);
  CHECK(refused.error().message_vi ==
        "Chỉ Cơ quan chủ trì soạn thảo, Đại biểu góp ý hoặc Chủ tọa được góp ý ở bước “Lấy ý "
        "kiến góp ý”");

  store->close();
  auto closed =
      store->execute(req.make(id, kDrafter, SubmitVersion{blocks_from_text("x"), ""}, kStart));
  CHECK(closed.error().code == StoreErrorCode::kUnavailable);
  CHECK(closed.error().message_vi == "Hệ thống lưu trữ đang dừng hoạt động; vui lòng thử lại sau");
}

TEST_CASE_METHOD(StoreFixture, "a refused command writes nothing and says why",
                 "[store][backends]") {
  const DossierId id = open_plan(*store, req);
  const Sequence before = store->last_sequence().value();
  auto refused = store->execute(req.make(id, kOutsider, AddComment{"xin góp ý", 0, {}}, kStart));
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().code == StoreErrorCode::kRejected);
  REQUIRE(refused.error().engine.has_value());
  CHECK(refused.error().engine->code == ErrorCode::kForbiddenRole);
  auto missing =
      store->execute(req.make(42, kDrafter, SubmitVersion{blocks_from_text("x"), ""}, kStart));
  CHECK(missing.error().code == StoreErrorCode::kNotFound);
  auto bad = req.make(0, kDrafter, SubmitVersion{blocks_from_text("x"), ""}, kStart);
  CHECK(store->execute(bad).error().code == StoreErrorCode::kInvalid);
  auto nameless = req.make(id, kDrafter, SubmitVersion{blocks_from_text("x"), ""}, kStart);
  nameless.request_id.clear();
  CHECK(store->execute(nameless).error().message == "request_id: needs 1 to 128 bytes");
  auto unknown = req.make(0, kDrafter, plan_dossier(), kStart);
  unknown.workflow = "budget";
  CHECK(store->execute(unknown).error().message == "workflow: there is no workflow \"budget\"");
  CHECK(store->last_sequence().value() == before);
}

TEST_CASE_METHOD(StoreFixture, "a retried request is answered again, not applied twice",
                 "[store][backends]") {
  const DossierId id = open_plan(*store, req);
  const CommandRequest comment =
      req.make(id, kDelegateA, AddComment{"Một lần thôi", 0, {}}, kStart);
  const CommitResult first = must_commit(*store, comment);
  const CommitResult again = must_commit(*store, comment);
  CHECK_FALSE(first.replayed);
  CHECK(again.replayed);
  CHECK(again.version == first.version);
  REQUIRE(again.events.size() == 1);
  CHECK(again.events[0].seq == first.events[0].seq);
  CHECK(again.events[0].event == first.events[0].event);
  CHECK(store->state_of(id).value().comments.size() == 1);
}

TEST_CASE("the store survives a restart and carries on the same sequences", "[store][backends]") {
  TestDatabase db;
  const DefinitionSet defs = shipped_definitions();
  Requests req;
  DossierId id;
  {
    auto store = open_store(db, defs);
    id = open_plan(*store, req);
  }
  auto store = open_store(db, defs);
  const Sequence before = store->last_sequence().value();
  const CommitResult c = must_commit(
      *store, req.make(id, kDelegateA, AddComment{"Sau khi khởi động lại", 0, {}}, kStart));
  CHECK(c.events[0].seq == before + 1);
  const CommitResult second = must_commit(*store, req.make(0, kDrafter, plan_dossier(), kStart));
  CHECK(second.dossier == id + 1);
  REQUIRE(verify_database(db.location(), defs).value().ok);
}

TEST_CASE("concurrent issuance takes consecutive numbers, no gap and no duplicate",
          "[store][register][backends]") {
  TestDatabase db;
  const DefinitionSet defs = shipped_definitions();
  auto store = open_store(db, defs);
  Requests req;
  constexpr int kDossiers = 24;
  std::vector<DossierId> ids;
  for (int i = 0; i < kDossiers; ++i) {
    ids.push_back(open_plan(*store, req));
    approve(*store, req, ids.back());
  }
  std::vector<CommandRequest> issues;
  for (DossierId id : ids)
    issues.push_back(req.make(id, kClerk, action("issue"), kStart + 3600));
  std::vector<std::thread> clerks;
  std::vector<std::optional<IssuedNumber>> numbers(kDossiers);
  for (int t = 0; t < 4; ++t) {
    clerks.emplace_back([&, t] {
      for (int i = t; i < kDossiers; i += 4) {
        auto r = store->execute(issues[i]);
        if (!r.ok()) continue;
        for (const StoredEvent& e : r.value().events)
          if (const auto* a = std::get_if<ActionTaken>(&e.event.body)) numbers[i] = a->issued;
      }
    });
  }
  for (auto& c : clerks)
    c.join();
  std::vector<std::uint32_t> got;
  for (const auto& n : numbers) {
    REQUIRE(n.has_value());
    CHECK(n->series == "KH");
    CHECK(n->year == 2013);
    CHECK(n->symbol == (n->number < 10 ? "0" : "") + std::to_string(n->number) + "/KH-UBND");
    got.push_back(n->number);
  }
  std::sort(got.begin(), got.end());
  for (int i = 0; i < kDossiers; ++i)
    CHECK(got[i] == static_cast<std::uint32_t>(i + 1));
  REQUIRE(verify_database(db.location(), defs).value().ok);
}

TEST_CASE_METHOD(StoreFixture, "numbers restart on 1 January, per issuer and series",
                 "[store][register][backends]") {
  auto issue_at = [&](CivilDateTime when, std::string type) {
    const Time now = from_vietnam_time(when);
    const CommitResult created =
        must_commit(*store, req.make(0, kDrafter, plan_dossier(type), now));
    must_commit(*store, req.make(created.dossier, kDrafter,
                                 SubmitVersion{blocks_from_text("Nội dung"), ""}, now));
    must_commit(*store, req.make(created.dossier, kDrafter, action("open_consultation"), now));
    approve(*store, req, created.dossier, now);
    const CommitResult issued =
        must_commit(*store, req.make(created.dossier, kClerk, action("issue"), now));
    return std::get<ActionTaken>(issued.events.back().event.body).issued->symbol;
  };
  CHECK(issue_at({2013, 12, 31, 16, 0, 0}, "QĐ") == "01/QĐ-UBND");
  CHECK(issue_at({2013, 12, 31, 23, 59, 0}, "QĐ") == "02/QĐ-UBND");
  CHECK(issue_at({2013, 12, 31, 23, 59, 30}, "KH") == "01/KH-UBND");
  CHECK(issue_at({2014, 1, 1, 0, 0, 0}, "QĐ") == "01/QĐ-UBND");
}

TEST_CASE_METHOD(StoreFixture, "text that is not UTF-8 is refused before anything is written",
                 "[store][backends]") {
  const DossierId id = open_plan(*store, req);
  const Sequence before = store->last_sequence().value();
  auto r = store->execute(req.make(id, kDelegateA, AddComment{"\xC3\x28 hỏng", 0, {}}, kStart));
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code == StoreErrorCode::kInvalid);
  CHECK(r.error().message == "a text of the command is not valid UTF-8");
  CHECK(store->last_sequence().value() == before);
  must_commit(*store, req.make(id, kDelegateA, AddComment{"Góp ý hợp lệ", 0, {}}, kStart));
}

TEST_CASE_METHOD(StoreFixture, "every event type goes into the log and comes out unchanged",
                 "[store][backends]") {
  Time now = kStart;
  const DossierId id = must_commit(*store, req.make(0, kDrafter, plan_dossier(), now)).dossier;
  std::vector<StoredEvent> committed;
  auto run = [&](UserId user, Command command) {
    for (StoredEvent& e : must_commit(*store, req.make(id, user, std::move(command), now)).events)
      committed.push_back(std::move(e));
  };
  run(kDrafter, SubmitVersion{blocks_from_text("I. MỤC ĐÍCH, YÊU CẦU\n1. Mục đích"), "bản đầu"});
  run(kDrafter, action("open_consultation", {InputValue{"deadline", now + 10 * kDay}}));
  run(kDrafter, ScheduleMeeting{now + 3600, "Phòng họp số 2, UBND tỉnh", kChair});
  run(kChair, OpenMeeting{});
  run(kChair, PresentBlock{2});
  run(kChair, RecordAttendance{kDelegateA, true});
  run(kDelegateA, AddComment{"Cần điều chỉnh mục tiêu", 0, {}});
  run(kDelegateB, AddComment{"Nhất trí", 1, {}});
  run(kChair, CloseMeeting{"Tiếp thu ý kiến các đại biểu"});
  run(kDelegateB, AddComment{"Về mục tiêu", 0, {AnchorKind::kPassage, 1, 13, 20, "YÊU CẦU"}});
  run(kDelegateB, EditComment{3, "Về mục tiêu và yêu cầu"});
  run(kDelegateB, WithdrawComment{3});
  run(kDelegateA, NoFurtherComments{});
  now += 9 * kDay;
  run(kSystemUser, FireTimer{store->state_of(id).value().timers.front().id});
  now += 2 * kDay;
  run(kSystemUser, FireTimer{store->state_of(id).value().timers.back().id});
  run(kChair,
      action("revise", {text_input("conclusion", "Bổ sung nhiệm vụ phân loại cán bộ"),
                        InputValue{"directives", Directives{{"Bổ sung nhiệm vụ", {1}, {}}}}}));
  run(kClerk, IssueConclusionNotice{"Hà Giang", "TL. CHỦ TỊCH", "Nguyễn Văn A", "Lưu: VT."});
  run(kDrafter, DisposeComment{1, Disposition::kAccepted, ""});
  run(kDrafter, SubmitVersion{blocks_from_text("Bản 2"), ""});
  run(kDrafter, MarkDirectiveDone{1, {}, "Đã bổ sung tại mục II"});
  run(kDrafter, action("submit_revision"));
  run(kChair, action("approve"));
  run(kClerk, action("issue"));
  // The store gives the state its dossier's id, which the signed digest names.
  const auto content = signed_content_of(store->state_of(id).value(), kChair);
  REQUIRE(content.has_value());
  CHECK(content->dossier == id);
  // Signed for real, the key registered as the accounts register it, so
  // verify below holds.
  const auto key = ed25519_generate().value();
  const Sha256 digest = signed_content_digest(*content);
  run(kSystemUser, SignDocument{kChair, to_hex(key.public_key), to_hex(digest),
                                to_hex(ed25519_sign(key.private_key, digest).value())});
  {
    auto keys = db.connect();
    REQUIRE(keys.exec("INSERT INTO units (id, code, name) VALUES (900, 'UBND', 'UBND tỉnh'); "
                      "INSERT INTO users VALUES (" +
                      std::to_string(kChair) + ", 'chu-tich', 'Chủ tịch', 900, '', 0, 0, 0)")
                .ok());
    sql::SqlError e;
    auto insert = keys.prepare("INSERT INTO signing_keys VALUES (?, 'Ed25519', ?, ?, 0)", &e);
    REQUIRE(insert.has_value());
    const std::uint8_t no_private_key = 0;
    REQUIRE(insert->bind(1, static_cast<std::int64_t>(kChair))
                .bind(2, to_hex(key.public_key))
                .bind_blob(3, &no_private_key, 1)
                .run()
                .ok());
  }
  run(kChair, BindRole{"implementer", {kOutsider, 90}});
  run(kDrafter, SetCampaign{now, now + 60 * kDay});
  ImplementationTaskSpec task = sample_task(90, 0);
  task.due = 0;  // the campaign's
  task.target->value.milestones.clear();
  run(kDrafter, AddImplementationTask{task});
  run(kOutsider, sample_report(1, now, 649));
  const Timer follow_up = store->state_of(id).value().timers.front();
  REQUIRE(follow_up.kind == TimerKind::kFollowUp);
  now = follow_up.at;
  run(kSystemUser, FireTimer{follow_up.id});
  run(kChair, UnbindRole{"implementer", kOutsider});

  auto logged = store->events_of(id);
  REQUIRE(logged.ok());
  std::set<std::string> types;
  for (const StoredEvent& e : logged.value())
    types.insert(event_type_name(e.event.body));
  CHECK(types.size() == std::variant_size_v<EventBody>);
  // The writer hashes bytes it writes around the stored payload; they are
  // the canonical bytes verify recomputes, for every type.
  const Definition& def = store->state_of(id).value().definition();
  for (const StoredEvent& e : logged.value()) {
    INFO(event_type_name(e.event.body));
    const EventBytes bytes = event_bytes(def, e.event);
    CHECK(bytes.canonical == canonical_event_bytes(def, e.event));
    CHECK(nlohmann::json::parse(bytes.payload) == event_data_to_json(def, e.event.body));
  }
  const auto& all = logged.value();
  REQUIRE(all.size() == 9 + committed.size());
  for (size_t i = 0; i < committed.size(); ++i) {
    CHECK(all[9 + i].seq == committed[i].seq);
    CHECK(all[9 + i].dossier_seq == committed[i].dossier_seq);
    CHECK(all[9 + i].event == committed[i].event);
  }
  store->close();
  CHECK(verify_database(db.location(), defs).value().ok);
}

TEST_CASE("a database URL is printed without its password", "[store]") {
  CHECK(sql::printable_url("postgresql://planflow:bi-mat@db.internal:5432/planflow") ==
        "postgresql://planflow:***@db.internal:5432/planflow");
  CHECK(sql::printable_url("postgresql://planflow@db.internal/planflow") ==
        "postgresql://planflow@db.internal/planflow");
  CHECK(sql::printable_url("postgresql://db.internal:5432/planflow") ==
        "postgresql://db.internal:5432/planflow");
  CHECK(printable_location("data/planflow.db") == "data/planflow.db");
  CHECK(printable_location("postgres://u:p@h/d") == "postgres://u:***@h/d");
}
