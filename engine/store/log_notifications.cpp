#include "engine/store/log_notifications.h"

#include <pqxx/pqxx>

#include "engine/store/log_reader.h"

namespace planflow {

namespace {

class Receiver final : public pqxx::notification_receiver {
 public:
  Receiver(pqxx::connection& c, bool* arrived)
      : pqxx::notification_receiver(c, kLogChannel), arrived_(arrived) {}
  void operator()(const std::string&, int) override { *arrived_ = true; }

 private:
  bool* arrived_;
};

class PostgresLogNotifications final : public LogNotifications {
 public:
  explicit PostgresLogNotifications(std::string url) : url_(std::move(url)) {}

  Result<bool, StoreError> wait(std::chrono::milliseconds timeout) override {
    try {
      if (!connection_ || !connection_->is_open()) connect();
      arrived_ = false;
      const auto ms = timeout.count();
      connection_->await_notification(ms / 1000, (ms % 1000) * 1000);
      return arrived_;
    } catch (const std::exception& x) {
      receiver_.reset();
      connection_.reset();
      std::string why = x.what();
      while (!why.empty() && why.back() == '\n')
        why.pop_back();
      return store_error(StoreErrorCode::kUnavailable,
                         "listening for other nodes' commits: " + why);
    }
  }

  void connect() {
    receiver_.reset();
    connection_ = std::make_unique<pqxx::connection>(url_);
    receiver_ = std::make_unique<Receiver>(*connection_, &arrived_);
  }

 private:
  std::string url_;
  std::unique_ptr<pqxx::connection> connection_;
  std::unique_ptr<Receiver> receiver_;
  bool arrived_ = false;
};

}  // namespace

Result<std::unique_ptr<LogNotifications>, StoreError> listen_to_log(const std::string& url) {
  auto listener = std::make_unique<PostgresLogNotifications>(url);
  if (auto first = listener->wait(std::chrono::milliseconds(0)); !first.ok()) return first.error();
  return std::unique_ptr<LogNotifications>(std::move(listener));
}

}  // namespace planflow
