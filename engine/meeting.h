// A consultation's meeting: the chair opens it, the draft is presented
// block by block, a secretary takes attendance and records what delegates
// say aloud, and the chair closes it with a conclusion. Its minutes are
// built from these events (api/server/meeting_view).
//
// The meeting belongs to the consultation round it was scheduled in. Who
// does what comes from the definition's roles: the one chairing plays
// kChairRole, the secretary kSecretaryRole, and delegates the consultation's
// consultee role; a definition without a secretary role has meetings whose
// chair does the secretary's work but cannot speak for delegates.
#pragma once

#include <string_view>
#include <vector>

#include "engine/command.h"
#include "engine/dossier_state.h"
#include "engine/event.h"
#include "engine/result.h"

namespace planflow {

inline constexpr std::string_view kChairRole = "chair";
inline constexpr std::string_view kSecretaryRole = "secretary";
inline constexpr std::size_t kMaxPlaceBytes = 1000;

// decide() for the meeting's commands; nothing is appended on refusal.
Status decide_meeting(const DossierState& s, const ScheduleMeeting& c, const Actor& actor, Time now,
                      std::vector<Event>* out);
Status decide_meeting(const DossierState& s, const OpenMeeting& c, const Actor& actor, Time now,
                      std::vector<Event>* out);
Status decide_meeting(const DossierState& s, const PresentBlock& c, const Actor& actor, Time now,
                      std::vector<Event>* out);
Status decide_meeting(const DossierState& s, const RecordAttendance& c, const Actor& actor,
                      Time now, std::vector<Event>* out);
Status decide_meeting(const DossierState& s, const CloseMeeting& c, const Actor& actor, Time now,
                      std::vector<Event>* out);

// For AddComment.on_behalf_of: the unit `delegate` speaks for when the
// actor, a secretary of the open meeting, records their remark; or why the
// actor may not.
Result<UnitId> remark_unit(const DossierState& s, const Actor& actor, UserId delegate);

// evolve() for the meeting's events.
Status evolve_meeting(DossierState& s, const Event& e, const MeetingScheduled& m);
Status evolve_meeting(DossierState& s, const Event& e, const MeetingOpened& m);
Status evolve_meeting(DossierState& s, const Event& e, const BlockPresented& m);
Status evolve_meeting(DossierState& s, const Event& e, const AttendanceRecorded& m);
Status evolve_meeting(DossierState& s, const Event& e, const MeetingClosed& m);

// Whether the latest meeting is scheduled or open in the consultation the
// dossier is in now; one of an earlier round, or left open when its
// consultation ended, is not (it can still be closed).
bool meeting_current(const DossierState& s);

// What `user` may do to the meeting now: exactly what decide() would not
// refuse them for want of a role or for the meeting's status, so the app
// offers those controls and no others.
struct MeetingRights {
  bool schedule = false;
  bool open = false;
  bool present = false;
  bool attendance = false;
  bool record_remarks = false;
  bool close = false;
};
MeetingRights meeting_rights(const DossierState& s, UserId user);

}  // namespace planflow
