// Dispositions that name the blocks of the revised draft taking a comment
// in: what decide() takes and refuses, and the wire and stored forms.
#include "engine/disposition.h"

#include <catch2/catch.hpp>

#include "engine/command_json.h"
#include "engine/event_json.h"
#include "engine/plan_fixture.h"

using namespace planflow;
using namespace planflow::testing;
using nlohmann::json;

namespace {

// In revision after one consultation on v1 (blocks 1 and 2), with comment 1
// from delegate A, comment 2 a reply, and v2 keeping block 1, dropping 2
// and adding block 3.
void revising(Dossier& d) {
  d.ok(kDrafter, plan_dossier());
  d.ok(kDrafter, SubmitVersion{{heading(1, "I.", "MỤC ĐÍCH, YÊU CẦU"),
                                para("Đẩy mạnh tinh giản biên chế năm 2014")},
                               "v1"});
  d.ok(kDrafter, action("open_consultation"));
  d.ok(kDelegateA, AddComment{"Đề nghị bổ sung chỉ tiêu.", 0, {}});
  d.ok(kDelegateB, AddComment{"Nhất trí.", 1, {}});
  close_consultation(d);
  d.ok(kChair, action("revise", {text_input("conclusion", "Tiếp thu, hoàn thiện.")}));
  d.ok(kDrafter, SubmitVersion{{heading(1, "I.", "MỤC ĐÍCH, YÊU CẦU"),
                                item("2.3.", "Giảm 1.240 biên chế đến năm 2015", 2)},
                               "v2"});
}

DisposeComment absorbed(Disposition disposition, std::vector<std::uint32_t> blocks) {
  return DisposeComment{1, disposition, "Đã bổ sung.", std::move(blocks)};
}

}  // namespace

TEST_CASE("a disposition names the blocks of the latest version that take the comment in",
          "[disposition]") {
  const Definition def = load_workflow("plan.json");
  Dossier d(def);
  revising(d);
  d.ok(kDrafter, absorbed(Disposition::kAccepted, {3, 1}));
  const auto& e = std::get<CommentDisposed>(d.history.back().body);
  CHECK(e.absorbed_in == std::vector<std::uint32_t>{3, 1});
  // Answered again, the new answer's blocks stand alone.
  d.ok(kDrafter, absorbed(Disposition::kPartlyAccepted, {3}));
  CHECK(std::get<CommentDisposed>(d.history.back().body).absorbed_in ==
        std::vector<std::uint32_t>{3});
  d.ok(kDrafter, absorbed(Disposition::kNoted, {}));
  CHECK(std::get<CommentDisposed>(d.history.back().body).absorbed_in.empty());
}

TEST_CASE("blocks not in the latest version, named twice or for a refusal are refused",
          "[disposition]") {
  const Definition def = load_workflow("plan.json");
  Dossier d(def);
  revising(d);
  // Block 2 was in v1 only; 9 never was.
  Error e = d.refused(kDrafter, absorbed(Disposition::kAccepted, {1, 2}), ErrorCode::kNotFound);
  CHECK(e.detail == "absorbed_in/1");
  CHECK(e.message_vi.find("khối nội dung số 2") != std::string::npos);
  CHECK(d.refused(kDrafter, absorbed(Disposition::kAccepted, {9}), ErrorCode::kNotFound).detail ==
        "absorbed_in/0");
  CHECK(d.refused(kDrafter, absorbed(Disposition::kAccepted, {3, 3}), ErrorCode::kInvalidArgument)
            .detail == "absorbed_in/1");
  e = d.refused(kDrafter, DisposeComment{1, Disposition::kNotAccepted, "Không phù hợp.", {3}},
                ErrorCode::kInvalidArgument);
  CHECK(e.detail == "absorbed_in");
  CHECK(
      d.refused(kDrafter, absorbed(Disposition::kNoted, {3}), ErrorCode::kInvalidArgument).detail ==
      "absorbed_in");
  std::vector<std::uint32_t> many(kMaxAbsorbingBlocks + 1, 1);
  CHECK(d.refused(kDrafter, absorbed(Disposition::kAccepted, many), ErrorCode::kInvalidArgument)
            .detail == "absorbed_in");
  // The other checks still come first: a reply has no disposition at all.
  d.refused(kDrafter, DisposeComment{2, Disposition::kAccepted, "", {3}},
            ErrorCode::kInvalidArgument);
  CHECK(d.state.undisposed_comments == 1);
}

TEST_CASE("dispose_comment carries its blocks on the wire", "[disposition][command_json]") {
  const Definition def = load_workflow("plan.json");
  const Command c = absorbed(Disposition::kAccepted, {3, 1});
  const json j = command_to_json(c);
  CHECK(j["absorbed_in"] == json::array({3, 1}));
  auto back = command_from_json(json::parse(j.dump()), &def);
  REQUIRE(back.ok());
  CHECK(back.value() == c);
  // Without blocks the form is what it was.
  CHECK_FALSE(command_to_json(absorbed(Disposition::kAccepted, {})).contains("absorbed_in"));

  auto refused = [&](const char* text) {
    auto r = command_from_json(json::parse(text), &def);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == ErrorCode::kInvalidArgument);
    return r.error().detail;
  };
  CHECK(refused(R"({"type":"dispose_comment","comment_id":1,"disposition":"accepted",
                    "absorbed_in":3})") == "/absorbed_in");
  CHECK(refused(R"({"type":"dispose_comment","comment_id":1,"disposition":"accepted",
                    "absorbed_in":[3,"4"]})") == "/absorbed_in/1");
  CHECK(refused(R"({"type":"dispose_comment","comment_id":1,"disposition":"accepted",
                    "absorbed_in":[0]})") == "/absorbed_in/0");
  json long_list = json::parse(R"({"type":"dispose_comment","comment_id":1,
                                   "disposition":"accepted"})");
  long_list["absorbed_in"] = std::vector<int>(kMaxAbsorbingBlocks + 1, 1);
  auto r = command_from_json(long_list, &def);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().detail == "/absorbed_in");
}

TEST_CASE("comment_disposed events keep their blocks, and old ones still load",
          "[disposition][event_json]") {
  const Definition def = load_workflow("plan.json");
  const Event e{1376539200, kDrafter,
                CommentDisposed{1, Disposition::kAccepted, "Đã bổ sung.", {3, 1}}};
  const json j = event_to_json(def, e);
  CHECK(j["data"]["absorbed_in"] == json::array({3, 1}));
  auto back = event_from_json(def, json::parse(j.dump()));
  REQUIRE(back.ok());
  CHECK(back.value() == e);

  // As stored before dispositions named blocks: the same bytes as then.
  const Event old{1376539200, kDrafter, CommentDisposed{1, Disposition::kNoted, ""}};
  CHECK(canonical_event_bytes(def, old) ==
        R"({"actor":1,"at":1376539200,"data":{"comment_id":1,"disposition":"noted",)"
        R"("explanation":""},"type":"comment_disposed"})");
  auto loaded =
      event_from_json(def, json::parse(R"({"type":"comment_disposed","at":1376539200,"actor":1,
                           "data":{"comment_id":1,"disposition":"noted","explanation":""}})"));
  REQUIRE(loaded.ok());
  CHECK(loaded.value() == old);

  auto bad = event_from_json(def, json::parse(R"({"type":"comment_disposed","at":1,"actor":2,
                           "data":{"comment_id":1,"disposition":"accepted","explanation":"",
                                   "absorbed_in":[-1]}})"));
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().message.find("data/absorbed_in") != std::string::npos);
}
