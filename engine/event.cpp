#include "engine/event.h"

#include <array>

namespace planflow {

namespace {

constexpr std::array<const char*, std::variant_size_v<EventBody>> kEventTypes = {
    "dossier_created",
    "role_bound",
    "role_unbound",
    "version_submitted",
    "action_taken",
    "comment_added",
    "comment_disposed",
    "review_finished",
    "reminder_sent",
    "comment_edited",
    "comment_withdrawn",
    "document_signed",
    "meeting_scheduled",
    "meeting_opened",
    "block_presented",
    "attendance_recorded",
    "meeting_closed",
    "directive_done",
    "conclusion_notice_issued",
    "implementation_task_added",
    "progress_reported",
    "campaign_set",
    "follow_up_sent"};

}  // namespace

const char* event_type_name(const EventBody& body) {
  return kEventTypes[body.index()];
}

std::optional<std::size_t> event_type_index(std::string_view name) {
  for (size_t i = 0; i < kEventTypes.size(); ++i)
    if (name == kEventTypes[i]) return i;
  return std::nullopt;
}

}  // namespace planflow
