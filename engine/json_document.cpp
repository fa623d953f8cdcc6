#include "engine/json_document.h"

#include <optional>

namespace planflow {

using nlohmann::ordered_json;

std::string json_pointer_append(std::string_view pointer, std::string_view token) {
  std::string out(pointer);
  out += '/';
  for (char c : token) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out += c;
    }
  }
  return out;
}

std::string json_pointer_append(std::string_view pointer, size_t index) {
  return std::string(pointer) + "/" + std::to_string(index);
}

namespace {

struct Frame {
  ordered_json value;
  std::string pointer;
  std::string pending_key;  // objects: the key whose value comes next
  bool pending_duplicate = false;
};

// Builds the document through nlohmann's SAX interface, because only there
// can a repeated key be seen before it overwrites the first.
class StrictBuilder {
 public:
  explicit StrictBuilder(int max_depth) : max_depth_(max_depth) {}

  bool null() { return add(ordered_json(nullptr)); }
  bool boolean(bool v) { return add(ordered_json(v)); }
  bool number_integer(ordered_json::number_integer_t v) { return add(ordered_json(v)); }
  bool number_unsigned(ordered_json::number_unsigned_t v) { return add(ordered_json(v)); }
  bool number_float(ordered_json::number_float_t v, const std::string&) {
    return add(ordered_json(v));
  }
  bool string(std::string& v) { return add(ordered_json(std::move(v))); }
  bool binary(ordered_json::binary_t& v) { return add(ordered_json::binary(std::move(v))); }

  bool start_object(std::size_t) { return open(ordered_json::object()); }
  bool start_array(std::size_t) { return open(ordered_json::array()); }
  bool end_object() { return close(); }
  bool end_array() { return close(); }

  bool key(std::string& k) {
    Frame& f = stack_.back();
    f.pending_duplicate = f.value.contains(k);
    if (f.pending_duplicate) {
      problems_.push_back({json_pointer_append(f.pointer, k),
                           "duplicate key \"" + k + "\"; each key may appear only once"});
    }
    f.pending_key = std::move(k);
    return true;
  }

  bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception& e) {
    error_position_ = position;
    error_what_ = e.what();
    return false;
  }

  ordered_json take_root() { return std::move(root_); }
  std::vector<JsonProblem> take_problems() { return std::move(problems_); }
  bool too_deep() const { return too_deep_; }
  const std::string& too_deep_pointer() const { return too_deep_pointer_; }
  std::optional<size_t> error_position() const { return error_position_; }
  const std::string& error_what() const { return error_what_; }

 private:
  std::string child_pointer() const {
    if (stack_.empty()) return "";
    const Frame& f = stack_.back();
    if (f.value.is_array()) return json_pointer_append(f.pointer, f.value.size());
    return json_pointer_append(f.pointer, f.pending_key);
  }

  bool open(ordered_json container) {
    if (static_cast<int>(stack_.size()) >= max_depth_) {
      too_deep_ = true;
      too_deep_pointer_ = child_pointer();
      return false;
    }
    Frame f;
    f.pointer = child_pointer();
    f.value = std::move(container);
    stack_.push_back(std::move(f));
    return true;
  }

  bool close() {
    Frame f = std::move(stack_.back());
    stack_.pop_back();
    return add(std::move(f.value));
  }

  bool add(ordered_json v) {
    if (stack_.empty()) {
      root_ = std::move(v);
      return true;
    }
    Frame& f = stack_.back();
    if (f.value.is_array()) {
      f.value.push_back(std::move(v));
    } else if (!f.pending_duplicate) {
      f.value[f.pending_key] = std::move(v);
    }
    return true;
  }

  int max_depth_;
  std::vector<Frame> stack_;
  ordered_json root_;
  std::vector<JsonProblem> problems_;
  bool too_deep_ = false;
  std::string too_deep_pointer_;
  std::optional<size_t> error_position_;
  std::string error_what_;
};

// Line and column, both from 1, of a byte offset; columns count UTF-8
// characters so they match what an editor shows.
std::pair<size_t, size_t> line_and_column(std::string_view text, size_t offset) {
  size_t line = 1, column = 1;
  const size_t end = offset < text.size() ? offset : text.size();
  for (size_t i = 0; i < end; ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '\n') {
      ++line;
      column = 1;
    } else if ((c & 0xC0) != 0x80) {
      ++column;
    }
  }
  return {line, column};
}

// nlohmann's messages start with "[json.exception...] parse error at line L,
// column C: "; the part after that says what was expected.
std::string parser_reason(const std::string& what) {
  const size_t column = what.find("column ");
  if (column == std::string::npos) return what;
  const size_t colon = what.find(": ", column);
  if (colon == std::string::npos) return what;
  return what.substr(colon + 2);
}

}  // namespace

Result<JsonDocument, JsonProblem> parse_json_document(std::string_view text, int max_depth) {
  StrictBuilder builder(max_depth);
  const bool ok = ordered_json::sax_parse(text.begin(), text.end(), &builder,
                                          nlohmann::detail::input_format_t::json, true, false);
  if (builder.too_deep()) {
    return JsonProblem{builder.too_deep_pointer(),
                       "JSON nested deeper than " + std::to_string(max_depth) + " levels"};
  }
  if (!ok) {
    // The parser reports the offset one past the offending character.
    const size_t pos = builder.error_position().value_or(text.size());
    const auto [line, column] = line_and_column(text, pos > 0 ? pos - 1 : 0);
    return JsonProblem{"", "malformed JSON at line " + std::to_string(line) + ", column " +
                               std::to_string(column) + ": " + parser_reason(builder.error_what())};
  }
  JsonDocument doc;
  doc.value = builder.take_root();
  doc.problems = builder.take_problems();
  return doc;
}

}  // namespace planflow
