#include "engine/event_json.h"

#include "engine/implementation_json.h"
#include "engine/json_reader.h"

namespace planflow {

using nlohmann::json;

namespace {

json participants_json(const std::vector<Participant>& list) {
  json out = json::array();
  for (const Participant& p : list)
    out.push_back({{"user", p.user}, {"unit", p.unit}});
  return out;
}

json issued_json(const IssuedNumber& n) {
  return {{"number", n.number}, {"year", n.year}, {"series", n.series}, {"symbol", n.symbol}};
}

struct ToJson {
  const Definition& def;

  json operator()(const DossierCreated& c) const {
    json out = {{"definition_id", c.definition_id},
                {"definition_version", c.definition_version},
                {"title", c.title},
                {"document_type", c.document_type},
                {"issuer", unit_ref_json(c.issuer)},
                {"drafting_unit", unit_ref_json(c.drafting_unit)}};
    if (c.corrects)
      out["corrects"] = {{"dossier", c.corrects->dossier},
                         {"symbol", c.corrects->symbol},
                         {"issued_at", c.corrects->issued_at}};
    return out;
  }
  json operator()(const RoleBound& b) const {
    return {
        {"role", def.roles[b.role].id}, {"user", b.participant.user}, {"unit", b.participant.unit}};
  }
  json operator()(const RoleUnbound& u) const {
    return {{"role", def.roles[u.role].id}, {"user", u.user}};
  }
  json operator()(const VersionSubmitted& v) const {
    return {{"number", v.number}, {"summary", v.summary}, {"blocks", blocks_to_json(*v.blocks)}};
  }
  json operator()(const ActionTaken& a) const {
    const StateDef& from = def.states[a.from];
    json inputs = json::object();
    for (const InputValue& in : a.inputs) {
      if (const auto* text = std::get_if<std::string>(&in.value)) inputs[in.name] = *text;
      if (const auto* time = std::get_if<Time>(&in.value)) inputs[in.name] = *time;
      if (const auto* list = std::get_if<std::vector<Participant>>(&in.value))
        inputs[in.name] = participants_json(*list);
      if (const auto* list = std::get_if<Directives>(&in.value))
        inputs[in.name] = directives_to_json(*list);
    }
    json out = {{"from", from.id},
                {"action", from.transitions[a.transition].action},
                {"to", def.states[a.to].id},
                {"inputs", std::move(inputs)}};
    if (a.timer_id) out["timer_id"] = a.timer_id;
    if (a.issued) out["issued"] = issued_json(*a.issued);
    return out;
  }
  json operator()(const CommentAdded& c) const {
    json out = {
        {"comment_id", c.comment_id}, {"reply_to", c.reply_to}, {"text", c.text}, {"unit", c.unit}};
    // Absent for the document, so comments stored before anchors existed
    // keep their canonical bytes and their hashes.
    if (c.anchor.kind != AnchorKind::kDocument) out["anchor"] = anchor_to_json(c.anchor);
    if (c.on_behalf_of) out["on_behalf_of"] = c.on_behalf_of;
    return out;
  }
  json operator()(const MeetingScheduled& m) const {
    return {{"starts_at", m.starts_at}, {"place", m.place}, {"chaired_by", m.chaired_by}};
  }
  json operator()(const MeetingOpened& m) const { return {{"block_id", m.block_id}}; }
  json operator()(const BlockPresented& m) const { return {{"block_id", m.block_id}}; }
  json operator()(const AttendanceRecorded& a) const {
    return {{"user", a.user}, {"unit", a.unit}, {"present", a.present}};
  }
  json operator()(const MeetingClosed& m) const { return {{"conclusion", m.conclusion}}; }
  json operator()(const CommentEdited& e) const {
    return {{"comment_id", e.comment_id}, {"text", e.text}};
  }
  json operator()(const CommentWithdrawn& w) const { return {{"comment_id", w.comment_id}}; }
  json operator()(const CommentDisposed& d) const {
    json out = {{"comment_id", d.comment_id},
                {"disposition", disposition_name(d.disposition)},
                {"explanation", d.explanation}};
    // Absent when empty, so dispositions stored before blocks were named
    // keep their canonical bytes and their hashes.
    if (!d.absorbed_in.empty()) out["absorbed_in"] = d.absorbed_in;
    return out;
  }
  json operator()(const ReviewFinished&) const { return json::object(); }
  json operator()(const ReminderSent& r) const {
    return {{"timer_id", r.timer_id}, {"recipients", r.recipients}};
  }
  json operator()(const DocumentSigned& d) const {
    return {{"signer", d.signer},
            {"algorithm", d.algorithm},
            {"public_key", d.public_key},
            {"digest", d.digest},
            {"signature", d.signature}};
  }
  json operator()(const DirectiveDone& d) const {
    return {{"directive", d.directive}, {"blocks", d.blocks}, {"note", d.note}};
  }
  json operator()(const ImplementationTaskAdded& t) const {
    return {{"task_id", t.task_id}, {"task", task_spec_to_json(t.task, seconds)}};
  }
  json operator()(const ProgressReported& p) const {
    return progress_report_to_json(p.report, seconds);
  }
  json operator()(const CampaignSet& c) const { return {{"starts", c.starts}, {"ends", c.ends}}; }
  json operator()(const FollowUpSent& f) const {
    json out = {{"timer_id", f.timer_id},
                {"task", f.task},
                {"kind", follow_up_kind_name(f.kind)},
                {"scheduled_at", f.scheduled_at},
                {"recipients", f.recipients}};
    if (f.due_at) out["due_at"] = f.due_at;
    return out;
  }
  static json seconds(Time t) { return t; }
  json operator()(const ConclusionNoticeIssued& n) const {
    return {{"issued", issued_json(n.issued)},
            {"place", n.place},
            {"authority", n.authority},
            {"signer", n.signer},
            {"recipients", n.recipients}};
  }
};

std::vector<std::string> read_cells(JsonReader& r, const json& row, const std::string& path) {
  std::vector<std::string> cells;
  if (!row.is_array()) {
    r.fail(path, "must be an array");
    return cells;
  }
  for (const json& cell : row) {
    if (!cell.is_string()) {
      r.fail(path, "must be an array of strings");
      break;
    }
    cells.push_back(cell.get<std::string>());
  }
  return cells;
}

// Stored blocks are read as written: their shape was checked when they were
// decided, and a limit lowered since must not make a history unreadable.
Block read_block(const json& j, const std::string& path, JsonReader& parent) {
  JsonReader b(j, path);
  Block out;
  if (!b.is_object()) {
    parent.absorb(b);
    return out;
  }
  out.id = b.id("id");
  const std::string kind = b.string("kind");
  const auto k = block_kind_from_name(kind);
  if (b.ok() && !k) b.fail(b.field("kind"), "unknown block kind \"" + kind + "\"");
  out.kind = k.value_or(BlockKind::kParagraph);
  out.level = static_cast<std::uint8_t>(b.integer("level", 0, 255));
  out.marker = b.string("marker");
  out.text = b.string("text");
  if (const json* rows = b.array("rows", false))
    for (size_t i = 0; i < rows->size() && b.ok(); ++i)
      out.rows.push_back(read_cells(b, (*rows)[i], b.field("rows") + "/" + std::to_string(i)));
  parent.absorb(b);
  return out;
}

VersionSubmitted read_version(JsonReader& r) {
  VersionSubmitted v{r.id("number"), r.string("summary"), {}};
  std::vector<Block> read;
  if (r.has("blocks")) {
    if (const json* blocks = r.array("blocks"))
      for (size_t i = 0; i < blocks->size() && r.ok(); ++i)
        read.push_back(read_block((*blocks)[i], r.field("blocks") + "/" + std::to_string(i), r));
    if (r.ok()) v.blocks = SharedBlocks(std::move(read));
    return v;
  }
  // Written before drafts had blocks: each line a paragraph, numbered in
  // order. The stored text stays as it is; the hash chain covers it.
  read = blocks_from_text(r.string("text"));
  for (size_t i = 0; i < read.size(); ++i)
    read[i].id = static_cast<std::uint32_t>(i + 1);
  v.blocks = SharedBlocks(std::move(read));
  return v;
}

UnitRef read_unit(JsonReader& r, const char* key) {
  UnitRef u;
  if (const json* j = r.object(key)) {
    JsonReader unit(*j, r.field(key));
    u.id = unit.id("id");
    u.code = unit.string("code");
    r.absorb(unit);
  }
  return u;
}

std::optional<RoleId> read_role(JsonReader& r, const Definition& def) {
  const std::string name = r.string("role");
  if (!r.ok()) return std::nullopt;
  const auto role = def.role_index(name);
  if (!role) r.fail(r.field("role"), "\"" + name + "\" is not a role of " + def.id);
  return role;
}

std::optional<Participant> read_participant(const json& j, const std::string& path,
                                            JsonReader& parent) {
  JsonReader p(j, path);
  Participant out{p.id("user"), p.id("unit")};
  if (!p.ok()) {
    parent.absorb(p);
    return std::nullopt;
  }
  return out;
}

std::vector<std::uint32_t> read_id_list(JsonReader& r, const json& list, const std::string& path) {
  std::vector<std::uint32_t> out;
  if (!list.is_array()) {
    r.fail(path, "must be an array");
    return out;
  }
  for (const json& v : list) {
    if (!v.is_number_unsigned() || v.get<std::uint64_t>() > 0xFFFFFFFFu) {
      r.fail(path, "must be ids");
      break;
    }
    out.push_back(v.get<std::uint32_t>());
  }
  return out;
}

Directives read_directives(JsonReader& r, const json& list, const std::string& path) {
  Directives out;
  for (size_t i = 0; i < list.size() && r.ok(); ++i) {
    JsonReader d(list[i], path + "/" + std::to_string(i));
    Directive item;
    item.text = d.string("text");
    if (const json* blocks = d.array("blocks", false))
      item.blocks = read_id_list(d, *blocks, d.field("blocks"));
    if (const json* comments = d.array("comments", false))
      item.comments = read_id_list(d, *comments, d.field("comments"));
    r.absorb(d);
    out.push_back(std::move(item));
  }
  return out;
}

IssuedNumber read_issued(JsonReader& r, const json& j) {
  JsonReader n(j, r.field("issued"));
  IssuedNumber number{static_cast<std::uint32_t>(n.integer("number", 1, 1000000000)),
                      static_cast<int>(n.integer("year", 1900, 9999)), n.string("series"),
                      n.string("symbol")};
  r.absorb(n);
  return number;
}

std::optional<ActionInputs> read_inputs(JsonReader& r, const TransitionDef& t) {
  const json* inputs = r.object("inputs", false);
  ActionInputs out;
  if (!inputs) return out;
  for (const auto& [name, value] : inputs->items()) {
    const bool declared = std::any_of(t.inputs.begin(), t.inputs.end(),
                                      [&name](const InputDef& d) { return d.name == name; });
    if (!declared) r.fail(r.field("inputs") + "/" + name, "is not an input of " + t.action);
  }
  // In declaration order, as decide() emits them.
  for (const InputDef& spec : t.inputs) {
    const auto it = inputs->find(spec.name);
    if (it == inputs->end()) continue;
    const std::string path = r.field("inputs") + "/" + spec.name;
    switch (spec.type) {
      case InputType::kText:
        if (!it->is_string())
          r.fail(path, "must be a string");
        else
          out.push_back({spec.name, it->get<std::string>()});
        break;
      case InputType::kTime:
        if (!it->is_number_integer())
          r.fail(path, "must be a whole number of seconds");
        else
          out.push_back({spec.name, it->get<Time>()});
        break;
      case InputType::kParticipants: {
        if (!it->is_array()) {
          r.fail(path, "must be an array");
          break;
        }
        std::vector<Participant> list;
        for (size_t i = 0; i < it->size(); ++i)
          if (auto p = read_participant((*it)[i], path + "/" + std::to_string(i), r))
            list.push_back(*p);
        out.push_back({spec.name, std::move(list)});
        break;
      }
      case InputType::kDirectives:
        if (!it->is_array())
          r.fail(path, "must be an array");
        else
          out.push_back({spec.name, read_directives(r, *it, path)});
        break;
    }
  }
  if (!r.ok()) return std::nullopt;
  return out;
}

Result<EventBody> read_action(JsonReader& r, const Definition& def) {
  ActionTaken a;
  const std::string from = r.string("from"), action = r.string("action"), to = r.string("to");
  if (!r.ok()) return *r.error();
  const auto from_index = def.state_index(from);
  if (!from_index)
    return make_error(ErrorCode::kInvalidArgument,
                      r.field("from") + ": unknown state \"" + from + "\"", r.field("from"));
  const auto transition = def.states[*from_index].transition_index(action);
  if (!transition)
    return make_error(
        ErrorCode::kInvalidArgument,
        r.field("action") + ": no action \"" + action + "\" in state \"" + from + "\"",
        r.field("action"));
  const TransitionDef& t = def.states[*from_index].transitions[*transition];
  if (def.states[t.to].id != to)
    return make_error(ErrorCode::kInvalidArgument,
                      r.field("to") + ": action \"" + action + "\" leads to \"" +
                          def.states[t.to].id + "\", not \"" + to + "\"",
                      r.field("to"));
  a.from = *from_index;
  a.transition = *transition;
  a.to = t.to;
  auto inputs = read_inputs(r, t);
  if (!inputs) return *r.error();
  a.inputs = std::move(*inputs);
  a.timer_id = r.id("timer_id", false);
  if (const json* issued = r.object("issued", false)) a.issued = read_issued(r, *issued);
  if (!r.ok()) return *r.error();
  return EventBody(std::move(a));
}

}  // namespace

json blocks_to_json(const std::vector<Block>& blocks) {
  json out = json::array();
  for (const Block& b : blocks) {
    json block = {{"id", b.id},
                  {"kind", block_kind_name(b.kind)},
                  {"level", b.level},
                  {"marker", b.marker},
                  {"text", b.text}};
    if (b.kind == BlockKind::kTable) block["rows"] = b.rows;
    out.push_back(std::move(block));
  }
  return out;
}

Result<VersionSubmitted> version_submitted_from_json(const json& data) {
  JsonReader r(data, "data");
  if (!r.is_object()) return *r.error();
  VersionSubmitted v = read_version(r);
  if (!r.ok()) return *r.error();
  return v;
}

json event_data_to_json(const Definition& def, const EventBody& body) {
  return std::visit(ToJson{def}, body);
}

json event_to_json(const Definition& def, const Event& event) {
  return {{"type", event_type_name(event.body)},
          {"at", event.at},
          {"actor", event.actor},
          {"data", event_data_to_json(def, event.body)}};
}

namespace {

Anchor read_anchor(JsonReader& r, const json& j) {
  JsonReader a(j, r.field("anchor"));
  Anchor out;
  const std::string kind = a.string("kind");
  const auto k = anchor_kind_from_name(kind);
  if (a.ok() && !k) a.fail(a.field("kind"), "unknown anchor kind \"" + kind + "\"");
  out.kind = k.value_or(AnchorKind::kDocument);
  if (out.kind != AnchorKind::kDocument) out.block = a.id("block");
  if (out.kind == AnchorKind::kPassage) {
    out.start = a.id("start");
    out.end = a.id("end");
    out.quote = a.string("quote");
  }
  r.absorb(a);
  return out;
}

}  // namespace

Result<EventBody> event_data_from_json(const Definition& def, std::string_view type,
                                       const json& data) {
  JsonReader r(data, "data");
  if (!r.is_object()) return *r.error();
  const auto index = event_type_index(type);
  if (!index)
    return make_error(ErrorCode::kInvalidArgument,
                      "type: unknown event type \"" + std::string(type) + "\"", "type");
  EventBody body;
  switch (*index) {
    case 0: {
      DossierCreated c;
      c.definition_id = r.string("definition_id");
      c.definition_version = static_cast<int>(r.integer("definition_version", 1, 1000000));
      c.title = r.string("title");
      c.document_type = r.string("document_type");
      c.issuer = read_unit(r, "issuer");
      c.drafting_unit = read_unit(r, "drafting_unit");
      if (const json* j = r.object("corrects", false)) {
        JsonReader ref(*j, r.field("corrects"));
        c.corrects = DocumentReference{
            static_cast<std::uint64_t>(
                ref.integer("dossier", 1, std::numeric_limits<std::int64_t>::max())),
            ref.string("symbol"),
            ref.integer("issued_at", 0, std::numeric_limits<std::int64_t>::max())};
        r.absorb(ref);
      }
      body = std::move(c);
      break;
    }
    case 1: {
      const auto role = read_role(r, def);
      RoleBound b{role.value_or(0), {r.id("user"), r.id("unit")}};
      body = b;
      break;
    }
    case 2: {
      const auto role = read_role(r, def);
      body = RoleUnbound{role.value_or(0), r.id("user")};
      break;
    }
    case 3:
      body = read_version(r);
      break;
    case 4:
      return read_action(r, def);
    case 5: {
      CommentAdded c{r.id("comment_id"), r.id("reply_to"), r.string("text"), r.id("unit"), {}};
      if (const json* anchor = r.object("anchor", false)) c.anchor = read_anchor(r, *anchor);
      if (r.has("on_behalf_of")) c.on_behalf_of = r.id("on_behalf_of");
      body = std::move(c);
      break;
    }
    case 6: {
      const std::string name = r.string("disposition");
      const auto d = disposition_from_name(name);
      if (r.ok() && !d) r.fail(r.field("disposition"), "unknown disposition \"" + name + "\"");
      CommentDisposed c{r.id("comment_id"), d.value_or(Disposition::kNone),
                        r.string("explanation")};
      if (const json* list = r.array("absorbed_in", false))
        for (const json& id : *list) {
          if (!id.is_number_unsigned() || id.get<std::uint64_t>() == 0 ||
              id.get<std::uint64_t>() > 0xFFFFFFFFu) {
            r.fail(r.field("absorbed_in"), "must be block ids");
            break;
          }
          c.absorbed_in.push_back(id.get<std::uint32_t>());
        }
      body = std::move(c);
      break;
    }
    case 7:
      body = ReviewFinished{};
      break;
    case 8: {
      ReminderSent s{r.id("timer_id"), {}};
      if (const json* list = r.array("recipients")) {
        for (const json& u : *list) {
          if (!u.is_number_unsigned() || u.get<std::uint64_t>() > 0xFFFFFFFFu) {
            r.fail(r.field("recipients"), "must be user ids");
            break;
          }
          s.recipients.push_back(u.get<UserId>());
        }
      }
      body = std::move(s);
      break;
    }
    case 9:
      body = CommentEdited{r.id("comment_id"), r.string("text")};
      break;
    case 10:
      body = CommentWithdrawn{r.id("comment_id")};
      break;
    case 11: {
      DocumentSigned d{r.id("signer"), r.string("algorithm"), r.string("public_key"),
                       r.string("digest"), r.string("signature")};
      body = std::move(d);
      break;
    }
    case 12: {
      MeetingScheduled m;
      m.starts_at = r.integer("starts_at", std::numeric_limits<Time>::min() / 2,
                              std::numeric_limits<Time>::max() / 2);
      m.place = r.string("place");
      m.chaired_by = r.id("chaired_by");
      body = std::move(m);
      break;
    }
    case 13:
      body = MeetingOpened{r.id("block_id")};
      break;
    case 14:
      body = BlockPresented{r.id("block_id")};
      break;
    case 15: {
      AttendanceRecorded a{r.id("user"), r.id("unit"), true};
      if (const json* present = r.has("present") ? &data.at("present") : nullptr;
          !present || !present->is_boolean())
        r.fail(r.field("present"), "must be true or false");
      else
        a.present = present->get<bool>();
      body = a;
      break;
    }
    case 16:
      body = MeetingClosed{r.string("conclusion")};
      break;
    case 17: {
      DirectiveDone d{r.id("directive"), {}, r.string("note")};
      if (const json* blocks = r.array("blocks"))
        d.blocks = read_id_list(r, *blocks, r.field("blocks"));
      body = std::move(d);
      break;
    }
    case 18: {
      ConclusionNoticeIssued n;
      if (const json* issued = r.object("issued")) n.issued = read_issued(r, *issued);
      n.place = r.string("place");
      n.authority = r.string("authority");
      n.signer = r.string("signer");
      n.recipients = r.string("recipients");
      body = std::move(n);
      break;
    }
    case 19: {
      ImplementationTaskAdded t{r.id("task_id"), {}};
      if (const json* task = r.object("task"))
        t.task = task_spec_from_event_json(r, *task, r.field("task"));
      body = std::move(t);
      break;
    }
    case 20:
      body = ProgressReported{progress_report_from_event_json(r)};
      break;
    case 21: {
      CampaignSet c;
      c.starts = r.integer("starts", std::numeric_limits<Time>::min() / 2,
                           std::numeric_limits<Time>::max() / 2);
      c.ends = r.integer("ends", std::numeric_limits<Time>::min() / 2,
                         std::numeric_limits<Time>::max() / 2);
      body = c;
      break;
    }
    case 22: {
      FollowUpSent f;
      f.timer_id = r.id("timer_id");
      f.task = r.id("task");
      const std::string kind = r.string("kind");
      if (auto k = follow_up_kind_from_name(kind))
        f.kind = *k;
      else if (r.ok())
        r.fail(r.field("kind"), "is not a follow-up kind");
      constexpr Time kMin = std::numeric_limits<Time>::min() / 2;
      constexpr Time kMax = std::numeric_limits<Time>::max() / 2;
      f.scheduled_at = r.integer("scheduled_at", kMin, kMax);
      if (r.has("due_at")) f.due_at = r.integer("due_at", kMin, kMax);
      if (const json* list = r.array("recipients"))
        f.recipients = read_id_list(r, *list, r.field("recipients"));
      body = std::move(f);
      break;
    }
  }
  if (!r.ok()) return *r.error();
  return body;
}

Result<Event> event_from_json(const Definition& def, const json& j) {
  JsonReader r(j, "");
  if (!r.is_object()) return *r.error();
  const std::string type = r.string("type");
  Event e;
  e.at =
      r.integer("at", std::numeric_limits<Time>::min() / 2, std::numeric_limits<Time>::max() / 2);
  e.actor = r.id("actor");
  const json* data = r.object("data");
  if (!r.ok()) return *r.error();
  auto body = event_data_from_json(def, type, *data);
  if (!body.ok()) return body.error();
  e.body = std::move(body).value();
  return e;
}

std::string canonical_event_bytes(const Definition& def, const Event& event) {
  return canonical_event_bytes(event_type_name(event.body), event.at, event.actor,
                               event_data_to_json(def, event.body));
}

std::string canonical_event_bytes(std::string_view type, Time at, UserId actor, json data) {
  json event = {{"type", std::string(type)}, {"at", at}, {"actor", actor}};
  event["data"] = std::move(data);
  // nlohmann::json keeps object keys sorted, so dump() is canonical.
  return event.dump(-1, ' ', false, json::error_handler_t::strict);
}

json anchor_to_json(const Anchor& anchor) {
  json out = {{"kind", anchor_kind_name(anchor.kind)}};
  if (anchor.kind == AnchorKind::kDocument) return out;
  out["block"] = anchor.block;
  if (anchor.kind == AnchorKind::kBlock) return out;
  out["start"] = anchor.start;
  out["end"] = anchor.end;
  out["quote"] = anchor.quote;
  return out;
}

json directives_to_json(const Directives& directives) {
  json out = json::array();
  for (const Directive& d : directives)
    out.push_back({{"text", d.text}, {"blocks", d.blocks}, {"comments", d.comments}});
  return out;
}

json unit_ref_json(const UnitRef& unit) {
  return {{"id", unit.id}, {"code", unit.code}};
}

}  // namespace planflow
