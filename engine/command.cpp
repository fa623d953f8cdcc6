#include "engine/command.h"

#include <array>
#include <variant>

namespace planflow {

namespace {

// In the order of the Command variant, so the index of one names it.
constexpr std::array<const char*, 22> kCommandTypeNames = {"create_dossier",
                                                           "bind_role",
                                                           "unbind_role",
                                                           "submit_version",
                                                           "add_comment",
                                                           "dispose_comment",
                                                           "no_further_comments",
                                                           "take_action",
                                                           "fire_timer",
                                                           "edit_comment",
                                                           "withdraw_comment",
                                                           "sign_document",
                                                           "schedule_meeting",
                                                           "open_meeting",
                                                           "present_block",
                                                           "record_attendance",
                                                           "close_meeting",
                                                           "mark_directive_done",
                                                           "issue_conclusion_notice",
                                                           "add_implementation_task",
                                                           "report_progress",
                                                           "set_campaign"};
static_assert(kCommandTypeNames.size() == std::variant_size_v<Command>);

constexpr std::array<const char*, 5> kDispositionNames = {"none", "accepted", "partly_accepted",
                                                          "not_accepted", "noted"};

}  // namespace

std::span<const char* const> command_type_names() {
  return kCommandTypeNames;
}

const char* command_type_name(const Command& c) {
  return kCommandTypeNames[c.index()];
}

const char* disposition_name(Disposition d) {
  return kDispositionNames[static_cast<size_t>(d)];
}

std::optional<Disposition> disposition_from_name(std::string_view name) {
  for (size_t i = 0; i < kDispositionNames.size(); ++i)
    if (name == kDispositionNames[i]) return static_cast<Disposition>(i);
  return std::nullopt;
}

}  // namespace planflow
