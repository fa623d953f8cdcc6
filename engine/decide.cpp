// decide(): checking a command and stating its events. The order of checks
// is the order a person would ask: does this dossier exist, can this be done
// here at all, may I do it, is what I gave valid, do the conditions hold.
#include "engine/decide.h"

#include <algorithm>

#include "engine/guards.h"
#include "engine/state_rules.h"
#include "engine/text.h"

namespace planflow {

namespace {

Error invalid(std::string field, std::string message) {
  return make_error(ErrorCode::kInvalidArgument, field + ": " + message, field);
}

// Texts arrive as valid UTF-8 (the edge that parsed them checked it), so
// what is left is whether they say anything and fit. The field name is put
// together only when there is something to report: this runs on every command.
std::optional<Error> check_text(const std::string& text, std::string_view prefix,
                                std::string_view name, size_t max, bool required) {
  if (required && is_blank(text))
    return invalid(std::string(prefix).append(name), "must not be empty");
  if (text.size() > max)
    return invalid(std::string(prefix).append(name), "is " + std::to_string(text.size()) +
                                                         " bytes, more than the " +
                                                         std::to_string(max) + " allowed");
  return std::nullopt;
}

std::optional<Error> check_unit(const UnitRef& u, const std::string& field) {
  if (u.id == 0) return invalid(field, "needs a unit id");
  if (u.code.empty() || u.code.size() > 32)
    return invalid(field, "needs a unit code of 1 to 32 bytes, such as \"UBND\"");
  for (char c : u.code)
    if (c == '/' || c == ' ' || c == '{' || c == '}')
      return invalid(field, "unit code \"" + u.code + "\" may not contain '/', spaces or braces");
  return std::nullopt;
}

std::string role_list(const Definition& def, RoleMask mask) {
  std::string out;
  for (size_t r = 0; r < def.roles.size(); ++r) {
    if (!(mask & (1u << r))) continue;
    if (!out.empty()) out += ", ";
    out += def.roles[r].id;
  }
  return out.empty() ? "no role" : out;
}

class Decider {
 public:
  Decider(const DossierState& s, const Actor& actor, Time now, std::vector<Event>* out,
          const NumberSource* numbers)
      : s_(s), def_(s.definition()), actor_(actor), now_(now), out_(out), numbers_(numbers) {}

  Status operator()(const CreateDossier& c) {
    if (s_.created) return make_error(ErrorCode::kInvalidState, "the dossier already exists");
    if (auto e = check_text(c.title, "", "title", kMaxTitleBytes, true)) return *e;
    std::string type = c.document_type;
    if (type.empty() && !def_.document_types.empty()) type = def_.document_types.front();
    if (!type.empty() && std::find(def_.document_types.begin(), def_.document_types.end(), type) ==
                             def_.document_types.end())
      return invalid("document_type",
                     "\"" + type + "\" is not a document type of workflow \"" + def_.id + "\"");
    if (auto e = check_unit(c.issuer, "issuer")) return *e;
    if (auto e = check_unit(c.drafting_unit, "drafting_unit")) return *e;
    if (c.bindings.size() > kMaxParticipants) return invalid("bindings", "too many participants");
    std::vector<Binding> bindings;
    for (size_t i = 0; i < c.bindings.size(); ++i) {
      const std::string field = "bindings/" + std::to_string(i);
      const auto role = def_.role_index(c.bindings[i].role);
      if (!role) return invalid(field + "/role", "unknown role \"" + c.bindings[i].role + "\"");
      const Participant& p = c.bindings[i].participant;
      if (auto e = check_participant(p, field)) return *e;
      for (const Binding& b : bindings)
        if (b.role == *role && b.participant.user == p.user)
          return invalid(field, "user " + std::to_string(p.user) + " is bound to \"" +
                                    c.bindings[i].role + "\" twice");
      bindings.push_back({*role, p});
    }
    const StateDef& first = def_.states[def_.initial];
    for (const TaskDef& t : first.tasks) {
      const bool bound = std::any_of(bindings.begin(), bindings.end(),
                                     [&t](const Binding& b) { return b.role == t.role; });
      if (!bound)
        return invalid("bindings", "no one plays \"" + def_.roles[t.role].id +
                                       "\", needed in the first step \"" + first.id + "\"");
    }
    const bool manager = std::any_of(bindings.begin(), bindings.end(), [this](const Binding& b) {
      return b.participant.user == actor_.user && (def_.participant_managers & (1u << b.role));
    });
    if (!actor_.admin && !manager)
      return make_error(
          ErrorCode::kForbiddenRole,
          "to create a dossier, take part in it as " + role_list(def_, def_.participant_managers),
          "bindings");
    emit(DossierCreated{def_.id, def_.version, c.title, type, c.issuer, c.drafting_unit});
    for (const Binding& b : bindings)
      emit(RoleBound{b.role, b.participant});
    return {};
  }

