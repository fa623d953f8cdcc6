// Events: the facts a dossier's history is made of. decide() yields them,
// evolve() folds them into state, the store appends them. They are coarse
// (one per thing a person did) so the history reads as what happened; what
// follows from them under the definition (tasks, deadlines, reminders) is
// derived by evolve() from the definition version the dossier started with.
#pragma once

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "engine/command.h"
#include "engine/definition.h"

namespace planflow {

// An issued document as the register knows it: what a correction cites.
struct DocumentReference {
  std::uint64_t dossier = 0;
  std::string symbol;  // "2301/QĐ-UBND"
  Time issued_at = 0;
  friend bool operator==(const DocumentReference&, const DocumentReference&) = default;
};

struct DossierCreated {
  std::string definition_id;
  int definition_version = 0;
  std::string title;
  std::string document_type;
  UnitRef issuer;
  UnitRef drafting_unit;
  std::optional<DocumentReference> corrects;
  friend bool operator==(const DossierCreated&, const DossierCreated&) = default;
};

struct RoleBound {
  RoleId role = 0;
  Participant participant;
  friend bool operator==(const RoleBound&, const RoleBound&) = default;
};

struct RoleUnbound {
  RoleId role = 0;
  UserId user = 0;
  friend bool operator==(const RoleUnbound&, const RoleUnbound&) = default;
};

struct VersionSubmitted {
  std::uint32_t number = 0;  // v1, v2, ...
  std::string summary;
  SharedBlocks blocks;  // each with its id
  friend bool operator==(const VersionSubmitted&, const VersionSubmitted&) = default;
};

// An official number taken from the issuer's register.
struct IssuedNumber {
  std::uint32_t number = 0;
  int year = 0;
  std::string series;  // the register series, e.g. "QĐ", "CV"
  std::string symbol;  // "2301/QĐ-UBND"
  friend bool operator==(const IssuedNumber&, const IssuedNumber&) = default;
};

struct ActionTaken {
  StateId from = 0;
  std::uint16_t transition = 0;  // index in the from-state's transitions
  StateId to = 0;
  ActionInputs inputs;
  std::uint32_t timer_id = 0;          // non-zero: taken by the deadline of this timer
  std::optional<IssuedNumber> issued;  // the target state allocates a number
  friend bool operator==(const ActionTaken&, const ActionTaken&) = default;
};

struct CommentAdded {
  std::uint32_t comment_id = 0;  // 1, 2, ... per dossier
  std::uint32_t reply_to = 0;
  std::string text;
  UnitId unit = 0;  // the unit the author speaks for
  Anchor anchor;
  UserId on_behalf_of = 0;  // non-zero: the author, whose words the actor (a secretary) recorded
  friend bool operator==(const CommentAdded&, const CommentAdded&) = default;
};

struct CommentEdited {
  std::uint32_t comment_id = 0;
  std::string text;  // the whole new text
  friend bool operator==(const CommentEdited&, const CommentEdited&) = default;
};

struct CommentWithdrawn {
  std::uint32_t comment_id = 0;
  friend bool operator==(const CommentWithdrawn&, const CommentWithdrawn&) = default;
};

struct CommentDisposed {
  std::uint32_t comment_id = 0;
  Disposition disposition = Disposition::kNone;
  std::string explanation;
  // Blocks of the version then latest that take the comment in; absent
  // from events stored before dispositions named them.
  std::vector<std::uint32_t> absorbed_in = {};
  friend bool operator==(const CommentDisposed&, const CommentDisposed&) = default;
};

struct ReviewFinished {
  friend bool operator==(const ReviewFinished&, const ReviewFinished&) = default;
};  // the actor, an invitee, has no further comments

struct ReminderSent {
  std::uint32_t timer_id = 0;
  std::vector<UserId> recipients;
  friend bool operator==(const ReminderSent&, const ReminderSent&) = default;
};

// The issued document signed (the event's actor is the system, which holds
// the signer's key): what SignDocument carried, in lower-case hex.
struct DocumentSigned {
  UserId signer = 0;
  std::string algorithm;   // "Ed25519"
  std::string public_key;  // 32 bytes
  std::string digest;      // signed_content_digest(), 32 bytes
  std::string signature;   // 64 bytes
  friend bool operator==(const DocumentSigned&, const DocumentSigned&) = default;
};

// A consultation's meeting (engine/meeting.h). A schedule given while the
// meeting has not opened moves it; given after the last one closed (or in a
// later consultation round), it is the next meeting.
struct MeetingScheduled {
  Time starts_at = 0;
  std::string place;
  UserId chaired_by = 0;
  friend bool operator==(const MeetingScheduled&, const MeetingScheduled&) = default;
};

struct MeetingOpened {
  std::uint32_t block_id = 0;  // the block presented first: the latest version's first
  friend bool operator==(const MeetingOpened&, const MeetingOpened&) = default;
};

struct BlockPresented {
  std::uint32_t block_id = 0;
  friend bool operator==(const BlockPresented&, const BlockPresented&) = default;
};

struct AttendanceRecorded {
  UserId user = 0;
  UnitId unit = 0;  // the unit the person attends for
  bool present = true;
  friend bool operator==(const AttendanceRecorded&, const AttendanceRecorded&) = default;
};

struct MeetingClosed {
  std::string conclusion;
  friend bool operator==(const MeetingClosed&, const MeetingClosed&) = default;
};

// A directive of the latest conclusion marked done; marking it again
// replaces the pointer.
struct DirectiveDone {
  std::uint32_t directive = 0;
  std::vector<std::uint32_t> blocks;  // block ids of the latest version
  std::string note;
  friend bool operator==(const DirectiveDone&, const DirectiveDone&) = default;
};

// The conclusion of the step being worked on issued as a notice.
struct ConclusionNoticeIssued {
  IssuedNumber issued;
  std::string place;
  std::string authority;
  std::string signer;
  std::string recipients;
  friend bool operator==(const ConclusionNoticeIssued&, const ConclusionNoticeIssued&) = default;
};

// decide() has filled in the period: the campaign's, or from now when only
// a deadline was given.
struct ImplementationTaskAdded {
  std::uint32_t task_id = 0;
  ImplementationTaskSpec task;
  friend bool operator==(const ImplementationTaskAdded&, const ImplementationTaskAdded&) = default;
};

struct ProgressReported {
  ProgressReport report;
  friend bool operator==(const ProgressReported&, const ProgressReported&) = default;
};

struct CampaignSet {
  Time starts = 0;
  Time ends = 0;
  friend bool operator==(const CampaignSet&, const CampaignSet&) = default;
};

// A follow-up of an implementation task given by the timer service (actor
// 0): `scheduled_at` is its slot in the task's schedule (the latest that
// had fallen due when it fired, so a server that was down does not send
// stale reminders one after another). The lead unit's `recipients` each get
// an inbox task; an escalation goes to the definition's roles instead.
// `due_at` is when a requested report is due (0 for the other kinds).
struct FollowUpSent {
  std::uint32_t timer_id = 0;
  std::uint32_t task = 0;
  FollowUpKind kind = FollowUpKind::kReminder;
  Time scheduled_at = 0;
  Time due_at = 0;
  std::vector<UserId> recipients;
  friend bool operator==(const FollowUpSent&, const FollowUpSent&) = default;
};

using EventBody =
    std::variant<DossierCreated, RoleBound, RoleUnbound, VersionSubmitted, ActionTaken,
                 CommentAdded, CommentDisposed, ReviewFinished, ReminderSent, CommentEdited,
                 CommentWithdrawn, DocumentSigned, MeetingScheduled, MeetingOpened, BlockPresented,
                 AttendanceRecorded, MeetingClosed, DirectiveDone, ConclusionNoticeIssued,
                 ImplementationTaskAdded, ProgressReported, CampaignSet, FollowUpSent>;

struct Event {
  Time at = 0;
  UserId actor = 0;
  EventBody body;
  friend bool operator==(const Event&, const Event&) = default;
};

const char* event_type_name(const EventBody& body);
// The variant index of an event type name, e.g. "comment_added".
std::optional<std::size_t> event_type_index(std::string_view name);

}  // namespace planflow
