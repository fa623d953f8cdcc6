#include "engine/result.h"

namespace planflow {

const char* error_code_name(ErrorCode code) {
  switch (code) {
    case ErrorCode::kUnknownAction:
      return "unknown_action";
    case ErrorCode::kNotAllowedInState:
      return "not_allowed_in_state";
    case ErrorCode::kForbiddenRole:
      return "forbidden_role";
    case ErrorCode::kGuardFailed:
      return "guard_failed";
    case ErrorCode::kInvalidArgument:
      return "invalid_argument";
    case ErrorCode::kNotFound:
      return "not_found";
    case ErrorCode::kInvalidState:
      return "invalid_state";
  }
  return "unknown";
}

}  // namespace planflow