  Status operator()(const BindRole& b) {
    if (auto e = require_created()) return *e;
    if (auto e = require_manager()) return *e;
    if (s_.current().final) return make_error(ErrorCode::kInvalidState, "the dossier is closed");
    const auto role = def_.role_index(b.role);
    if (!role) return invalid("role", "unknown role \"" + b.role + "\"");
    if (auto e = check_participant(b.participant, "participant")) return *e;
    if (s_.plays(b.participant.user, *role))
      return invalid("participant", "user " + std::to_string(b.participant.user) +
                                        " already plays \"" + b.role + "\"");
    emit(RoleBound{*role, b.participant});
    return {};
  }

  Status operator()(const UnbindRole& u) {
    if (auto e = require_created()) return *e;
    if (auto e = require_manager()) return *e;
    const auto role = def_.role_index(u.role);
    if (!role) return invalid("role", "unknown role \"" + u.role + "\"");
    if (!s_.plays(u.user, *role))
      return make_error(ErrorCode::kNotFound,
                        "user " + std::to_string(u.user) + " does not play \"" + u.role + "\"",
                        "user");
    for (const OpenTask& t : s_.tasks) {
      if (t.assignee == u.user && t.role == *role)
        return make_error(ErrorCode::kInvalidState,
                          "user " + std::to_string(u.user) +
                              " has an open task in this step; the step must end first",
                          "user");
      if (t.assignee == 0 && t.role == *role) {
        const auto holders = std::count_if(s_.bindings.begin(), s_.bindings.end(),
                                           [&](const Binding& b) { return b.role == *role; });
        if (holders == 1)
          return make_error(ErrorCode::kInvalidState,
                            "no one else plays \"" + u.role + "\", which has an open task", "user");
      }
    }
    emit(RoleUnbound{*role, u.user});
    return {};
  }

  Status operator()(const SubmitVersion& v) {
    if (auto e = require_created()) return *e;
    if (s_.frozen)
      return make_error(ErrorCode::kInvalidState,
                        "the document has been issued and can no longer change");
    if (auto e = require_operation(Operation::kSubmitVersion)) return *e;
    if (auto e = check_text(v.text, "", "text", kMaxDraftBytes, true)) return *e;
    if (auto e = check_text(v.summary, "", "summary", kMaxTitleBytes, false)) return *e;
    emit(VersionSubmitted{s_.versions + 1, v.summary, v.text});
    return {};
  }

  Status operator()(const AddComment& c) {
    if (auto e = require_created()) return *e;
    if (auto e = require_operation(Operation::kComment)) return *e;
    if (auto e = check_text(c.text, "", "text", kMaxCommentBytes, true)) return *e;
    if (c.reply_to > s_.comments.size())
      return make_error(ErrorCode::kNotFound,
                        "there is no comment " + std::to_string(c.reply_to) + " to reply to",
                        "reply_to");
    emit(CommentAdded{static_cast<std::uint32_t>(s_.comments.size() + 1), c.reply_to, c.text,
                      unit_of_actor()});
    return {};
  }

  Status operator()(const DisposeComment& d) {
    if (auto e = require_created()) return *e;
    if (auto e = require_operation(Operation::kDisposeComment)) return *e;
    if (d.comment_id == 0 || d.comment_id > s_.comments.size())
      return make_error(ErrorCode::kNotFound, "there is no comment " + std::to_string(d.comment_id),
                        "comment_id");
    if (s_.comments[d.comment_id - 1].reply_to != 0)
      return invalid("comment_id", "comment " + std::to_string(d.comment_id) +
                                       " is a reply; dispose of the comment it answers");
    if (d.disposition == Disposition::kNone)
      return invalid("disposition", "choose accepted, partly_accepted, not_accepted or noted");
    const bool must_explain =
        d.disposition == Disposition::kPartlyAccepted || d.disposition == Disposition::kNotAccepted;
    if (auto e = check_text(d.explanation, "", "explanation", kMaxCommentBytes, must_explain))
      return *e;
    emit(CommentDisposed{d.comment_id, d.disposition, d.explanation});
    return {};
  }

  Status operator()(const NoFurtherComments&) {
    if (auto e = require_created()) return *e;
    if (!s_.current().consultation)
      return make_error(ErrorCode::kNotAllowedInState,
                        "there is no consultation in step \"" + s_.current().id + "\"");
    const auto it = std::find_if(s_.invitees.begin(), s_.invitees.end(), [this](const Invitee& i) {
      return i.participant.user == actor_.user;
    });
    if (it == s_.invitees.end())
      return make_error(ErrorCode::kForbiddenRole, "you are not invited to this consultation");
    if (it->responded)
      return make_error(ErrorCode::kInvalidState,
                        "you have already said you have no further comments");
    emit(ReviewFinished{});
    return {};
  }

