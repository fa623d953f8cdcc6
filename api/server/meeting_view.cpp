#include "api/server/meeting_view.h"

#include <map>

#include "engine/meeting.h"

namespace planflow {

using nlohmann::json;

namespace {

const char* status_name(MeetingStatus s) {
  switch (s) {
    case MeetingStatus::kNone:
      return "none";
    case MeetingStatus::kScheduled:
      return "scheduled";
    case MeetingStatus::kOpen:
      return "open";
    case MeetingStatus::kClosed:
      return "closed";
  }
  return "none";
}

struct Meeting {
  std::uint32_t round = 0;
  MeetingStatus status = MeetingStatus::kScheduled;
  json out;
};

// Folds the history the way evolve() does (engine/meeting.cpp): a schedule
// moves the latest meeting while it is scheduled in the current round, and
// otherwise starts the next one.
class Folder {
 public:
  explicit Folder(const Definition& def) : def_(def) {}

  void apply(const Event& e) {
    std::visit([&](const auto& body) { on(e, body); }, e.body);
  }

  json result(const DossierState& state) && {
    json out = json::array();
    json secretaries = json::array();
    if (const auto role = def_.role_index(kSecretaryRole))
      for (const Binding& b : state.bindings)
        if (b.role == *role) secretaries.push_back(b.participant.user);
    for (std::size_t i = 0; i < meetings_.size(); ++i) {
      Meeting& m = meetings_[i];
      m.out["status"] = status_name(m.status);
      m.out["secretaries"] = secretaries;
      m.out["current"] = i + 1 == meetings_.size() && meeting_current(state);
      json attendance = json::array();
      for (UserId user : attendance_order_[i])
        attendance.push_back(attendance_[i][user]);
      m.out["attendance"] = std::move(attendance);
      out.push_back(std::move(m.out));
    }
    return out;
  }

 private:
  template <class Body>
  void on(const Event&, const Body&) {}

  void on(const Event&, const ActionTaken& a) {
    if (def_.states[a.to].consultation) ++round_;
  }

  void on(const Event&, const VersionSubmitted& v) { version_ = v.number; }

  void on(const Event& e, const MeetingScheduled& s) {
    const bool moves = !meetings_.empty() && meetings_.back().status == MeetingStatus::kScheduled &&
                       meetings_.back().round == round_;
    if (!moves) {
      Meeting m;
      m.round = round_;
      m.out = {{"number", meetings_.size() + 1}, {"round", round_},    {"opened_at", nullptr},
               {"closed_at", nullptr},           {"conclusion", ""},   {"presented_block", 0},
               {"remarks", json::array()},       {"version", version_}};
      meetings_.push_back(std::move(m));
      attendance_.emplace_back();
      attendance_order_.emplace_back();
    }
    json& m = meetings_.back().out;
    m["starts_at"] = s.starts_at;
    m["place"] = s.place;
    m["chair"] = s.chaired_by;
    m["scheduled_by"] = e.actor;
    m["scheduled_at"] = e.at;
  }

  void on(const Event& e, const MeetingOpened& o) {
    if (meetings_.empty()) return;
    Meeting& m = meetings_.back();
    m.status = MeetingStatus::kOpen;
    m.out["opened_at"] = e.at;
    m.out["opened_by"] = e.actor;
    m.out["presented_block"] = o.block_id;
    m.out["version"] = version_;
  }

  void on(const Event&, const BlockPresented& p) {
    if (!meetings_.empty()) meetings_.back().out["presented_block"] = p.block_id;
  }

  void on(const Event& e, const AttendanceRecorded& a) {
    if (meetings_.empty()) return;
    const std::size_t i = meetings_.size() - 1;
    if (!attendance_[i].count(a.user)) attendance_order_[i].push_back(a.user);
    attendance_[i][a.user] = {{"user", a.user},
                              {"unit", a.unit},
                              {"present", a.present},
                              {"recorded_by", e.actor},
                              {"at", e.at}};
  }

  void on(const Event& e, const MeetingClosed& c) {
    if (meetings_.empty()) return;
    Meeting& m = meetings_.back();
    m.status = MeetingStatus::kClosed;
    m.out["closed_at"] = e.at;
    m.out["conclusion"] = c.conclusion;
  }

  void on(const Event& e, const CommentAdded& c) {
    if (meetings_.empty() || meetings_.back().status != MeetingStatus::kOpen) return;
    json& m = meetings_.back().out;
    const bool recorded = c.on_behalf_of != 0;
    const std::uint32_t block = c.anchor.kind == AnchorKind::kDocument
                                    ? m["presented_block"].get<std::uint32_t>()
                                    : c.anchor.block;
    remarks_[c.comment_id] = {meetings_.size() - 1, m["remarks"].size()};
    m["remarks"].push_back({{"comment_id", c.comment_id},
                            {"reply_to", c.reply_to},
                            {"author", recorded ? c.on_behalf_of : e.actor},
                            {"unit", c.unit},
                            {"text", c.text},
                            {"block", block},
                            {"recorded_by", recorded ? json(e.actor) : json(nullptr)},
                            {"at", e.at},
                            {"edited", false},
                            {"withdrawn", false}});
  }

  json* remark(std::uint32_t comment_id) {
    const auto it = remarks_.find(comment_id);
    if (it == remarks_.end()) return nullptr;
    return &meetings_[it->second.first].out["remarks"][it->second.second];
  }

  // The minutes say what was meant: a remark corrected later reads as
  // corrected, and one withdrawn is marked so.
  void on(const Event&, const CommentEdited& c) {
    if (json* r = remark(c.comment_id)) {
      (*r)["text"] = c.text;
      (*r)["edited"] = true;
    }
  }

  void on(const Event&, const CommentWithdrawn& w) {
    if (json* r = remark(w.comment_id)) (*r)["withdrawn"] = true;
  }

  const Definition& def_;
  std::uint32_t round_ = 0;
  std::uint32_t version_ = 0;
  std::vector<Meeting> meetings_;
  std::vector<std::map<UserId, json>> attendance_;
  std::vector<std::vector<UserId>> attendance_order_;
  std::map<std::uint32_t, std::pair<std::size_t, std::size_t>> remarks_;
};

}  // namespace

json meetings_json(const DossierState& state, const std::vector<StoredEvent>& events) {
  Folder folder(state.definition());
  for (const StoredEvent& e : events)
    folder.apply(e.event);
  return std::move(folder).result(state);
}

json meeting_rights_json(const DossierState& state, UserId user) {
  const MeetingRights r = meeting_rights(state, user);
  return {{"schedule", r.schedule},
          {"open", r.open},
          {"present", r.present},
          {"attendance", r.attendance},
          {"record_remarks", r.record_remarks},
          {"close", r.close}};
}

}  // namespace planflow
