// The durable store: every dossier's history as an append-only, hash-chained
// event log, with read views kept in the same transaction. The engine's pure
// core decides; the store runs decide() and evolve() inside its single
// writer, so the dossier version a command was decided against, the official
// number it takes and the events it appends are one atomic, durable fact.
//
// A command is acknowledged (its callback runs with a result) only after the
// transaction holding its events has committed with synchronous=FULL.
// Commands waiting for the writer commit together (group commit), so
// throughput rises with load without any acknowledgement being early.
//
// This interface is what a PostgreSQL backend implements too.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/command.h"
#include "engine/definition_set.h"
#include "engine/dossier_state.h"
#include "engine/event.h"
#include "engine/result.h"

namespace planflow {

using DossierId = std::uint64_t;
using Sequence = std::uint64_t;  // global event order, from 1, no gaps

enum class StoreErrorCode {
  kRejected,     // the engine refused the command; `engine` holds why
  kConflict,     // decided against a stale version; `current_version` says the latest
  kNotFound,     // no such dossier or workflow
  kInvalid,      // a malformed request (no request id, creation without a workflow, ...)
  kFull,         // the disk or the database size limit is full; nothing was written
  kUnavailable,  // the database cannot be written (read-only, locked, I/O error, closed)
};
const char* store_error_code_name(StoreErrorCode code);

struct StoreError {
  StoreErrorCode code = StoreErrorCode::kUnavailable;
  std::string message;          // English, for operators' logs and English-speaking users
  std::string message_vi;       // the same in Vietnamese; for kRejected see `engine`
  std::optional<Error> engine;  // kRejected
  std::optional<std::uint64_t> current_version;  // kConflict
};

struct CommandRequest {
  // Chosen by the client, unique per command. A retry with the same id gets
  // the answer of the first attempt and writes nothing new.
  std::string request_id;
  DossierId dossier = 0;  // 0 with a CreateDossier command: a new dossier
  std::string workflow;   // for a new dossier: the workflow id (its latest version)
  // The dossier version the client saw; absent means "whatever is current".
  std::optional<std::uint64_t> expected_version;
  Command command;
  Actor actor;
  Time now = 0;
};

struct StoredEvent {
  DossierId dossier = 0;
  std::uint64_t dossier_seq = 0;  // 1, 2, ... per dossier
  Sequence seq = 0;               // global
  Event event;
};

// A dossier's state and the events it was folded from, read together so
// the one always matches the other.
struct DossierHistory {
  DossierState state;
  std::vector<StoredEvent> events;
};

struct CommitResult {
  DossierId dossier = 0;
  std::uint64_t version = 0;  // the dossier's version after the command
  std::vector<StoredEvent> events;
  bool replayed = false;  // a retry of an already committed request
  // Everyone taking part in the dossier after the command, each once: whose
  // inbox the command may have changed.
  std::vector<UserId> participants;
};

using CommitCallback = std::function<void(Result<CommitResult, StoreError>)>;

struct StoreOptions {
  std::size_t max_batch = 256;  // commands committed in one transaction at most
  int busy_timeout_ms = 5000;   // how long to wait for a lock another process holds
  // A size limit in database pages (SQLite's max_page_count); 0 leaves it
  // unset. Writes past it fail as "full" exactly as on a full disk.
  std::int64_t max_page_count = 0;
};

struct StoreStats {
  std::uint64_t commands = 0;   // answered, whatever the outcome
  std::uint64_t batches = 0;    // transactions committed (group commits)
  std::uint64_t committed = 0;  // commands whose events committed
  // Commands in committed transactions (refused ones included: they were
  // decided inside it), and how they were grouped: batch_sizes[i] counts
  // transactions of more than 2^(i-1) and at most 2^i commands; the last
  // bucket counts every larger one.
  std::uint64_t batched_commands = 0;
  std::array<std::uint64_t, 10> batch_sizes{};
};

class Store {
 public:
  virtual ~Store() = default;

  // Queues a command; `done` runs on the writer thread after commit (or
  // refusal). It must be quick: hand the result to the caller's own executor.
  virtual void submit(CommandRequest request, CommitCallback done) = 0;
  // Submits and waits.
  Result<CommitResult, StoreError> execute(CommandRequest request);

  // Reads (on their own connection; safe from any thread).
  virtual Result<std::vector<StoredEvent>, StoreError> events_of(DossierId dossier) = 0;
  virtual Result<std::vector<StoredEvent>, StoreError> events_after(Sequence after,
                                                                    std::size_t limit) = 0;
  virtual Result<Sequence, StoreError> last_sequence() = 0;
  // The current state of a dossier, folded from the log (or from the writer's cache).
  virtual Result<DossierState, StoreError> state_of(DossierId dossier) = 0;
  // Both at once, from one read of the log: what a dossier's screen needs.
  virtual Result<DossierHistory, StoreError> history_of(DossierId dossier) = 0;

  virtual StoreStats stats() const = 0;

  // Waits for queued commands, then stops the writer. Later submits fail.
  virtual void close() = 0;
};

}  // namespace planflow
