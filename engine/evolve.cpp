// evolve(): applying one event. Every check comes before the first change,
// so a refused event leaves the state exactly as it was.
#include <algorithm>

#include "engine/decide.h"
#include "engine/directives.h"
#include "engine/follow_up.h"
#include "engine/implementation.h"
#include "engine/meeting.h"
#include "engine/state_rules.h"

namespace planflow {

namespace {

Status corrupt(std::string message) {
  return make_error(ErrorCode::kInvalidState, "history does not follow: " + std::move(message));
}

void close_tasks_done_by(DossierState& s, Operation op, UserId actor) {
  const StateDef& st = s.current();
  const RoleMask roles = s.roles_of(actor);
  const auto bit = static_cast<std::uint8_t>(1u << static_cast<unsigned>(op));
  std::erase_if(s.tasks, [&](const OpenTask& t) {
    const TaskDef& def = task_def(st, t);
    const bool mine = t.assignee == actor || (t.assignee == 0 && (roles & (1u << t.role)));
    return mine && (def.done_on & bit);
  });
}

void enter_state(DossierState& s, StateId to, Time at, const ActionInputs& inputs) {
  s.tasks.clear();
  s.timers.clear();
  s.invitees.clear();
  s.deadline_at.reset();
  s.state = to;
  s.entered_at = at;
  ++s.state_entries;
  const StateDef& st = s.current();
  if (st.deadline) {
    const InputValue* given = find_input(inputs, kDeadlineInput);
    const Time* override_at = given ? std::get_if<Time>(&given->value) : nullptr;
    const Time deadline = override_at ? *override_at : add_duration(at, st.deadline->due);
    s.deadline_at = deadline;
    for (const Duration& before : st.deadline->reminders) {
      const Time when = subtract_duration(deadline, before);
      if (when > at)
        s.timers.push_back({.id = s.next_timer_id++, .kind = TimerKind::kReminder, .at = when});
    }
    if (st.deadline->on_expiry)
      s.timers.push_back({.id = s.next_timer_id++, .kind = TimerKind::kExpiry, .at = deadline});
    std::sort(s.timers.begin(), s.timers.end(), [](const Timer& a, const Timer& b) {
      return a.at < b.at || (a.at == b.at && a.id < b.id);
    });
  }
  for (size_t i = 0; i < st.tasks.size(); ++i) {
    const TaskDef& def = st.tasks[i];
    OpenTask t{.id = s.next_task_id++,
               .task = static_cast<std::uint16_t>(i),
               .role = def.role,
               .opened_at = at,
               .due_at = s.deadline_at};
    if (def.due) t.due_at = add_duration(at, *def.due);
    s.tasks.push_back(t);
  }
  if (st.consultation) {
    ++s.consultation_rounds;
    const auto invited = consultation_invitees(s, *st.consultation, inputs);
    // Sized once: growing by doubling would leave up to half of each unused
    // in every dossier in consultation.
    s.invitees.reserve(s.invitees.size() + invited.size());
    s.tasks.reserve(s.tasks.size() + invited.size());
    for (const Participant& p : invited) {
      s.invitees.push_back({p, false});
      s.tasks.push_back({.id = s.next_task_id++,
                         .task = kConsultationTask,
                         .role = st.consultation->consultee_role,
                         .assignee = p.user,
                         .opened_at = at,
                         .due_at = s.deadline_at});
    }
  }
  if (st.follow_up) schedule_follow_ups(s);
}

struct Apply {
  DossierState& s;
  const Event& e;

  // What next_block_id becomes after a version with `blocks`, unless their
  // ids are 0 or repeated. An id kept from a version before the last is not
  // refused: versions stored before blocks existed read back with ids 1..n.
  std::optional<std::uint32_t> next_block_id(const std::vector<Block>& blocks) const {
    std::vector<std::uint32_t> ids;
    ids.reserve(blocks.size());
    for (const Block& b : blocks)
      ids.push_back(b.id);
    std::sort(ids.begin(), ids.end());
    if (std::adjacent_find(ids.begin(), ids.end()) != ids.end()) return std::nullopt;
    if (ids.empty()) return s.next_block_id;
    // The highest id leaves none to give.
    if (ids.front() == 0 || ids.back() == 0xFFFFFFFFu) return std::nullopt;
    return std::max(s.next_block_id, ids.back() + 1);
  }

