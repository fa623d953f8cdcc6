#include "engine/store/log_store.h"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <deque>
#include <future>
#include <mutex>
#include <thread>
#include <unordered_map>

#include "engine/decide.h"
#include "engine/event_json.h"
#include "engine/store/event_bytes.h"
#include "engine/store/hash_chain.h"
#include "engine/store/log_head.h"
#include "engine/store/log_reader.h"
#include "engine/store/register_numbers.h"
#include "engine/store/schema.h"
#include "engine/store/views.h"

namespace planflow {

const char* store_error_code_name(StoreErrorCode code) {
  switch (code) {
    case StoreErrorCode::kRejected:
      return "rejected";
    case StoreErrorCode::kConflict:
      return "conflict";
    case StoreErrorCode::kNotFound:
      return "not_found";
    case StoreErrorCode::kInvalid:
      return "invalid";
    case StoreErrorCode::kFull:
      return "full";
    case StoreErrorCode::kUnavailable:
      return "unavailable";
  }
  return "unavailable";
}

Result<CommitResult, StoreError> Store::execute(CommandRequest request) {
  std::promise<Result<CommitResult, StoreError>> promise;
  auto future = promise.get_future();
  submit(std::move(request),
         [&promise](Result<CommitResult, StoreError> r) { promise.set_value(std::move(r)); });
  return future.get();
}

namespace {

constexpr std::size_t kMaxRequestIdBytes = 128;

StoreError error(StoreErrorCode code, std::string message, std::string message_vi) {
  return store_error(code, std::move(message), std::move(message_vi));
}

// For the log or the code failing a user can do nothing about but report.
std::string ask_operator_vi(std::string what) {
  return what + "; vui lòng liên hệ quản trị hệ thống";
}

struct CachedDossier {
  DossierState state;
  Hash last_hash{};
};

struct Pending {
  CommandRequest request;
  CommitCallback done;
  std::optional<Result<CommitResult, StoreError>> result;
};

// Folds a dossier's log, keeping its events in `events` when given;
// verifying the chain is verify's job, not the writer's.
Result<CachedDossier, StoreError> load_dossier(sql::Connection& db, const DefinitionSet& defs,
                                               DossierId id,
                                               std::vector<StoredEvent>* events = nullptr) {
  std::optional<CachedDossier> out;
  auto stop = read_dossier_log(
      db, defs, id,
      [&out, id, events](const Definition& def, LoggedEvent&& e) -> std::optional<StoreError> {
        if (!out) {
          out.emplace(CachedDossier{DossierState(def), {}});
          out->state.id = id;
        }
        if (Status s = evolve(out->state, e.stored.event); !s.ok())
          return error(StoreErrorCode::kUnavailable,
                       "dossier " + std::to_string(e.stored.dossier) + ", event " +
                           std::to_string(e.stored.dossier_seq) + ": " + s.error().message,
                       ask_operator_vi("Dữ liệu của hồ sơ số " + std::to_string(e.stored.dossier) +
                                       " bị lỗi, không đọc được"));
        std::copy_n(e.hash.begin(), std::min(e.hash.size(), out->last_hash.size()),
                    out->last_hash.begin());
        if (events) events->push_back(std::move(e.stored));
        return std::nullopt;
      });
  if (stop) return *stop;
  return std::move(*out);
}

class LogStore final : public Store {
 public:
  LogStore(const DefinitionSet& defs, StoreOptions options, sql::Connection writer,
           sql::Connection reader, LogSharing sharing)
      : defs_(defs),
        options_(options),
        shared_(sharing == LogSharing::kShared),
        db_(std::move(writer)),
        reader_(std::move(reader)) {
    sql::SqlError e;
    insert_event_ = db_.prepare(
        "INSERT INTO events (seq, dossier_id, dossier_seq, type, actor, at, payload, hash) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        &e);
    views_ = ViewWriter::prepare(db_, &e);
    reset_counters();
    thread_ = std::thread([this] { run(); });
  }
  ~LogStore() override { close(); }

  void submit(CommandRequest request, CommitCallback done) override {
    {
      std::lock_guard lock(mu_);
      if (!closing_) {
        queue_.push_back(Pending{std::move(request), std::move(done), std::nullopt});
        cv_.notify_one();
        return;
      }
    }
    done(error(StoreErrorCode::kUnavailable, "the store is closed",
               "Hệ thống lưu trữ đang dừng hoạt động; vui lòng thử lại sau"));
  }

  StoreStats stats() const override {
    StoreStats s{
        commands_.load(), batches_.load(), committed_.load(), batched_commands_.load(), {}};
    for (std::size_t i = 0; i < s.batch_sizes.size(); ++i)
      s.batch_sizes[i] = batch_sizes_[i].load();
    return s;
  }

  void close() override {
    {
      std::lock_guard lock(mu_);
      if (closing_) return;
      closing_ = true;
      cv_.notify_one();
    }
    if (thread_.joinable()) thread_.join();
  }

  Result<std::vector<StoredEvent>, StoreError> events_of(DossierId dossier) override {
    return read_events(
        "SELECT seq, dossier_id, dossier_seq, type, actor, at, payload FROM events "
        "WHERE dossier_id = ? ORDER BY dossier_seq",
        static_cast<std::int64_t>(dossier), -1);
  }

  Result<std::vector<StoredEvent>, StoreError> events_after(Sequence after,
                                                            std::size_t limit) override {
    return read_events(
        "SELECT seq, dossier_id, dossier_seq, type, actor, at, payload FROM events "
        "WHERE seq > ? ORDER BY seq LIMIT ?",
        static_cast<std::int64_t>(after), static_cast<std::int64_t>(limit));
  }

  Result<Sequence, StoreError> last_sequence() override {
    std::lock_guard lock(reader_mu_);
    sql::SqlError e;
    auto* stmt = reader_.cached("SELECT COALESCE(MAX(seq), 0) FROM events", &e);
    if (!stmt) return storage_error(e, "reading the log");
    const sql::ResetOnExit reset(stmt);
    if (stmt->step() != SQLITE_ROW)
      return storage_error(stmt->error("reading the log"), "reading the log");
    return static_cast<Sequence>(stmt->int64(0));
  }

  Result<DossierState, StoreError> state_of(DossierId dossier) override {
    std::lock_guard lock(reader_mu_);
    auto loaded = load_dossier(reader_, defs_, dossier);
    if (!loaded.ok()) return loaded.error();
    return std::move(loaded).value().state;
  }

  Result<DossierHistory, StoreError> history_of(DossierId dossier) override {
    std::lock_guard lock(reader_mu_);
    std::vector<StoredEvent> events;
    auto loaded = load_dossier(reader_, defs_, dossier, &events);
    if (!loaded.ok()) return loaded.error();
    return DossierHistory{std::move(loaded).value().state, std::move(events)};
  }

 private:
  Result<std::vector<StoredEvent>, StoreError> read_events(const char* query, std::int64_t a,
                                                           std::int64_t b) {
    std::lock_guard lock(reader_mu_);
    sql::SqlError e;
    auto* stmt = reader_.cached(query, &e);
    if (!stmt) return storage_error(e, "reading the log");
    const sql::ResetOnExit reset(stmt);
    stmt->bind(1, a);
    if (b >= 0) stmt->bind(2, b);
    std::vector<StoredEvent> out;
    int rc;
    while ((rc = stmt->step()) == SQLITE_ROW) {
      const DossierId dossier = static_cast<DossierId>(stmt->int64(1));
      const Definition* def = definition_for_reader(dossier);
      if (!def)
        return error(StoreErrorCode::kUnavailable,
                     "dossier " + std::to_string(dossier) + " has no loaded workflow",
                     ask_operator_vi("Quy trình của hồ sơ số " + std::to_string(dossier) +
                                     " chưa được nạp vào hệ thống"));
      auto body = event_data_from_json(*def, stmt->text(3),
                                       nlohmann::json::parse(stmt->text(6), nullptr, false));
      if (!body.ok())
        return error(StoreErrorCode::kUnavailable,
                     "stored event unreadable: " + body.error().message,
                     ask_operator_vi("Dữ liệu của hồ sơ số " + std::to_string(dossier) +
                                     " bị lỗi, không đọc được"));
      out.push_back(StoredEvent{
          dossier, static_cast<std::uint64_t>(stmt->int64(2)),
          static_cast<Sequence>(stmt->int64(0)),
          Event{stmt->int64(5), static_cast<UserId>(stmt->int64(4)), std::move(body).value()}});
    }
    if (rc != SQLITE_DONE) return storage_error(stmt->error("reading the log"), "reading the log");
    return out;
  }

  const Definition* definition_for_reader(DossierId dossier) {
    if (auto it = reader_definitions_.find(dossier); it != reader_definitions_.end())
      return it->second;
    sql::SqlError e;
    auto* stmt =
        reader_.cached("SELECT workflow_id, workflow_version FROM dossiers WHERE id = ?", &e);
    if (!stmt) return nullptr;
    const sql::ResetOnExit reset(stmt);
    stmt->bind(1, static_cast<std::int64_t>(dossier));
    if (stmt->step() != SQLITE_ROW) return nullptr;
    const Definition* def = defs_.find(stmt->text(0), static_cast<int>(stmt->int64(1)));
    if (def) reader_definitions_[dossier] = def;
    return def;
  }

  void reset_counters() {
    sql::SqlError e;
    auto seq = db_.prepare("SELECT COALESCE(MAX(seq), 0) FROM events", &e);
    next_seq_ = seq && seq->step() == SQLITE_ROW ? static_cast<Sequence>(seq->int64(0)) + 1 : 1;
    auto id = db_.prepare("SELECT COALESCE(MAX(id), 0) FROM dossiers", &e);
    next_dossier_ = id && id->step() == SQLITE_ROW ? static_cast<DossierId>(id->int64(0)) + 1 : 1;
  }

  void run() {
    for (;;) {
      std::vector<Pending> batch;
      {
        std::unique_lock lock(mu_);
        cv_.wait(lock, [this] { return closing_ || !queue_.empty(); });
        if (queue_.empty()) return;  // closing, and everything queued is done
        while (!queue_.empty() && batch.size() < options_.max_batch) {
          batch.push_back(std::move(queue_.front()));
          queue_.pop_front();
        }
      }
      commit_batch(batch);
      commands_ += batch.size();
      for (Pending& p : batch) {
        if (p.result->ok()) ++committed_;
        p.done(std::move(*p.result));
      }
    }
  }

  // Commits the batch in as few transactions as failures allow. Commands
  // take no savepoint of their own: one costs more than the command (SQLite
  // copies every page the command touches aside, and the search index
  // writes out its pending words at each one). So a command that fails
  // after it began writing takes the whole transaction down with it; it is
  // answered with its error, the commands before it are committed again
  // without it, and those after it go back to the front of the queue.
  void commit_batch(std::vector<Pending>& batch) {
    std::size_t count = batch.size();
    while (count > 0) {
      const std::optional<std::size_t> torn = try_commit(batch, count);
      if (!torn) return;
      requeue(batch, *torn + 1, count);
      count = *torn;
    }
  }

  // Puts batch[first, last) back at the front of the queue, in order, and
  // takes them out of the batch.
  void requeue(std::vector<Pending>& batch, std::size_t first, std::size_t last) {
    if (first == last) return;
    {
      std::lock_guard lock(mu_);
      for (std::size_t i = last; i-- > first;)
        queue_.push_front(std::move(batch[i]));
    }
    batch.erase(batch.begin() + static_cast<std::ptrdiff_t>(first),
                batch.begin() + static_cast<std::ptrdiff_t>(last));
  }

  // One transaction of batch[0, count). Returns the index of a command that
  // failed after writing, the transaction rolled back and every other
  // result of the range left unset; nullopt once every result is set.
  std::optional<std::size_t> try_commit(std::vector<Pending>& batch, std::size_t count) {
    std::optional<sql::SqlError> begun;
    if (auto s = db_.begin_write(); !s.ok())
      begun = s.error();
    else if (shared_)
      if (auto claimed = claim_log_head(); !claimed.ok()) {
        db_.rollback();
        begun = claimed.error();
      }
    if (begun) {
      const StoreError e = storage_error(*begun, "starting a transaction");
      for (std::size_t i = 0; i < count; ++i)
        batch[i].result = e;
      return std::nullopt;
    }
    touched_.clear();
    const Sequence seq_before = next_seq_;
    const DossierId dossier_before = next_dossier_;
    const auto roll_back = [&] {
      db_.rollback();
      // The states this transaction changed are read again from the log
      // when next needed: that is all undoing them takes.
      for (DossierId id : touched_)
        cache_.erase(id);
      touched_.clear();
      next_seq_ = seq_before;
      next_dossier_ = dossier_before;
    };
    for (std::size_t i = 0; i < count; ++i) {
      Applied applied = apply(batch[i].request);
      batch[i].result = std::move(applied.result);
      if (applied.torn) {
        roll_back();
        for (std::size_t j = 0; j < i; ++j)
          batch[j].result.reset();
        return i;
      }
    }
    sql::SqlStatus committed =
        shared_ && (next_seq_ != seq_before || next_dossier_ != dossier_before)
            ? advance_log_head(db_, next_seq_ - 1, next_dossier_ - 1)
            : sql::SqlStatus{};
    if (committed.ok()) committed = db_.commit();
    if (const auto& s = committed; !s.ok()) {
      roll_back();
      const StoreError e = storage_error(s.error(), "committing");
      for (std::size_t i = 0; i < count; ++i)
        if (batch[i].result->ok()) batch[i].result = e;
      return std::nullopt;
    }
    ++batches_;
    batched_commands_ += count;
    std::size_t bucket = 0;
    while (bucket + 1 < batch_sizes_.size() && (std::size_t{1} << bucket) < count)
      ++bucket;
    ++batch_sizes_[bucket];
    touched_.clear();
    return std::nullopt;
  }

  // Locks the log's head row (log_head.h) and forgets the cached dossiers
  // other nodes wrote to since this one last held it, to be read again
  // from the log.
  sql::SqlStatus claim_log_head() {
    auto head = lock_log_head(db_, next_seq_ - 1, !cache_.empty());
    if (!head.ok()) return head.error();
    if (head.value().others_wrote_too_much)
      cache_.clear();
    else
      for (DossierId id : head.value().written_by_others)
        cache_.erase(id);
    next_seq_ = head.value().last_seq + 1;
    next_dossier_ = head.value().last_dossier + 1;
    return {};
  }

  // The state a command decides against: the cache (which holds this
  // transaction's changes too), else the log.
  Result<CachedDossier*, StoreError> working_state(DossierId id) {
    if (auto it = cache_.find(id); it != cache_.end()) return &it->second;
    auto loaded = load_dossier(db_, defs_, id);
    if (!loaded.ok()) return loaded.error();
    auto [it, _] = cache_.insert_or_assign(id, std::move(loaded).value());
    return &it->second;
  }

  Result<CommitResult, StoreError> replay_answer(const std::string& request_id) {
    sql::SqlError e;
    auto* stmt = db_.cached(
        "SELECT dossier_id, first_seq, last_seq, version FROM commands WHERE request_id = ?", &e);
    if (!stmt) return storage_error(e, "looking up a request id");
    stmt->bind(1, request_id);
    if (stmt->step() != SQLITE_ROW) {
      stmt->reset();
      return store_error(StoreErrorCode::kNotFound, "");  // a new request: never shown
    }
    CommitResult r;
    r.dossier = static_cast<DossierId>(stmt->int64(0));
    r.version = static_cast<std::uint64_t>(stmt->int64(3));
    r.replayed = true;
    const auto first = stmt->int64(1), last = stmt->int64(2);
    stmt->reset();
    auto cached = working_state(r.dossier);
    if (!cached.ok()) return cached.error();
    auto* events = db_.cached(
        "SELECT seq, dossier_seq, type, actor, at, payload FROM events "
        "WHERE seq BETWEEN ? AND ? ORDER BY seq",
        &e);
    if (!events) return storage_error(e, "reading a request's events");
    const sql::ResetOnExit reset(events);
    events->bind(1, first).bind(2, last);
    while (events->step() == SQLITE_ROW) {
      auto body = event_data_from_json(cached.value()->state.definition(), events->text(2),
                                       nlohmann::json::parse(events->text(5), nullptr, false));
      if (!body.ok())
        return error(StoreErrorCode::kUnavailable, body.error().message,
                     ask_operator_vi("Dữ liệu của hồ sơ số " + std::to_string(r.dossier) +
                                     " bị lỗi, không đọc được"));
      r.events.push_back(StoredEvent{
          r.dossier, static_cast<std::uint64_t>(events->int64(1)),
          static_cast<Sequence>(events->int64(0)),
          Event{events->int64(4), static_cast<UserId>(events->int64(3)), std::move(body).value()}});
    }
    return r;
  }

  // A command's outcome in its transaction. `torn`: it failed after it
  // began writing, so the transaction holds part of it.
  struct Applied {
    Applied(Result<CommitResult, StoreError> r, bool t = false)  // NOLINT: implicit by design
        : result(std::move(r)), torn(t) {}
    Applied(StoreError e) : result(std::move(e)) {}    // NOLINT: implicit by design
    Applied(CommitResult r) : result(std::move(r)) {}  // NOLINT: implicit by design
    Result<CommitResult, StoreError> result;
    bool torn = false;
  };

  Applied apply(const CommandRequest& req) {
    if (req.request_id.empty() || req.request_id.size() > kMaxRequestIdBytes)
      return error(StoreErrorCode::kInvalid, "request_id: needs 1 to 128 bytes",
                   "Mã yêu cầu (request_id) phải dài từ 1 đến 128 byte");
    if (auto earlier = replay_answer(req.request_id);
        earlier.ok() || earlier.error().code != StoreErrorCode::kNotFound)
      return earlier;

    const bool creating = req.dossier == 0;
    if (creating != std::holds_alternative<CreateDossier>(req.command))
      return creating
                 ? error(StoreErrorCode::kInvalid, "dossier: name the dossier this command is for",
                         "Chưa chỉ rõ hồ sơ mà lệnh này áp dụng")
                 : error(StoreErrorCode::kInvalid, "dossier: a new dossier takes dossier 0",
                         "Lệnh tạo hồ sơ mới phải dùng số hồ sơ 0");
    std::optional<CachedDossier> fresh;
    CachedDossier* current = nullptr;
    DossierId id = req.dossier;
    if (creating) {
      const Definition* def = defs_.latest(req.workflow);
      if (!def)
        return error(StoreErrorCode::kNotFound,
                     "workflow: there is no workflow \"" + req.workflow + "\"",
                     "Không tìm thấy quy trình “" + req.workflow + "”");
      fresh.emplace(CachedDossier{DossierState(*def), kGenesisHash});
      current = &*fresh;
      id = next_dossier_;
      fresh->state.id = id;
    } else {
      auto found = working_state(id);
      if (!found.ok()) return found.error();
      current = found.value();
    }
    if (req.expected_version && *req.expected_version != current->state.version) {
      StoreError e = error(
          StoreErrorCode::kConflict,
          "dossier " + std::to_string(id) + " is at version " +
              std::to_string(current->state.version) +
              "; the command was decided against version " + std::to_string(*req.expected_version),
          "Hồ sơ số " + std::to_string(id) +
              " vừa được cập nhật (phiên bản hiện tại: " + std::to_string(current->state.version) +
              ", thao tác dựa trên phiên bản " + std::to_string(*req.expected_version) +
              "); vui lòng tải lại hồ sơ rồi thực hiện lại");
      e.current_version = current->state.version;
      return e;
    }

    std::vector<Event> events;
    RegisterNumbers numbers(db_);
    if (Status s = decide(current->state, req.command, req.actor, req.now, &events, &numbers);
        !s.ok()) {
      StoreError e = error(StoreErrorCode::kRejected, s.error().message, s.error().message_vi);
      e.engine = s.error();
      return e;
    }

    // Serialise first: a text that is not UTF-8 (from a caller that skipped
    // the edge's check) is refused here, before anything is written.
    const Definition& def = current->state.definition();
    std::vector<EventBytes> serialised;
    try {
      for (const Event& event : events)
        serialised.push_back(event_bytes(def, event));
    } catch (const nlohmann::json::exception&) {
      return error(StoreErrorCode::kInvalid, "a text of the command is not valid UTF-8",
                   "Một nội dung văn bản trong lệnh không phải là UTF-8 hợp lệ");
    }

    // The events are applied to the cached state itself, not to a copy of
    // it: a comment would otherwise copy every comment before it. Should
    // the transaction fail, roll_back() drops the state from the cache.
    // The views compare against what they mirrored before.
    if (!creating) {
      viewed_before_.take(current->state);
      touched_.push_back(id);
    }
    CachedDossier& next = *current;
    CommitResult result;
    result.dossier = id;
    // From here on a failure leaves part of the command in the transaction.
    auto fail = [](const sql::SqlError& e) {
      return Applied(storage_error(e, "appending events"), true);
    };
    Sequence seq = next_seq_;
    for (size_t i = 0; i < events.size(); ++i) {
      Event& event = events[i];
      if (Status s = evolve(next.state, event); !s.ok())
        return Applied(
            error(StoreErrorCode::kUnavailable,
                  "internal: decided event does not apply: " + s.error().message,
                  ask_operator_vi("Lỗi nội bộ của hệ thống, thao tác chưa được thực hiện")),
            true);
      const std::uint64_t dossier_seq = next.state.version;
      next.last_hash = chain_hash(next.last_hash, id, dossier_seq, serialised[i].canonical);
      auto r = insert_event_->bind(1, static_cast<std::int64_t>(seq))
                   .bind(2, static_cast<std::int64_t>(id))
                   .bind(3, static_cast<std::int64_t>(dossier_seq))
                   .bind(4, event_type_name(event.body))
                   .bind(5, event.actor)
                   .bind(6, event.at)
                   .bind(7, serialised[i].payload)
                   .bind_blob(8, next.last_hash.data(), next.last_hash.size())
                   .run();
      if (!r.ok()) return fail(r.error());
      StoredEvent stored{id, dossier_seq, seq, std::move(event)};
      if (auto v = views_->on_event(stored, next.state); !v.ok()) return fail(v.error());
      result.events.push_back(std::move(stored));
      ++seq;
    }
    if (auto r = views_->write_state(id, creating ? nullptr : &viewed_before_, next.state, req.now,
                                     seq - 1);
        !r.ok())
      return fail(r.error());
    sql::SqlError e;
    auto* record = db_.cached(
        "INSERT INTO commands (request_id, dossier_id, first_seq, last_seq, version) VALUES (?, ?, "
        "?, ?, ?)",
        &e);
    if (!record) return fail(e);
    record->bind(1, req.request_id)
        .bind(2, static_cast<std::int64_t>(id))
        .bind(3, static_cast<std::int64_t>(next_seq_))
        .bind(4, static_cast<std::int64_t>(seq - 1))
        .bind(5, static_cast<std::int64_t>(next.state.version));
    if (auto r = record->run(); !r.ok()) return fail(r.error());

    next_seq_ = seq;
    if (creating) ++next_dossier_;
    result.version = next.state.version;
    for (const Binding& b : next.state.bindings)
      if (std::find(result.participants.begin(), result.participants.end(), b.participant.user) ==
          result.participants.end())
        result.participants.push_back(b.participant.user);
    if (creating) {
      cache_.insert_or_assign(id, std::move(*fresh));
      touched_.push_back(id);
    }
    return result;
  }

  const DefinitionSet& defs_;
  StoreOptions options_;
  const bool shared_;   // LogSharing::kShared
  sql::Connection db_;  // the writer thread's alone
  std::optional<sql::Statement> insert_event_;
  std::optional<ViewWriter> views_;
  std::mutex reader_mu_;
  sql::Connection reader_;
  std::unordered_map<DossierId, const Definition*> reader_definitions_;

  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Pending> queue_;
  bool closing_ = false;
  std::thread thread_;

  // Every state as committed, and as this transaction changed it so far.
  std::unordered_map<DossierId, CachedDossier> cache_;
  std::vector<DossierId> touched_;  // changed by this transaction, to drop if it fails
  ViewedState viewed_before_;       // the command's dossier, before its events
  Sequence next_seq_ = 1;
  DossierId next_dossier_ = 1;
  std::atomic<std::uint64_t> commands_{0}, batches_{0}, committed_{0}, batched_commands_{0};
  std::array<std::atomic<std::uint64_t>, std::tuple_size_v<decltype(StoreStats::batch_sizes)>>
      batch_sizes_{};
};

}  // namespace

std::unique_ptr<Store> make_log_store(const DefinitionSet& definitions, StoreOptions options,
                                      sql::Connection writer, sql::Connection reader,
                                      LogSharing sharing) {
  return std::make_unique<LogStore>(definitions, options, std::move(writer), std::move(reader),
                                    sharing);
}

}  // namespace planflow
