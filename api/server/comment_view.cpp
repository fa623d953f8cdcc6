#include "api/server/comment_view.h"

#include <algorithm>
#include <optional>
#include <string>

#include "engine/anchor.h"
#include "engine/event_json.h"
#include "engine/guards.h"

namespace planflow {

using nlohmann::json;

namespace {

// Enough of a block to name it in a sentence ("Đã tiếp thu tại: ...").
constexpr std::size_t kExcerptWords = 12;

struct Version {
  std::uint32_t number = 0;
  SharedBlocks blocks;
};

struct Disposal {
  Time at = 0;
  UserId by = 0;
  const CommentDisposed* event = nullptr;
  std::uint32_t on_version = 0;  // the latest version when it was given
};

struct Entry {
  const CommentAdded* added = nullptr;
  Time at = 0;
  UserId author = 0;
  UserId recorded_by = 0;        // the secretary who wrote it down for the author; 0: none
  std::uint32_t on_version = 0;  // 0: made before any version
  std::string text;
  Time text_at = 0;  // when `text` was written
  json edits = json::array();
  std::optional<Time> withdrawn_at;
  std::optional<Disposal> disposal;
};

const Block* find_block(const std::vector<Version>& versions, std::uint32_t number,
                        std::uint32_t id) {
  if (number == 0 || number > versions.size()) return nullptr;
  for (const Block& b : *versions[number - 1].blocks)
    if (b.id == id) return &b;
  return nullptr;
}

// What a reader sees of a block: a table row by row, as the app shows it.
std::string block_words(const Block& b) {
  if (b.kind != BlockKind::kTable) return b.text;
  std::string out;
  for (const auto& row : b.rows) {
    if (!out.empty()) out += '\n';
    for (std::size_t i = 0; i < row.size(); ++i)
      out.append(i ? " | " : "").append(row[i]);
  }
  return out;
}

// The first words of `text`, an ellipsis after when there were more.
std::string excerpt(const std::string& text) {
  std::string out;
  std::size_t words = 0, at = 0;
  while (at < text.size()) {
    while (at < text.size() && (text[at] == ' ' || text[at] == '\n'))
      ++at;
    if (at >= text.size()) break;
    if (words == kExcerptWords) return out + "…";
    const std::size_t end = std::min(text.find_first_of(" \n", at), text.size());
    out.append(out.empty() ? "" : " ").append(text, at, end - at);
    ++words;
    at = end;
  }
  return out;
}

json optional_time(const std::optional<Time>& t) {
  return t ? json(*t) : json(nullptr);
}

json place_json(const Entry& e, const std::vector<Version>& versions) {
  const Anchor& anchor = e.added->anchor;
  if (anchor.kind == AnchorKind::kDocument) return {{"outdated", false}, {"block", nullptr}};
  static const std::vector<Block> kNone;
  const std::vector<Block>& latest = versions.empty() ? kNone : *versions.back().blocks;
  const AnchorPlace p = locate_anchor(anchor, latest);
  if (!p.outdated) {
    json out = {{"outdated", false}, {"block", p.block}};
    if (anchor.kind == AnchorKind::kPassage) out["start"] = p.start, out["end"] = p.end;
    return out;
  }
  // Gone from the latest version: what it was made on, so it can still be read.
  const Block* was = find_block(versions, e.on_version, anchor.block);
  return {{"outdated", true},
          {"block", anchor.block},
          {"quote", anchor.quote},
          {"block_marker", was ? json(was->marker) : json(nullptr)},
          {"block_text", was ? json(block_words(*was)) : json(nullptr)}};
}

// A block that took a comment in, as it reads in the latest version, or as
// it read when the disposition was given should it be gone since.
json absorbing_json(std::uint32_t id, const Disposal& d, const std::vector<Version>& versions) {
  const auto latest = static_cast<std::uint32_t>(versions.size());
  const Block* b = find_block(versions, latest, id);
  const bool current = b != nullptr;
  if (!b) b = find_block(versions, d.on_version, id);
  json out = {{"block", id}, {"current", current}};
  out["kind"] = b ? json(block_kind_name(b->kind)) : json(nullptr);
  out["marker"] = b ? json(b->marker) : json(nullptr);
  out["excerpt"] = b ? json(excerpt(block_words(*b))) : json(nullptr);
  return out;
}

json disposition_json(const Entry& e, const std::vector<Version>& versions) {
  if (!e.disposal) return nullptr;
  const Disposal& d = *e.disposal;
  json absorbed = json::array();
  for (std::uint32_t id : d.event->absorbed_in)
    absorbed.push_back(absorbing_json(id, d, versions));
  return {{"disposition", disposition_name(d.event->disposition)},
          {"explanation", d.event->explanation},
          {"at", d.at},
          {"by", d.by},
          {"absorbed_in", std::move(absorbed)}};
}

}  // namespace

json comments_json(const DossierState& state, const std::vector<StoredEvent>& events, UserId user) {
  std::vector<Version> versions;
  std::vector<Entry> entries;
  auto entry = [&](std::uint32_t id) -> Entry* {
    return id >= 1 && id <= entries.size() ? &entries[id - 1] : nullptr;
  };
  for (const StoredEvent& stored : events) {
    const Event& ev = stored.event;
    if (const auto* v = std::get_if<VersionSubmitted>(&ev.body)) {
      versions.push_back({v->number, v->blocks});
    } else if (const auto* a = std::get_if<CommentAdded>(&ev.body)) {
      // Ids run 1, 2, ... in the order made: the entry's index is its id.
      if (a->comment_id != entries.size() + 1) continue;
      Entry e;
      e.added = a;
      e.at = e.text_at = ev.at;
      // A remark a secretary recorded is the delegate's own words.
      e.author = a->on_behalf_of ? a->on_behalf_of : ev.actor;
      e.recorded_by = a->on_behalf_of ? ev.actor : 0;
      e.on_version = static_cast<std::uint32_t>(versions.size());
      e.text = a->text;
      entries.push_back(std::move(e));
    } else if (const auto* ed = std::get_if<CommentEdited>(&ev.body)) {
      if (Entry* e = entry(ed->comment_id)) {
        e->edits.push_back({{"text", e->text}, {"at", e->text_at}});
        e->text = ed->text;
        e->text_at = ev.at;
      }
    } else if (const auto* w = std::get_if<CommentWithdrawn>(&ev.body)) {
      if (Entry* e = entry(w->comment_id)) e->withdrawn_at = ev.at;
    } else if (const auto* d = std::get_if<CommentDisposed>(&ev.body)) {
      if (Entry* e = entry(d->comment_id))
        e->disposal = Disposal{ev.at, ev.actor, d, static_cast<std::uint32_t>(versions.size())};
    }
  }

  const std::vector<std::uint32_t> changeable = changeable_comments(state, user);
  json list = json::array();
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const Entry& e = entries[i];
    const auto id = static_cast<std::uint32_t>(i + 1);
    const bool edited = !e.edits.empty();
    list.push_back({{"id", id},
                    {"reply_to", e.added->reply_to},
                    {"author", e.author},
                    {"recorded_by", e.recorded_by},
                    {"unit", e.added->unit},
                    {"at", e.at},
                    {"text", e.text},
                    {"on_version", e.on_version},
                    {"anchor", anchor_to_json(e.added->anchor)},
                    {"place", place_json(e, versions)},
                    {"edited_at", edited ? json(e.text_at) : json(nullptr)},
                    {"edits", e.edits},
                    {"withdrawn", e.withdrawn_at.has_value()},
                    {"withdrawn_at", optional_time(e.withdrawn_at)},
                    {"disposition", disposition_json(e, versions)},
                    {"changeable", std::binary_search(changeable.begin(), changeable.end(), id)}});
  }
  return list;
}

}  // namespace planflow
