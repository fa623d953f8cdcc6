#include "engine/refusals.h"

#include <vector>

#include "engine/text.h"

namespace planflow {

std::string quoted(std::string_view name) {
  return std::string("“").append(name).append("”");
}

Error invalid(std::string field, std::string message, std::string message_vi) {
  return user_error(ErrorCode::kInvalidArgument, field + ": " + message, std::move(message_vi),
                    field);
}

Status history_corrupt(std::string message) {
  return make_error(ErrorCode::kInvalidState, "history does not follow: " + std::move(message));
}

const std::string& state_title_vi(const StateDef& st) {
  return st.title.vi.empty() ? st.id : st.title.vi;
}

const std::string& role_title_vi(const Definition& def, RoleId r) {
  const RoleDef& role = def.roles[r];
  return role.title.vi.empty() ? role.id : role.title.vi;
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

// Titles such as "Cơ quan theo dõi, đôn đốc" hold commas of their own, and
// then the items are set apart with semicolons, as in administrative writing.
std::string role_list_vi(const Definition& def, RoleMask mask) {
  std::vector<const std::string*> titles;
  bool commas = false;
  for (size_t r = 0; r < def.roles.size(); ++r) {
    if (!(mask & (1u << r))) continue;
    titles.push_back(&role_title_vi(def, static_cast<RoleId>(r)));
    commas = commas || titles.back()->find(',') != std::string::npos;
  }
  std::string out;
  for (size_t i = 0; i < titles.size(); ++i) {
    if (i > 0) out += i + 1 == titles.size() ? " hoặc " : (commas ? "; " : ", ");
    out += *titles[i];
  }
  return out;
}

const char* operation_vi(Operation op) {
  switch (op) {
    case Operation::kSubmitVersion:
      return "gửi phiên bản dự thảo mới";
    case Operation::kComment:
      return "góp ý";
    case Operation::kDisposeComment:
      return "tiếp thu, giải trình ý kiến góp ý";
    case Operation::kNoFurtherComments:
      return "xác nhận không còn ý kiến";
    case Operation::kManageTasks:
      return "giao, điều chỉnh nhiệm vụ triển khai";
    case Operation::kReportProgress:
      return "báo cáo tiến độ thực hiện";
  }
  return "thực hiện thao tác này";
}

std::optional<Error> check_text_field(const std::string& text, const std::string& field,
                                      std::string_view label_vi, std::size_t max, bool required) {
  if (required && is_blank(text))
    return invalid(field, "must not be empty",
                   "Trường " + quoted(label_vi) + " không được để trống");
  if (text.size() > max)
    return invalid(field,
                   "is " + std::to_string(text.size()) + " bytes, more than the " +
                       std::to_string(max) + " allowed",
                   "Trường " + quoted(label_vi) + " dài " + std::to_string(text.size()) +
                       " byte, vượt quá giới hạn " + std::to_string(max) + " byte cho phép");
  return std::nullopt;
}

std::optional<Error> require_operation(const DossierState& s, Operation op, UserId user) {
  const Definition& def = s.definition();
  const RoleMask allowed = s.current().allow[static_cast<size_t>(op)];
  if (!allowed)
    return user_error(
        ErrorCode::kNotAllowedInState,
        std::string(operation_name(op)) + " is not possible in step \"" + s.current().id + "\"",
        std::string("Không thể ") + operation_vi(op) + " ở bước " +
            quoted(state_title_vi(s.current())),
        operation_name(op));
  if (!(allowed & s.roles_of(user)))
    return user_error(ErrorCode::kForbiddenRole,
                      "only " + role_list(def, allowed) + " may " + operation_name(op) +
                          " in step \"" + s.current().id + "\"",
                      "Chỉ " + role_list_vi(def, allowed) + " được " + operation_vi(op) +
                          " ở bước " + quoted(state_title_vi(s.current())),
                      operation_name(op));
  return std::nullopt;
}

}  // namespace planflow
