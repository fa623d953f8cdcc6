#include "engine/store/log_reader.h"

#include "engine/event_json.h"

namespace planflow {

StoreError store_error(StoreErrorCode code, std::string english, std::string vietnamese) {
  return StoreError{code, std::move(english), std::move(vietnamese), {}, {}};
}

StoreError store_error(StoreErrorCode code, std::string message) {
  return StoreError{code, std::move(message), {}, {}, {}};
}

namespace {

// What a user can do about a damaged log or database: ask for help.
constexpr const char* kAskOperatorVi = "; vui lòng liên hệ quản trị hệ thống";

std::string damaged_dossier_vi(DossierId dossier) {
  return "Dữ liệu của hồ sơ số " + std::to_string(dossier) + " bị lỗi, không đọc được" +
         kAskOperatorVi;
}

}  // namespace

StoreError storage_error(const sql::SqlError& e, const std::string& doing) {
  switch (e.code) {
    case SQLITE_FULL:
      return store_error(
          StoreErrorCode::kFull,
          "the database is full (disk or size limit) while " + doing + "; nothing was written",
          "Cơ sở dữ liệu đã đầy (hết dung lượng đĩa hoặc vượt giới hạn kích "
          "thước); chưa có dữ liệu nào được ghi, vui lòng liên hệ quản trị hệ "
          "thống");
    case SQLITE_READONLY:
      return store_error(StoreErrorCode::kUnavailable,
                         "the database is read-only while " + doing + "; nothing was written",
                         "Cơ sở dữ liệu đang ở chế độ chỉ đọc; chưa có dữ liệu nào được ghi, vui "
                         "lòng liên hệ quản trị hệ thống");
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return store_error(
          StoreErrorCode::kUnavailable,
          "the database is locked by another process while " + doing + "; nothing was written",
          "Cơ sở dữ liệu đang bị một tiến trình khác khóa; chưa có dữ liệu nào được ghi, vui lòng "
          "thử lại sau");
    case SQLITE_NOTADB:
      return store_error(
          StoreErrorCode::kUnavailable, "the file is not a planflow database (" + e.message + ")",
          std::string("Tệp dữ liệu không phải là cơ sở dữ liệu của planflow") + kAskOperatorVi);
    case SQLITE_CORRUPT:
      return store_error(StoreErrorCode::kUnavailable, "the database is corrupt: " + e.message,
                         std::string("Cơ sở dữ liệu bị hỏng") + kAskOperatorVi);
    // A lost PostgreSQL connection (postgres.cpp), or a disk failing a read.
    // A commit under way may have landed: a retry under the same request id
    // is answered from the log, never applied twice.
    case SQLITE_IOERR:
      return store_error(StoreErrorCode::kUnavailable,
                         "the database cannot be reached while " + doing + " (" + e.message +
                             "); retrying the same request is safe",
                         "Tạm thời không kết nối được cơ sở dữ liệu; vui lòng thử lại sau giây "
                         "lát (gửi lại thao tác không làm ghi trùng)");
    default:
      return store_error(StoreErrorCode::kUnavailable,
                         "storage error while " + doing + ": " + e.message,
                         "Lỗi lưu trữ dữ liệu; vui lòng thử lại sau hoặc liên hệ quản trị hệ "
                         "thống");
  }
}

std::optional<StoreError> read_dossier_log(sql::Connection& db, const DefinitionSet& defs,
                                           DossierId dossier, const LogVisitor& visit) {
  sql::SqlError e;
  // Cached: the writer reads every dossier it has not seen this way.
  auto* stmt = db.cached(
      "SELECT seq, dossier_seq, type, actor, at, payload, hash FROM events "
      "WHERE dossier_id = ? ORDER BY dossier_seq",
      &e);
  if (!stmt) return storage_error(e, "reading the log");
  const sql::ResetOnExit reset(stmt);
  stmt->bind(1, static_cast<std::int64_t>(dossier));
  const Definition* def = nullptr;
  const std::string where = "dossier " + std::to_string(dossier);
  int rc;
  while ((rc = stmt->step()) == SQLITE_ROW) {
    const auto dossier_seq = static_cast<std::uint64_t>(stmt->int64(1));
    const std::string at_event = where + ", event " + std::to_string(dossier_seq);
    const std::string type = stmt->text(2);
    nlohmann::json payload = nlohmann::json::parse(stmt->text(5), nullptr, false);
    if (payload.is_discarded())
      return store_error(StoreErrorCode::kUnavailable, at_event + ": the payload is not JSON",
                         damaged_dossier_vi(dossier));
    if (!def) {
      if (type != "dossier_created" || !payload.is_object())
        return store_error(StoreErrorCode::kUnavailable,
                           at_event + ": a dossier must begin with its creation",
                           damaged_dossier_vi(dossier));
      const std::string workflow = payload.value("definition_id", "");
      const int version = payload.value("definition_version", 0);
      def = defs.find(workflow, version);
      if (!def)
        return store_error(StoreErrorCode::kUnavailable,
                           where + " follows workflow \"" + workflow + "\" version " +
                               std::to_string(version) + ", which is not loaded",
                           "Hồ sơ số " + std::to_string(dossier) + " theo quy trình “" + workflow +
                               "” phiên bản " + std::to_string(version) +
                               ", chưa được nạp vào hệ thống" + kAskOperatorVi);
    }
    auto body = event_data_from_json(*def, type, payload);
    if (!body.ok())
      return store_error(StoreErrorCode::kUnavailable,
                         at_event + ": unreadable: " + body.error().message,
                         damaged_dossier_vi(dossier));
    LoggedEvent logged{StoredEvent{dossier, dossier_seq, static_cast<Sequence>(stmt->int64(0)),
                                   Event{stmt->int64(4), static_cast<UserId>(stmt->int64(3)),
                                         std::move(body).value()}},
                       stmt->blob(6), std::move(payload)};
    if (auto stop = visit(*def, std::move(logged))) return stop;
  }
  if (rc != SQLITE_DONE) return storage_error(stmt->error("reading the log"), "reading the log");
  if (!def)
    return store_error(StoreErrorCode::kNotFound, "there is no " + where,
                       "Không tìm thấy hồ sơ số " + std::to_string(dossier));
  return std::nullopt;
}

Result<std::vector<DossierId>, StoreError> logged_dossiers(sql::Connection& db) {
  sql::SqlError e;
  auto stmt = db.prepare("SELECT DISTINCT dossier_id FROM events ORDER BY dossier_id", &e);
  if (!stmt) return storage_error(e, "listing dossiers");
  std::vector<DossierId> out;
  int rc;
  while ((rc = stmt->step()) == SQLITE_ROW)
    out.push_back(static_cast<DossierId>(stmt->int64(0)));
  if (rc != SQLITE_DONE) return storage_error(stmt->error("listing dossiers"), "listing dossiers");
  return out;
}

}  // namespace planflow