  Status operator()(const TakeAction& a) {
    if (auto e = require_created()) return *e;
    const StateDef& st = s_.current();
    const auto index = st.transition_index(a.action);
    if (!index) {
      if (def_.has_action(a.action))
        return make_error(ErrorCode::kNotAllowedInState,
                          "action \"" + a.action + "\" is not available in step \"" + st.id + "\"",
                          a.action);
      return make_error(ErrorCode::kUnknownAction,
                        "workflow \"" + def_.id + "\" has no action \"" + a.action + "\"",
                        a.action);
    }
    const TransitionDef& t = st.transitions[*index];
    if (!(t.roles & s_.roles_of(actor_.user)))
      return make_error(ErrorCode::kForbiddenRole,
                        "only " + role_list(def_, t.roles) + " may " + a.action, a.action);
    if (auto e = check_inputs(t, a.inputs)) return *e;
    for (Guard g : t.guards)
      if (!guard_holds(s_, g, now_))
        return make_error(ErrorCode::kGuardFailed,
                          std::string(guard_name(g)) + ": " + guard_failure(s_, g, now_),
                          guard_name(g));
    return take(*index, a.inputs, 0);
  }

  Status operator()(const FireTimer& f) {
    if (auto e = require_created()) return *e;
    if (actor_.user != kSystemUser)
      return make_error(ErrorCode::kForbiddenRole, "only the timer service fires timers");
    const Timer* timer = s_.find_timer(f.timer_id);
    if (!timer)
      return make_error(ErrorCode::kNotFound,
                        "timer " + std::to_string(f.timer_id) + " is not pending", "timer_id");
    if (timer->at > now_)
      return make_error(
          ErrorCode::kInvalidState,
          "timer " + std::to_string(f.timer_id) + " is not due until " + format_time(timer->at),
          "timer_id");
    if (timer->kind == TimerKind::kReminder) {
      emit(ReminderSent{timer->id, reminder_recipients()});
      return {};
    }
    // The definition itself named this action for the deadline, so it is
    // taken without a role; its guards would only leave the dossier stuck.
    return take(*s_.current().deadline->on_expiry, {}, timer->id);
  }

 private:
  void emit(EventBody body) { out_->push_back(Event{now_, actor_.user, std::move(body)}); }

  std::optional<Error> require_created() const {
    if (!s_.created) return make_error(ErrorCode::kInvalidState, "the dossier does not exist yet");
    return std::nullopt;
  }

  std::optional<Error> require_manager() const {
    if (actor_.admin || (s_.roles_of(actor_.user) & def_.participant_managers)) return std::nullopt;
    return make_error(ErrorCode::kForbiddenRole,
                      "only " + role_list(def_, def_.participant_managers) +
                          " or an administrator may change who takes part");
  }

  std::optional<Error> require_operation(Operation op) const {
    const RoleMask allowed = s_.current().allow[static_cast<size_t>(op)];
    if (!allowed)
      return make_error(
          ErrorCode::kNotAllowedInState,
          std::string(operation_name(op)) + " is not possible in step \"" + s_.current().id + "\"",
          operation_name(op));
    if (!(allowed & s_.roles_of(actor_.user)))
      return make_error(ErrorCode::kForbiddenRole,
                        "only " + role_list(def_, allowed) + " may " + operation_name(op) +
                            " in step \"" + s_.current().id + "\"",
                        operation_name(op));
    return std::nullopt;
  }

  std::optional<Error> check_participant(const Participant& p, const std::string& field) const {
    if (p.user == kSystemUser) return invalid(field + "/user", "needs a user id");
    if (p.unit == 0) return invalid(field + "/unit", "needs the unit the user speaks for");
    return std::nullopt;
  }

  UnitId unit_of_actor() const {
    for (const Binding& b : s_.bindings)
      if (b.participant.user == actor_.user) return b.participant.unit;
    return actor_.unit;
  }

  std::optional<Error> check_inputs(const TransitionDef& t, const ActionInputs& inputs) const {
    for (size_t i = 0; i < inputs.size(); ++i) {
      const InputValue& in = inputs[i];
      const auto spec = std::find_if(t.inputs.begin(), t.inputs.end(),
                                     [&in](const InputDef& d) { return d.name == in.name; });
      if (spec == t.inputs.end())
        return invalid("inputs/" + in.name,
                       "action \"" + t.action + "\" takes no input \"" + in.name + "\"");
      for (size_t k = 0; k < i; ++k)
        if (inputs[k].name == in.name) return invalid("inputs/" + in.name, "given twice");
      if (auto e = check_input_value(*spec, in)) return e;
    }
    for (const InputDef& spec : t.inputs)
      if (spec.required && !find_input(inputs, spec.name))
        return invalid("inputs/" + spec.name, "is required");
    return std::nullopt;
  }