  Status operator()(const DossierCreated& c) {
    if (s.created) return corrupt("dossier created twice");
    const Definition& def = s.definition();
    if (c.definition_id != def.id || c.definition_version != def.version)
      return corrupt("created under " + c.definition_id + " v" +
                     std::to_string(c.definition_version) + ", replayed under " + def.id + " v" +
                     std::to_string(def.version));
    s.created = true;
    s.document_type = c.document_type;
    s.issuer = c.issuer;
    s.drafting_unit = c.drafting_unit;
    enter_state(s, def.initial, e.at, {});
    return {};
  }

  Status operator()(const RoleBound& b) {
    if (b.role >= s.definition().roles.size()) return corrupt("unknown role index");
    for (const Binding& x : s.bindings)
      if (x.role == b.role && x.participant.user == b.participant.user)
        return corrupt("role bound twice");
    s.bindings.push_back({b.role, b.participant});
    return {};
  }

  Status operator()(const RoleUnbound& u) {
    const auto it = std::find_if(s.bindings.begin(), s.bindings.end(), [&u](const Binding& b) {
      return b.role == u.role && b.participant.user == u.user;
    });
    if (it == s.bindings.end()) return corrupt("unbinding a role not held");
    s.bindings.erase(it);
    std::erase_if(s.tasks, [&u](const OpenTask& t) {
      return t.subject && t.assignee == u.user && t.role == u.role;
    });
    return {};
  }

  Status operator()(const VersionSubmitted& v) {
    if (s.frozen) return corrupt("version submitted to a frozen document");
    if (v.number != s.versions + 1) return corrupt("version numbers out of order");
    // Prints shared with the state's are those of the last version, whose
    // ids were checked when it came: decide() found nothing changed.
    const auto next_id =
        v.blocks.prints().shares(s.last_prints) ? s.next_block_id : next_block_id(*v.blocks);
    if (!next_id) return corrupt("block ids missing or repeated");
    s.versions = v.number;
    s.last_version_digest = version_digest(v.number, *v.blocks);
    s.last_version_entry = s.state_entries;
    // Shared with the event, which made them from its blocks: no hashing
    // again, and no text kept.
    s.last_prints = v.blocks.prints();
    s.next_block_id = *next_id;
    close_tasks_done_by(s, Operation::kSubmitVersion, e.actor);
    return {};
  }

  Status operator()(const ActionTaken& a) {
    const Definition& def = s.definition();
    if (a.from != s.state) return corrupt("action taken from a state the dossier is not in");
    const StateDef& from = s.current();
    if (a.transition >= from.transitions.size()) return corrupt("unknown transition");
    const TransitionDef& t = from.transitions[a.transition];
    if (a.to != t.to || a.to >= def.states.size()) return corrupt("transition target differs");
    if (a.timer_id != 0) {
      const Timer* timer = s.find_timer(a.timer_id);
      if (!timer || timer->kind != TimerKind::kExpiry) return corrupt("unknown deadline timer");
    }
    const auto& effects = def.states[a.to].on_enter;
    const bool allocates = std::any_of(effects.begin(), effects.end(), [](const EffectDef& x) {
      return x.kind == EffectKind::kAllocateNumber;
    });
    if (allocates != a.issued.has_value()) return corrupt("official number missing or unexpected");
    enter_state(s, a.to, e.at, a.inputs);
    apply_conclusion(s, t, a.inputs);
    for (const EffectDef& effect : effects) {
      if (effect.kind == EffectKind::kAllocateNumber) {
        s.issued = a.issued;
        s.issued_at = e.at;
      }
      if (effect.kind == EffectKind::kFreezeDocument) s.frozen = true;
    }
    return {};
  }

  Status operator()(const CommentAdded& c) {
    if (c.comment_id != s.comments.size() + 1) return corrupt("comment ids out of order");
    if (c.reply_to > s.comments.size()) return corrupt("reply to an unknown comment");
    // A remark a secretary recorded is its speaker's.
    const UserId author = c.on_behalf_of ? c.on_behalf_of : e.actor;
    s.comments.push_back({author, c.reply_to, s.state_entries, Disposition::kNone, false});
    if (c.reply_to == 0) ++s.undisposed_comments;
    close_tasks_done_by(s, Operation::kComment, author);
    return {};
  }

