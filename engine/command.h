// Commands: what a participant asks the engine to do to one dossier. They
// are requests, checked by decide() against the definition, the dossier's
// state and the actor's roles; only the events decide() yields are facts.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "engine/anchor.h"
#include "engine/directive.h"
#include "engine/document.h"
#include "engine/ids.h"
#include "engine/implementation_task.h"
#include "engine/time.h"

namespace planflow {

// A value given to an action's declared input.
struct InputValue {
  std::string name;
  std::variant<std::string, Time, std::vector<Participant>, Directives> value;
  friend bool operator==(const InputValue&, const InputValue&) = default;
};
using ActionInputs = std::vector<InputValue>;

struct RoleBinding {
  std::string role;
  Participant participant;
  friend bool operator==(const RoleBinding&, const RoleBinding&) = default;
};

struct CreateDossier {
  std::string title;
  std::string document_type;  // empty: the definition's first type
  UnitRef issuer;             // the body whose register numbers the document ("UBND")
  UnitRef drafting_unit;      // the unit that drafts it ("SNV", "NC")
  std::vector<RoleBinding> bindings;
  // Non-zero: the issued document (by its dossier) this one corrects. An
  // issued text never changes; a correction is a document of its own.
  std::uint64_t corrects = 0;
  friend bool operator==(const CreateDossier&, const CreateDossier&) = default;
};

struct BindRole {
  std::string role;
  Participant participant;
  friend bool operator==(const BindRole&, const BindRole&) = default;
};

struct UnbindRole {
  std::string role;
  UserId user = 0;
  friend bool operator==(const UnbindRole&, const UnbindRole&) = default;
};

// The blocks' ids are left 0: decide() gives them.
struct SubmitVersion {
  std::vector<Block> blocks;
  std::string summary;
  friend bool operator==(const SubmitVersion&, const SubmitVersion&) = default;
};

struct AddComment {
  std::string text;
  std::uint32_t reply_to = 0;  // 0: a new comment; otherwise the comment answered
  Anchor anchor;               // a reply's is its comment's: it gives none
  // Non-zero: a meeting's secretary records what this delegate said aloud;
  // the delegate is the comment's author, the secretary the one who acted.
  UserId on_behalf_of = 0;
  friend bool operator==(const AddComment&, const AddComment&) = default;
};

// The author's own changes to a comment, allowed while the step it was made
// in lasts and comments are still taken there; every earlier text stays in
// the history.
struct EditComment {
  std::uint32_t comment_id = 0;
  std::string text;
  friend bool operator==(const EditComment&, const EditComment&) = default;
};

struct WithdrawComment {
  std::uint32_t comment_id = 0;
  friend bool operator==(const WithdrawComment&, const WithdrawComment&) = default;
};

enum class Disposition : std::uint8_t { kNone, kAccepted, kPartlyAccepted, kNotAccepted, kNoted };
const char* disposition_name(Disposition d);
std::optional<Disposition> disposition_from_name(std::string_view name);

// `absorbed_in` names the blocks of the latest version where an accepted
// comment was taken in, so the disposition table can say where to look.
struct DisposeComment {
  std::uint32_t comment_id = 0;
  Disposition disposition = Disposition::kNone;
  std::string explanation;
  std::vector<std::uint32_t> absorbed_in = {};  // block ids, in the drafter's order
  friend bool operator==(const DisposeComment&, const DisposeComment&) = default;
};

struct NoFurtherComments {
  friend bool operator==(const NoFurtherComments&, const NoFurtherComments&) = default;
};

struct TakeAction {
  std::string action;
  ActionInputs inputs;
  friend bool operator==(const TakeAction&, const TakeAction&) = default;
};

// Sent by the timer service when a reminder or deadline falls due.
struct FireTimer {
  std::uint32_t timer_id = 0;
  friend bool operator==(const FireTimer&, const FireTimer&) = default;
};

// Sent by the server after issuance: the signer's Ed25519 signature over
// signed_content_digest() (signature_content.h), all in lower-case hex. The
// engine checks the digest is that of the issued document; the signature
// itself the server checks before it sends, and `planflow verify` after.
struct SignDocument {
  UserId signer = 0;
  std::string public_key;  // 32 bytes
  std::string digest;      // 32 bytes
  std::string signature;   // 64 bytes
  friend bool operator==(const SignDocument&, const SignDocument&) = default;
};

// A consultation's meeting (engine/meeting.h): scheduled, opened, the draft
// presented block by block, attendance taken, closed with its conclusion.
// Scheduling again before it opens moves it.
struct ScheduleMeeting {
  Time starts_at = 0;
  std::string place;
  UserId chaired_by = 0;
  friend bool operator==(const ScheduleMeeting&, const ScheduleMeeting&) = default;
};

struct OpenMeeting {
  friend bool operator==(const OpenMeeting&, const OpenMeeting&) = default;
};

struct PresentBlock {
  std::uint32_t block_id = 0;
  friend bool operator==(const PresentBlock&, const PresentBlock&) = default;
};

struct RecordAttendance {
  UserId user = 0;
  bool present = true;
  friend bool operator==(const RecordAttendance&, const RecordAttendance&) = default;
};

struct CloseMeeting {
  std::string conclusion;  // the chair's, may be empty
  friend bool operator==(const CloseMeeting&, const CloseMeeting&) = default;
};

// The drafting unit says a directive of the chair's conclusion is done in
// the revised draft, pointing at the blocks of the latest version that
// carry it out (none where the change was a removal) and saying how.
struct MarkDirectiveDone {
  std::uint32_t directive = 0;  // 1, 2, ... as the conclusion numbers them
  std::vector<std::uint32_t> blocks;
  std::string note;
  friend bool operator==(const MarkDirectiveDone&, const MarkDirectiveDone&) = default;
};

// The office issues the conclusion as a notice (Thông báo kết luận) with a
// number of its own from the register; the plan keeps its number to come.
struct IssueConclusionNotice {
  std::string place;       // "Hà Giang"
  std::string authority;   // "TL. CHỦ TỊCH / CHÁNH VĂN PHÒNG"
  std::string signer;      // the signer's name
  std::string recipients;  // Nơi nhận, one a line
  friend bool operator==(const IssueConclusionNotice&, const IssueConclusionNotice&) = default;
};

// An implementation task of the issued plan (engine/implementation_task.h).
struct AddImplementationTask {
  ImplementationTaskSpec task;
  friend bool operator==(const AddImplementationTask&, const AddImplementationTask&) = default;
};

// The lead unit reports a task's progress.
struct ReportProgress {
  ProgressReport report;
  friend bool operator==(const ReportProgress&, const ReportProgress&) = default;
};

// The plan is a campaign: every task runs from `starts` to `ends`
// ("from 25/01/2024 to 25/3/2024").
struct SetCampaign {
  Time starts = 0;
  Time ends = 0;
  friend bool operator==(const SetCampaign&, const SetCampaign&) = default;
};

using Command =
    std::variant<CreateDossier, BindRole, UnbindRole, SubmitVersion, AddComment, DisposeComment,
                 NoFurtherComments, TakeAction, FireTimer, EditComment, WithdrawComment,
                 SignDocument, ScheduleMeeting, OpenMeeting, PresentBlock, RecordAttendance,
                 CloseMeeting, MarkDirectiveDone, IssueConclusionNotice, AddImplementationTask,
                 ReportProgress, SetCampaign>;

// "create_dossier", "add_comment", ...: the `type` a command has in JSON.
const char* command_type_name(const Command& c);
// Every command type's name, in the order of the variant.
std::span<const char* const> command_type_names();

// Texts in commands are UTF-8: the edge that builds a command from outside
// input (JSON parsing in the api) guarantees it; decide() does not re-scan.
// Limits on text a command may carry, so hostile input cannot bloat a dossier.
inline constexpr std::size_t kMaxTitleBytes = 1000;
inline constexpr std::size_t kMaxCommentBytes = 20000;
inline constexpr std::size_t kMaxDraftBytes = 2000000;  // a version's texts and cells together
inline constexpr std::size_t kMaxInputTextBytes = 50000;
inline constexpr std::size_t kMaxParticipants = 500;
inline constexpr std::size_t kMaxAbsorbingBlocks = 100;

}  // namespace planflow