  std::optional<Error> check_input_value(const InputDef& spec, const InputValue& in) const {
    auto field = [&in] { return "inputs/" + in.name; };
    switch (spec.type) {
      case InputType::kText: {
        const auto* text = std::get_if<std::string>(&in.value);
        if (!text) return invalid(field(), "must be text");
        return check_text(*text, "inputs/", in.name, kMaxInputTextBytes, spec.required);
      }
      case InputType::kTime: {
        const auto* time = std::get_if<Time>(&in.value);
        if (!time) return invalid(field(), "must be a time");
        if (spec.name == kDeadlineInput && *time <= now_)
          return invalid(field(), "must be in the future (now " + format_time(now_) + ")");
        return std::nullopt;
      }
      case InputType::kParticipants: {
        const auto* list = std::get_if<std::vector<Participant>>(&in.value);
        if (!list) return invalid(field(), "must be a list of participants");
        if (list->size() > kMaxParticipants) return invalid(field(), "too many participants");
        for (size_t i = 0; i < list->size(); ++i) {
          const Participant& p = (*list)[i];
          if (p.user == kSystemUser || p.unit == 0)
            return check_participant(p, field() + "/" + std::to_string(i));
          for (size_t k = 0; k < i; ++k)
            if ((*list)[k].user == (*list)[i].user)
              return invalid(field() + "/" + std::to_string(i),
                             "user " + std::to_string((*list)[i].user) + " is listed twice");
        }
        return std::nullopt;
      }
    }
    return std::nullopt;
  }

  std::vector<UserId> reminder_recipients() const {
    std::vector<UserId> out;
    auto add = [&out](UserId u) {
      if (std::find(out.begin(), out.end(), u) == out.end()) out.push_back(u);
    };
    for (const OpenTask& t : s_.tasks) {
      if (t.assignee != 0) {
        add(t.assignee);
        continue;
      }
      for (const Binding& b : s_.bindings)
        if (b.role == t.role) add(b.participant.user);
    }
    return out;
  }

  Status take(std::uint16_t index, const ActionInputs& inputs, std::uint32_t timer_id) {
    const StateDef& st = s_.current();
    const TransitionDef& t = st.transitions[index];
    const StateDef& target = def_.states[t.to];
    // In declaration order, so the event reads back from JSON unchanged.
    ActionInputs ordered;
    for (const InputDef& spec : t.inputs)
      if (const InputValue* in = find_input(inputs, spec.name)) ordered.push_back(*in);
    ActionTaken taken{s_.state, index, t.to, std::move(ordered), timer_id, std::nullopt};
    std::vector<Participant> new_invitees;
    if (target.consultation) {
      const auto invitees = consultation_invitees(s_, *target.consultation, inputs);
      const auto& c = *target.consultation;
      if (invitees.size() < c.quorum.min_invitees())
        return invalid(
            std::string("inputs/") + std::string(kInviteesInput),
            "the consultation needs at least " + std::to_string(c.quorum.min_invitees()) +
                " invitee(s) for its quorum; " + std::to_string(invitees.size()) + " given");
      if (c.max_invitees && invitees.size() > c.max_invitees)
        return invalid(std::string("inputs/") + std::string(kInviteesInput),
                       "at most " + std::to_string(c.max_invitees) + " invitees");
      for (const Participant& p : invitees)
        if (!s_.plays(p.user, c.consultee_role)) new_invitees.push_back(p);
    }
    for (const EffectDef& effect : target.on_enter) {
      if (effect.kind != EffectKind::kAllocateNumber) continue;
      if (!numbers_)
        return make_error(ErrorCode::kInvalidState, "no register of official numbers is available");
      const int year = to_vietnam_time(now_).year;
      const std::string series = fill_pattern(effect.series, s_, 0, year);
      const std::uint32_t number = numbers_->next_number(s_.issuer.id, series, year);
      taken.issued =
          IssuedNumber{number, year, series, fill_pattern(effect.symbol, s_, number, year)};
    }
    if (target.consultation)
      for (const Participant& p : new_invitees)
        emit(RoleBound{target.consultation->consultee_role, p});
    emit(std::move(taken));
    return {};
  }

  const DossierState& s_;
  const Definition& def_;
  const Actor& actor_;
  Time now_;
  std::vector<Event>* out_;
  const NumberSource* numbers_;
};

}  // namespace

Status decide(const DossierState& state, const Command& command, const Actor& actor, Time now,
              std::vector<Event>* out, const NumberSource* numbers) {
  return std::visit(Decider(state, actor, now, out, numbers), command);
}

}  // namespace planflow