  // Only the author changes a comment, and only while the step it was made
  // in lasts: decide() checks more, but a history that breaks these is not
  // one planflow wrote.
  std::optional<Status> changeable(std::uint32_t id) const {
    if (id == 0 || id > s.comments.size()) return corrupt("change to an unknown comment");
    const CommentInfo& c = s.comments[id - 1];
    if (c.author != e.actor) return corrupt("comment changed by someone else");
    if (c.withdrawn) return corrupt("withdrawn comment changed");
    if (c.state_entry != s.state_entries) return corrupt("comment changed in a later step");
    return std::nullopt;
  }

  Status operator()(const CommentEdited& c) {
    if (auto bad = changeable(c.comment_id)) return *bad;
    return {};
  }

  Status operator()(const CommentWithdrawn& w) {
    if (auto bad = changeable(w.comment_id)) return *bad;
    CommentInfo& c = s.comments[w.comment_id - 1];
    c.withdrawn = true;
    // A withdrawn comment asks nothing of the drafter.
    if (c.reply_to == 0 && c.disposition == Disposition::kNone) --s.undisposed_comments;
    return {};
  }

  Status operator()(const CommentDisposed& d) {
    if (d.comment_id == 0 || d.comment_id > s.comments.size()) return corrupt("unknown comment");
    CommentInfo& c = s.comments[d.comment_id - 1];
    if (c.reply_to != 0) return corrupt("disposition given to a reply");
    if (c.withdrawn) return corrupt("disposition given to a withdrawn comment");
    if (d.disposition == Disposition::kNone) return corrupt("empty disposition");
    if (c.disposition == Disposition::kNone) --s.undisposed_comments;
    c.disposition = d.disposition;
    close_tasks_done_by(s, Operation::kDisposeComment, e.actor);
    return {};
  }

  Status operator()(const ReviewFinished&) {
    const auto it = std::find_if(s.invitees.begin(), s.invitees.end(), [this](const Invitee& i) {
      return i.participant.user == e.actor;
    });
    if (it == s.invitees.end() || it->responded)
      return corrupt("review finished twice or by a non-invitee");
    it->responded = true;
    std::erase_if(s.tasks, [this](const OpenTask& t) {
      return t.task == kConsultationTask && t.assignee == e.actor;
    });
    return {};
  }

  Status operator()(const ReminderSent& r) {
    const auto it = std::find_if(s.timers.begin(), s.timers.end(),
                                 [&r](const Timer& t) { return t.id == r.timer_id; });
    if (it == s.timers.end() || it->kind != TimerKind::kReminder)
      return corrupt("unknown reminder");
    s.timers.erase(it);
    return {};
  }

  // Whether the digest is that of the issued document is decide()'s check
  // and verify's (which knows the dossier's id); here only that a signature
  // can follow.
  Status operator()(const DocumentSigned& d) {
    if (e.actor != kSystemUser) return corrupt("document signed by someone but the system");
    if (!s.issued || !s.frozen) return corrupt("signature on a document not issued");
    if (s.signed_by) return corrupt("document signed twice");
    if (d.signer == kSystemUser) return corrupt("signature without a signer");
    s.signed_by = d.signer;
    return {};
  }

  // The meeting's events (engine/meeting.h).
  template <class MeetingEvent>
  Status operator()(const MeetingEvent& m) {
    return evolve_meeting(s, e, m);
  }
  Status operator()(const DirectiveDone& d) { return apply_directive_done(s, d, e.actor); }
  Status operator()(const ConclusionNoticeIssued& n) { return apply_conclusion_notice(s, n); }
  Status operator()(const ImplementationTaskAdded& t) { return apply_task_added(s, t, e.at); }
  Status operator()(const ProgressReported& p) { return apply_progress_reported(s, p); }
  Status operator()(const CampaignSet& c) { return apply_campaign_set(s, c); }
  Status operator()(const FollowUpSent& f) {
    if (e.actor != kSystemUser) return corrupt("follow-up sent by someone but the system");
    return apply_follow_up_sent(s, f, e.at);
  }
};

}  // namespace

Status evolve(DossierState& state, const Event& event) {
  if (!state.created && !std::holds_alternative<DossierCreated>(event.body))
    return corrupt(std::string(event_type_name(event.body)) + " before the dossier was created");
  Status status = std::visit(Apply{state, event}, event.body);
  if (status.ok()) ++state.version;
  return status;
}

Result<DossierState> replay(const Definition& definition, const std::vector<Event>& events) {
  DossierState state(definition);
  for (const Event& e : events) {
    Status s = evolve(state, e);
    if (!s.ok()) return s.error();
  }
  return state;
}

}  // namespace planflow
