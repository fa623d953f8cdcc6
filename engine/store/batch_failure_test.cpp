// A command that fails after it began writing — a view's row refused, the
// disk full — takes no savepoint of its own, so it takes its group commit's
// transaction down: it must leave nothing behind, in the database or in the
// writer's cached states, and the commands grouped with it must commit as
// if it had never been sent.
#include <algorithm>
#include <catch2/catch.hpp>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "engine/store/maintenance.h"
#include "engine/store/sql.h"
#include "engine/store/store_test_support.h"

using namespace planflow;
using namespace planflow::testing;

namespace {

constexpr Time kStart = kMeetingDay;

// The comments view refuses a comment with this text: the command's event
// is already in the transaction when its view row fails.
const std::string kRefusedText = "Ý kiến bị từ chối khi ghi";

void refuse_marked_comments(const std::string& path) {
  auto db = raw(path);
  REQUIRE(db.exec("CREATE TRIGGER refuse_marked_comment BEFORE INSERT ON comments "
                  "WHEN NEW.text = '" +
                  kRefusedText + "' BEGIN SELECT RAISE(ABORT, 'injected failure'); END")
              .ok());
}

void accept_all_comments(const std::string& path) {
  auto db = raw(path);
  REQUIRE(db.exec("DROP TRIGGER refuse_marked_comment").ok());
}

// Submits every request while another connection holds the write lock, so
// the writer finds them all queued when the lock goes, and waits for every
// answer. Answers come back in the order of the requests.
std::vector<Result<CommitResult, StoreError>> submit_together(
    Store& store, const std::string& path, std::vector<CommandRequest> requests) {
  std::mutex mu;
  std::condition_variable cv;
  std::vector<std::optional<Result<CommitResult, StoreError>>> answers(requests.size());
  std::size_t answered = 0;
  {
    auto lock = raw(path);
    REQUIRE(lock.exec("BEGIN IMMEDIATE").ok());
    for (std::size_t i = 0; i < requests.size(); ++i)
      store.submit(std::move(requests[i]), [&, i](Result<CommitResult, StoreError> r) {
        std::lock_guard guard(mu);
        answers[i] = std::move(r);
        ++answered;
        cv.notify_all();
      });
    // Long enough for the writer to be waiting on the lock; far below its
    // busy timeout.
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    REQUIRE(lock.exec("ROLLBACK").ok());
  }
  std::unique_lock guard(mu);
  cv.wait(guard, [&] { return answered == answers.size(); });
  std::vector<Result<CommitResult, StoreError>> out;
  for (auto& a : answers)
    out.push_back(std::move(*a));
  return out;
}

std::uint32_t comment_id_of(const CommitResult& r) {
  REQUIRE(r.events.size() == 1);
  return std::get<CommentAdded>(r.events.front().event.body).comment_id;
}

}  // namespace

TEST_CASE_METHOD(
    StoreFixture,
    "a command that fails while writing leaves nothing, and its batch commits without it",
    "[store][batch]") {
  const std::string path = db.location();
  const DossierId first = open_plan(*store, req);
  const DossierId second = open_plan(*store, req);
  const Sequence last_before = store->last_sequence().value();
  refuse_marked_comments(path);

  // Before, after and beside the failing command, on its dossier and another;
  // and a new dossier, whose id must not be lost either.
  auto answers = submit_together(
      *store, path,
      {req.make(first, kDelegateA, AddComment{"Ý kiến thứ nhất", 0, {}}, kStart),
       req.make(second, kDelegateA, AddComment{"Ý kiến về hồ sơ khác", 0, {}}, kStart),
       req.make(first, kDelegateB, AddComment{kRefusedText, 0, {}}, kStart),
       req.make(first, kDelegateC, AddComment{"Ý kiến thứ hai", 0, {}}, kStart),
       req.make(0, kDrafter, plan_dossier(), kStart)});
  REQUIRE(answers.size() == 5);
  REQUIRE_FALSE(answers[2].ok());
  CHECK(answers[2].error().code == StoreErrorCode::kUnavailable);
  CHECK(answers[2].error().message.find("injected failure") != std::string::npos);
  for (std::size_t i : {0, 1, 3, 4}) {
    INFO("request " << i);
    REQUIRE(answers[i].ok());
  }
  // The failed comment took no id, no version and no sequence number.
  CHECK(comment_id_of(answers[0].value()) == 1);
  CHECK(comment_id_of(answers[3].value()) == 2);
  CHECK(comment_id_of(answers[1].value()) == 1);
  CHECK(answers[3].value().version == answers[0].value().version + 1);
  CHECK(answers[4].value().dossier == second + 1);
  std::vector<Sequence> seqs;
  for (std::size_t i : {0, 1, 3, 4})
    for (const StoredEvent& e : answers[i].value().events)
      seqs.push_back(e.seq);
  std::sort(seqs.begin(), seqs.end());
  for (std::size_t i = 0; i < seqs.size(); ++i)
    CHECK(seqs[i] == last_before + 1 + i);

  // The writer decides on from the states as committed: the next comment
  // follows the last one, and the log agrees.
  const CommitResult next =
      must_commit(*store, req.make(first, kDelegateB, AddComment{"Ý kiến thứ ba", 0, {}}, kStart));
  CHECK(comment_id_of(next) == 3);
  const DossierState logged = store->state_of(first).value();
  CHECK(logged.comments.size() == 3);
  CHECK(next.version == logged.version);
  CHECK(next.events.front().seq == seqs.back() + 1);
  store->close();
  accept_all_comments(path);
  const VerifyReport report = verify_database(path, defs).value();
  INFO(report.problem);
  CHECK(report.ok);
}

TEST_CASE_METHOD(StoreFixture,
                 "failing commands first and last in a batch are answered, the others commit",
                 "[store][batch]") {
  const std::string path = db.location();
  const DossierId id = open_plan(*store, req);
  refuse_marked_comments(path);
  std::vector<CommandRequest> requests = {
      req.make(id, kDelegateA, AddComment{kRefusedText, 0, {}}, kStart),
      req.make(id, kDelegateB, AddComment{kRefusedText, 0, {}}, kStart),
      req.make(id, kDelegateC, AddComment{"Ý kiến được ghi", 0, {}}, kStart),
      req.make(id, kDelegateA, AddComment{kRefusedText, 0, {}}, kStart)};
  CommandRequest retried = requests.front();
  auto answers = submit_together(*store, path, std::move(requests));
  CHECK_FALSE(answers[0].ok());
  CHECK_FALSE(answers[1].ok());
  REQUIRE(answers[2].ok());
  CHECK(comment_id_of(answers[2].value()) == 1);
  CHECK_FALSE(answers[3].ok());
  // A retry of a failed request is new: nothing of it was kept.
  accept_all_comments(path);
  const CommitResult again = must_commit(*store, retried);
  CHECK_FALSE(again.replayed);
  CHECK(comment_id_of(again) == 2);
  CHECK(store->state_of(id).value().comments.size() == 2);
  store->close();
  CHECK(verify_database(path, defs).value().ok);
}
