#include "engine/implementation_json.h"

#include <limits>

namespace planflow {

using nlohmann::json;

json task_spec_to_json(const ImplementationTaskSpec& t, TimeToJson time) {
  json out = {{"title", t.title}, {"lead_unit", t.lead_unit}};
  if (!t.supporting_units.empty()) out["supporting_units"] = t.supporting_units;
  if (t.starts) out["starts"] = time(t.starts);
  if (t.due) out["due"] = time(t.due);
  if (t.weight != 0) out["weight"] = t.weight;
  if (t.target) {
    const TaskTarget& g = *t.target;
    json target = {{"baseline", g.value.baseline}, {"goal", g.value.goal}};
    if (!g.measure.empty()) target["measure"] = g.measure;
    if (g.baseline_year) target["baseline_year"] = g.baseline_year;
    if (!g.value.milestones.empty()) {
      json ms = json::array();
      for (const Milestone& m : g.value.milestones)
        ms.push_back({{"due", time(m.due)}, {"value", m.value}});
      target["milestones"] = std::move(ms);
    }
    out["target"] = std::move(target);
  }
  return out;
}

json progress_report_to_json(const ProgressReport& r, TimeToJson time) {
  json out = {{"task", r.task}};
  if (r.as_of) out["as_of"] = time(r.as_of);
  if (r.value) out["value"] = *r.value;
  if (r.completed) out["completed"] = true;
  if (!r.narrative.empty()) out["narrative"] = r.narrative;
  if (!r.difficulties.empty()) out["difficulties"] = r.difficulties;
  if (!r.proposals.empty()) out["proposals"] = r.proposals;
  return out;
}

namespace {

// The bounds every event time is read within.
constexpr Time kTimeMin = std::numeric_limits<Time>::min() / 2;
constexpr Time kTimeMax = std::numeric_limits<Time>::max() / 2;

}  // namespace

ImplementationTaskSpec task_spec_from_event_json(JsonReader& parent, const json& task,
                                                 const std::string& path) {
  ImplementationTaskSpec t;
  JsonReader r(task, path);
  t.title = r.string("title");
  t.lead_unit = r.id("lead_unit");
  if (const json* units = r.array("supporting_units", false))
    for (const json& u : *units) {
      if (!u.is_number_unsigned()) {
        r.fail(r.field("supporting_units"), "must be an array of unit ids");
        break;
      }
      t.supporting_units.push_back(u.get<UnitId>());
    }
  t.starts = r.integer("starts", kTimeMin, kTimeMax, false);
  t.due = r.integer("due", kTimeMin, kTimeMax, false);
  t.weight = r.number("weight", false).value_or(0);
  if (const json* target = r.object("target", false)) {
    JsonReader g(*target, r.field("target"));
    TaskTarget out;
    out.value.baseline = g.number("baseline").value_or(0);
    out.value.goal = g.number("goal").value_or(0);
    out.measure = g.string("measure", false);
    out.baseline_year = static_cast<int>(g.integer("baseline_year", 0, 9999, false));
    if (const json* ms = g.array("milestones", false))
      for (std::size_t i = 0; i < ms->size() && g.ok(); ++i) {
        JsonReader m((*ms)[i], g.field("milestones") + "/" + std::to_string(i));
        const Time due = m.integer("due", kTimeMin, kTimeMax);
        const double value = m.number("value").value_or(0);
        g.absorb(m);
        out.value.milestones.push_back({due, value});
      }
    r.absorb(g);
    t.target = std::move(out);
  }
  parent.absorb(r);
  return t;
}

ProgressReport progress_report_from_event_json(JsonReader& r) {
  ProgressReport p;
  p.task = r.id("task");
  p.as_of = r.integer("as_of", kTimeMin, kTimeMax, false);
  p.value = r.number("value", false);
  p.completed = r.boolean("completed", false);
  p.narrative = r.string("narrative", false);
  p.difficulties = r.string("difficulties", false);
  p.proposals = r.string("proposals", false);
  return p;
}

}  // namespace planflow
