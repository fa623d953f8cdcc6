// What decisions about a consultation's meeting need to know of it. The
// schedule, attendance and remarks stay in the events, from which the
// dossier reply builds the meeting and its minutes (api/server/meeting_view).
#pragma once

#include <cstdint>

#include "engine/ids.h"

namespace planflow {

enum class MeetingStatus : std::uint8_t { kNone, kScheduled, kOpen, kClosed };

struct MeetingState {
  std::uint32_t number = 0;  // meetings scheduled in the dossier so far; this is the latest
  std::uint32_t round = 0;   // the consultation round it was scheduled in
  MeetingStatus status = MeetingStatus::kNone;
  UserId chair = 0;
  std::uint32_t presented_block = 0;
  friend bool operator==(const MeetingState&, const MeetingState&) = default;
};

}  // namespace planflow
