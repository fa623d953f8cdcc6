#include "engine/store/event_bytes.h"

#include <charconv>

#include "engine/event_json.h"

namespace planflow {

namespace {

template <class Integer>
void append_number(std::string& out, Integer n) {
  char digits[24];
  const auto end = std::to_chars(digits, digits + sizeof digits, n).ptr;
  out.append(digits, end);
}

}  // namespace

EventBytes event_bytes(const Definition& def, const Event& event) {
  EventBytes out;
  out.payload = event_data_to_json(def, event.body)
                    .dump(-1, ' ', false, nlohmann::json::error_handler_t::strict);
  // canonical_event_bytes() dumps {"type", "at", "actor", "data"} with its
  // keys sorted; the data is the payload above, the type a plain
  // identifier, the rest integers. Writing the same text around the
  // payload saves building and dumping the event's JSON a second time.
  const std::string_view type = event_type_name(event.body);
  out.canonical.reserve(out.payload.size() + type.size() + 48);
  out.canonical += "{\"actor\":";
  append_number(out.canonical, event.actor);
  out.canonical += ",\"at\":";
  append_number(out.canonical, event.at);
  out.canonical += ",\"data\":";
  out.canonical += out.payload;
  out.canonical += ",\"type\":\"";
  out.canonical += type;
  out.canonical += "\"}";
  return out;
}

}  // namespace planflow
