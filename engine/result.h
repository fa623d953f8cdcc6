// The engine's error and result types. Nothing in the engine throws across
// its public interface: every operation that can fail returns a Status or a
// Result<T>, so callers (the api, the store, the CLI) decide what a failure
// means for their user.
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace planflow {

// Stable, machine-readable reasons a command is refused. The api maps them to
// protocol error codes and localised messages; tests assert on them.
enum class ErrorCode {
  kUnknownAction,      // the definition has no such action anywhere
  kNotAllowedInState,  // the action or operation exists, but not in the current state
  kForbiddenRole,      // the actor plays none of the roles allowed to do this
  kGuardFailed,        // a guard of the transition does not hold; detail names it
  kInvalidArgument,    // a command field is missing or wrong; detail names it
  kNotFound,           // a referenced comment, task, timer or participant does not exist
  kInvalidState,       // the dossier cannot take this at all (frozen, not created, ...)
};

const char* error_code_name(ErrorCode code);

struct Error {
  ErrorCode code;
  std::string message;  // plain English, for logs, developers and English-speaking users
  std::string detail;   // the guard name, the field name or the id involved
  // The same sentence in Vietnamese, for the people who use planflow. Every
  // error a command can meet has one; errors only operators see (a malformed
  // workflow definition) are English only and leave it empty.
  std::string message_vi;

  // The message in Vietnamese (`vietnamese`) or English, falling back to
  // English where no Vietnamese exists.
  const std::string& text(bool vietnamese) const {
    return vietnamese && !message_vi.empty() ? message_vi : message;
  }
};

// Success or an Error, for operations whose output goes elsewhere.
class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(Error error) : error_(std::move(error)), ok_(false) {}  // NOLINT: implicit by design

  bool ok() const { return ok_; }
  const Error& error() const { return error_; }

 private:
  Error error_{ErrorCode::kInvalidState, {}, {}, {}};
  bool ok_ = true;
};

// A value or an error of type E.
template <class T, class E = Error>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}  // NOLINT: implicit by design
  Result(E error) : v_(std::move(error)) {}  // NOLINT: implicit by design

  bool ok() const { return v_.index() == 0; }
  const T& value() const& { return std::get<0>(v_); }
  T& value() & { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  const E& error() const { return std::get<1>(v_); }

 private:
  std::variant<T, E> v_;
};

inline Error make_error(ErrorCode code, std::string message, std::string detail = {}) {
  return Error{code, std::move(message), std::move(detail), {}};
}

// An error a user meets, in both languages.
inline Error user_error(ErrorCode code, std::string english, std::string vietnamese,
                        std::string detail = {}) {
  return Error{code, std::move(english), std::move(detail), std::move(vietnamese)};
}

}  // namespace planflow
