#include "api/server/websocket_session.h"

#include <boost/asio/post.hpp>

#include "api/server/correction_view.h"
#include "api/server/dossier_view.h"
#include "api/server/implementation_overview.h"
#include "api/server/protocol.h"
#include "api/server/search_view.h"
#include "engine/command_json.h"

namespace planflow {

namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
namespace net = boost::asio;
using nlohmann::json;

WebsocketSession::WebsocketSession(net::ip::tcp::socket&& socket, std::shared_ptr<Hub> hub,
                                   User user, std::string token)
    : ws_(std::move(socket)),
      hub_(std::move(hub)),
      user_(std::move(user)),
      token_(std::move(token)),
      session_checked_(std::chrono::steady_clock::now()),
      tokens_(hub_->config().limits.command_burst),
      refilled_(std::chrono::steady_clock::now()) {}

WebsocketSession::~WebsocketSession() {
  hub_->leave(this);
}

void WebsocketSession::run(http::request<http::string_body> request) {
  const ServerLimits& limits = hub_->config().limits;
  language_ = choose_language(request.target(), request[http::field::cookie],
                              request[http::field::accept_language]);
  websocket::stream_base::timeout timeout{};
  timeout.handshake_timeout = std::chrono::seconds(30);
  timeout.idle_timeout = limits.idle_timeout;  // pings at half of it; silent clients are closed
  timeout.keep_alive_pings = true;
  ws_.set_option(timeout);
  ws_.set_option(websocket::stream_base::decorator(
      [](websocket::response_type& res) { res.set(http::field::server, "planflow"); }));
  ws_.read_message_max(limits.message_bytes);
  ws_.async_accept(request,
                   beast::bind_front_handler(&WebsocketSession::on_accept, shared_from_this()));
}

void WebsocketSession::on_accept(beast::error_code ec) {
  if (ec) return;
  hub_->join(this);
  do_read();
}

void WebsocketSession::do_read() {
  ws_.async_read(buffer_,
                 beast::bind_front_handler(&WebsocketSession::on_read, shared_from_this()));
}

void WebsocketSession::on_read(beast::error_code ec, std::size_t) {
  // Oversized messages and invalid UTF-8 in text frames fail here; Beast has
  // already sent the close frame with the matching code (1009, 1007).
  if (ec) return;
  if (!ws_.got_text()) {
    ws_.async_close(websocket::close_reason(websocket::close_code::unknown_data,
                                            "planflow speaks JSON in text frames"),
                    [self = shared_from_this()](beast::error_code) {});
    return;
  }
  const std::string text = beast::buffers_to_string(buffer_.data());
  buffer_.consume(buffer_.size());
  handle(text);
  do_read();
}

void WebsocketSession::handle(const std::string& text) {
  if (!session_holds()) return;
  const std::string depth = std::to_string(hub_->config().limits.json_depth);
  if (json_too_deep(text, hub_->config().limits.json_depth))
    return fail(nullptr, "bad_request",
                {"Yêu cầu lồng nhau quá " + depth + " cấp",
                 "the message nests deeper than " + depth + " levels"});
  const json request = json::parse(text, nullptr, false);
  if (request.is_discarded())
    return fail(nullptr, "bad_request",
                {"Yêu cầu không phải là JSON hợp lệ", "the message is not JSON"});
  if (!request.is_object())
    return fail(nullptr, "bad_request",
                {"Yêu cầu phải là một đối tượng JSON", "a request is a JSON object"}, "/");
  const json id = request.contains("id") ? request["id"] : json(nullptr);
  if (!id.is_number_integer() && !id.is_string())
    return fail(nullptr, "bad_request",
                {"Yêu cầu cần có \"id\" (một số hoặc một chuỗi)",
                 "a request needs an \"id\" (a number or a string)"},
                "/id");
  if (!take_token()) {
    const std::string rate =
        std::to_string(static_cast<int>(hub_->config().limits.commands_per_second));
    return fail(id, "rate_limited",
                {"Quá nhiều yêu cầu; tối đa " + rate + " yêu cầu mỗi giây",
                 "too many requests; at most " + rate + " a second"});
  }
  dispatch(request, id);
}

bool WebsocketSession::take_token() {
  const ServerLimits& limits = hub_->config().limits;
  const auto now = std::chrono::steady_clock::now();
  tokens_ = std::min(limits.command_burst,
                     tokens_ + std::chrono::duration<double>(now - refilled_).count() *
                                   limits.commands_per_second);
  refilled_ = now;
  if (tokens_ < 1) return false;
  tokens_ -= 1;
  return true;
}

void WebsocketSession::dispatch(const json& request, const json& id) {
  const auto op = request.find("op");
  if (op == request.end() || !op->is_string())
    return fail(id, "bad_request",
                {"Yêu cầu cần có \"op\" (một chuỗi)", "a request needs an \"op\" (a string)"},
                "/op");
  const std::string& name = op->get_ref<const std::string&>();
  if (name == "command") return op_command(request, id);
  if (name == "inbox") return op_inbox(id);
  if (name == "dossiers") return op_dossiers(id);
  if (name == "dossier") return op_dossier(request, id);
  if (name == "workflows") return op_workflows(id);
  if (name == "directory") return op_directory(id);
  if (name == "subscribe") return op_subscribe(request, id);
  if (name == "unsubscribe") return op_unsubscribe(request, id);
  if (name == "language") return op_language(request, id);
  if (name == "search") return op_search(request, id);
  if (name == "implementation_overview") return op_implementation_overview(id);
  if (name == "subscribe_inbox") {
    following_inbox_ = true;
    hub_->follow_inbox(user_.id, this);
    return reply(id, json::object());
  }
  fail(id, "bad_request",
       {"Không có thao tác \"" + name + "\"", "unknown operation \"" + name + "\""}, "/op");
}

namespace {

// A dossier id from the request, or 0 after a failure has been reported.
// `required` false: absent or 0 means "a new dossier".
std::optional<DossierId> dossier_field(const json& request, const char* key, bool required) {
  const auto it = request.find(key);
  if (it == request.end()) return required ? std::nullopt : std::optional<DossierId>(0);
  if (!it->is_number_unsigned() || (required && it->get<std::uint64_t>() == 0)) return std::nullopt;
  return it->get<DossierId>();
}

const LocalizedText kBadDossierField{"\"dossier\" phải là mã số của một hồ sơ",
                                     "\"dossier\" must be a dossier id"};

LocalizedText no_dossier(DossierId dossier) {
  const std::string n = std::to_string(dossier);
  return {"Không có hồ sơ số " + n, "there is no dossier " + n};
}

}  // namespace

bool WebsocketSession::may_see(DossierId dossier, const json& id) {
  if (user_.admin) return true;
  auto roles = hub_->queries().roles_of(dossier, user_.id);
  if (!roles.ok()) {
    fail(id, protocol_error(roles.error()));
    return false;
  }
  if (roles.value().empty()) {
    // The same answer whether or not the dossier exists: nobody learns of
    // dossiers they take no part in.
    const std::string n = std::to_string(dossier);
    fail(id, "forbidden", {"Bạn không tham gia hồ sơ số " + n, "you take no part in dossier " + n});
    return false;
  }
  return true;
}

void WebsocketSession::op_command(const json& request, const json& id) {
  const auto dossier = dossier_field(request, "dossier", false);
  if (!dossier) return fail(id, "bad_request", kBadDossierField, "/dossier");
  const auto request_id = request.find("request_id");
  if (request_id == request.end() || !request_id->is_string())
    return fail(
        id, "bad_request",
        {"Lệnh cần có \"request_id\" (một chuỗi)", "a command needs a \"request_id\" (a string)"},
        "/request_id");
  const auto body = request.find("command");
  if (body == request.end() || !body->is_object())
    return fail(id, "bad_request",
                {"Lệnh cần có đối tượng \"command\"", "a command needs a \"command\" object"},
                "/command");
  std::optional<std::uint64_t> version;
  if (const auto v = request.find("version"); v != request.end()) {
    if (!v->is_number_unsigned())
      return fail(id, "bad_request",
                  {"\"version\" phải là một số nguyên", "\"version\" must be a whole number"},
                  "/version");
    version = v->get<std::uint64_t>();
  }
  std::string workflow;
  const Definition* def = nullptr;
  if (*dossier == 0) {
    const auto wf = request.find("workflow");
    if (wf == request.end() || !wf->is_string())
      return fail(
          id, "bad_request",
          {"Hồ sơ mới cần có \"workflow\" (quy trình)", "a new dossier needs a \"workflow\""},
          "/workflow");
    workflow = wf->get<std::string>();
    def = hub_->definitions().latest(workflow);
    if (!def)
      return fail(
          id, "not_found",
          {"Không có quy trình \"" + workflow + "\"", "there is no workflow \"" + workflow + "\""},
          "/workflow");
  } else {
    if (!may_see(*dossier, id)) return;
    def = hub_->definition_of(*dossier);
    if (!def) return fail(id, "not_found", no_dossier(*dossier), "/dossier");
  }
  auto command = command_from_json(*body, def);
  if (!command.ok())
    return fail(id, "bad_request", localized(command.error()), "/command" + command.error().detail);

  CommandRequest req;
  req.request_id = request_id->get<std::string>();
  req.dossier = *dossier;
  req.workflow = workflow;
  req.expected_version = version;
  req.command = std::move(command).value();
  req.actor = Actor{user_.id, user_.unit, user_.admin};
  req.now = hub_->config().clock();
  const std::size_t type = req.command.index();
  std::shared_ptr<Hub> hub = hub_;
  hub_->store().submit(std::move(req), [self = shared_from_this(), hub, id, type,
                                        arrived = std::chrono::steady_clock::now()](
                                           Result<CommitResult, StoreError> r) {
    // On the store's writer thread, in commit order: publish now, reply on our strand.
    if (r.ok()) hub->committed(r.value());
    const char* outcome = !r.ok()              ? protocol_error(r.error()).code
                          : r.value().replayed ? "replayed"
                                               : "committed";
    hub->metrics().command_answered(type, outcome, std::chrono::steady_clock::now() - arrived);
    net::post(self->ws_.get_executor(), [self, id, r = std::move(r)]() mutable {
      if (!r.ok()) return self->fail(id, protocol_error(r.error()));
      const CommitResult& c = r.value();
      self->reply(id, {{"dossier", c.dossier},
                       {"version", c.version},
                       {"first_seq", c.events.empty() ? 0 : c.events.front().seq},
                       {"last_seq", c.events.empty() ? 0 : c.events.back().seq},
                       {"replayed", c.replayed}});
    });
  });
}

void WebsocketSession::op_inbox(const json& id) {
  auto tasks = hub_->queries().inbox(user_.id);
  if (!tasks.ok()) return fail(id, protocol_error(tasks.error()));
  json list = json::array();
  for (const InboxTask& t : tasks.value())
    list.push_back(inbox_json(t, hub_->definitions()));
  reply(id, {{"tasks", std::move(list)}});
}

void WebsocketSession::op_dossiers(const json& id) {
  auto dossiers = hub_->queries().dossiers_of(user_.id);
  if (!dossiers.ok()) return fail(id, protocol_error(dossiers.error()));
  json list = json::array();
  for (const DossierSummary& d : dossiers.value())
    list.push_back(summary_json(d));
  reply(id, {{"dossiers", std::move(list)}});
}

void WebsocketSession::op_dossier(const json& request, const json& id) {
  const auto dossier = dossier_field(request, "dossier", true);
  if (!dossier) return fail(id, "bad_request", kBadDossierField, "/dossier");
  if (!may_see(*dossier, id)) return;
  auto summary = hub_->queries().dossier(*dossier, user_.id);
  if (!summary.ok()) return fail(id, protocol_error(summary.error()));
  const Definition* def = hub_->definition_of(*dossier);
  auto history = hub_->store().history_of(*dossier);
  if (!def || !history.ok())
    return fail(id, "internal",
                {"Không đọc được hồ sơ số " + std::to_string(*dossier),
                 "dossier " + std::to_string(*dossier) + " cannot be read"});
  const DossierState& state = history.value().state;
  const std::vector<StoredEvent>& events = history.value().events;
  // The signature is checked against the key the accounts hold for its
  // signer; a database that cannot say shows it as not valid.
  std::optional<std::string> signer_key;
  if (const DocumentSigned* d = find_signature(events))
    if (auto key = hub_->accounts().signing_key(d->signer); key.ok()) signer_key = key.value();
  auto corrections = hub_->queries().corrections(*dossier);
  if (!corrections.ok()) return fail(id, protocol_error(corrections.error()));
  json body = dossier_json(*def, summary.value(), state, events, user_.id, hub_->config().clock(),
                           signer_key);
  body["corrections"] = corrections_json(corrections.value());
  reply(id, std::move(body));
}

void WebsocketSession::op_implementation_overview(const json& id) {
  auto overview =
      implementation_overview(hub_->store(), hub_->queries(), user_.id, hub_->config().clock());
  if (!overview.ok()) return fail(id, protocol_error(overview.error()));
  reply(id, std::move(overview).value());
}

void WebsocketSession::op_workflows(const json& id) {
  reply(id, workflows_json(hub_->definitions()));
}

void WebsocketSession::op_directory(const json& id) {
  auto units = hub_->accounts().units();
  auto users = hub_->accounts().users();
  if (!units.ok() || !users.ok())
    return fail(id, "internal",
                {"Không đọc được danh sách cơ quan, đơn vị và người dùng",
                 "the directory of units and users cannot be read"});
  reply(id, directory_json(std::move(units).value(), std::move(users).value()));
}

void WebsocketSession::op_subscribe(const json& request, const json& id) {
  const auto dossier = dossier_field(request, "dossier", true);
  if (!dossier) return fail(id, "bad_request", kBadDossierField, "/dossier");
  Sequence after = 0;
  if (const auto a = request.find("after"); a != request.end()) {
    if (!a->is_number_unsigned())
      return fail(
          id, "bad_request",
          {"\"after\" phải là một số thứ tự sự kiện", "\"after\" must be a sequence number"},
          "/after");
    after = a->get<Sequence>();
  }
  if (!may_see(*dossier, id)) return;
  const Definition* def = hub_->definition_of(*dossier);
  if (!def) return fail(id, "not_found", no_dossier(*dossier), "/dossier");
  // Follow first, then read what is already committed: a push that arrives
  // meanwhile waits behind this handler on the strand, and is skipped if the
  // read already covered it. Nothing falls between the two.
  hub_->follow(*dossier, this);
  resync_pending_ = false;
  auto events = hub_->store().events_of(*dossier);
  if (!events.ok()) return fail(id, protocol_error(events.error()));
  Sequence last = after;
  std::vector<Outgoing> missed;
  for (const StoredEvent& e : events.value()) {
    if (e.seq <= after) continue;
    missed.push_back(
        {std::make_shared<const std::string>(event_message(*def, e)), e.seq, *dossier});
    last = e.seq;
  }
  following_[*dossier] = last;
  reply(id, {{"dossier", *dossier}, {"missed", missed.size()}, {"last_seq", last}});
  for (Outgoing& m : missed)
    send(std::move(m));
}

void WebsocketSession::op_unsubscribe(const json& request, const json& id) {
  const auto dossier = dossier_field(request, "dossier", true);
  if (!dossier) return fail(id, "bad_request", kBadDossierField, "/dossier");
  following_.erase(*dossier);
  hub_->unfollow(*dossier, this);
  reply(id, json::object());
}

void WebsocketSession::op_language(const json& request, const json& id) {
  const auto lang = request.find("lang");
  std::optional<Language> language;
  if (lang != request.end() && lang->is_string())
    language = parse_language(lang->get_ref<const std::string&>());
  if (!language)
    return fail(id, "bad_request",
                {"\"lang\" phải là \"vi\" hoặc \"en\"", "\"lang\" must be \"vi\" or \"en\""},
                "/lang");
  language_ = *language;
  reply(id, {{"lang", language_tag(language_)}});
}

void WebsocketSession::op_search(const json& request, const json& id) {
  const auto text = request.find("text");
  if (text == request.end() || !text->is_string())
    return fail(id, "bad_request",
                {"Tìm kiếm cần có \"text\" (một chuỗi)", "a search needs a \"text\" (a string)"},
                "/text");
  const std::string& words = text->get_ref<const std::string&>();
  const std::string max = std::to_string(kMaxSearchTextBytes);
  if (words.size() > kMaxSearchTextBytes)
    return fail(id, "bad_request",
                {"Nội dung tìm kiếm dài quá " + max + " byte",
                 "the search text is longer than " + max + " bytes"},
                "/text");
  std::size_t limit = kDefaultSearchHits;
  if (const auto l = request.find("limit"); l != request.end()) {
    const std::string most = std::to_string(kMaxSearchHits);
    if (!l->is_number_unsigned() || l->get<std::uint64_t>() < 1 ||
        l->get<std::uint64_t>() > kMaxSearchHits)
      return fail(id, "bad_request",
                  {"\"limit\" phải là một số nguyên từ 1 đến " + most,
                   "\"limit\" must be a whole number from 1 to " + most},
                  "/limit");
    limit = l->get<std::size_t>();
  }
  // Participants only, administrators too, as the dossier list is: search
  // is for finding one's own work, not for auditing.
  auto hits = hub_->queries().search(user_.id, words, limit);
  if (!hits.ok()) return fail(id, protocol_error(hits.error()));
  reply(id, search_hits_json(hits.value()));
}

void WebsocketSession::deliver(std::vector<Outgoing> messages) {
  net::post(ws_.get_executor(),
            [self = shared_from_this(), messages = std::move(messages)]() mutable {
              for (Outgoing& m : messages) {
                if (self->resync_pending_) return;
                if (m.seq == 0) {
                  if (self->following_inbox_) self->send(std::move(m));
                  continue;
                }
                auto it = self->following_.find(m.dossier);
                if (it == self->following_.end() || m.seq <= it->second) continue;
                it->second = m.seq;
                self->send(std::move(m));
              }
            });
}

void WebsocketSession::shut_down() {
  net::post(ws_.get_executor(), [self = shared_from_this()] {
    self->close_after_queue({websocket::close_code::going_away, "server stopping"});
  });
}

void WebsocketSession::end_session() {
  net::post(ws_.get_executor(), [self = shared_from_this()] {
    self->close_after_queue({websocket::close_code::policy_error, "signed out"});
  });
}

void WebsocketSession::close_after_queue(websocket::close_reason reason) {
  if (closing_) return;
  closing_ = true;
  close_reason_ = std::move(reason);
  // A close is a write: it may not overlap one, so it waits for the queue.
  if (queue_.empty()) close_now();
}

void WebsocketSession::close_now() {
  ws_.async_close(close_reason_, [self = shared_from_this()](beast::error_code) {});
}

bool WebsocketSession::session_holds() {
  const auto now = std::chrono::steady_clock::now();
  if (now - session_checked_ < hub_->config().limits.session_recheck) return true;
  session_checked_ = now;
  auto user = hub_->accounts().session_user(token_, hub_->config().clock());
  if (user.ok()) {
    user_ = std::move(user).value();  // a name or unit may have changed meanwhile
    return true;
  }
  // The database out of reach says nothing of the session: it held at the
  // last look, and is looked at again on the next request. Closing here
  // would sign every browser out whenever the database blinks.
  if (user.error().code == AccountErrorCode::kUnavailable) {
    session_checked_ = {};
    return true;
  }
  // Ended by another window's sign-out, expired or disabled: nothing more is answered.
  close_after_queue({websocket::close_code::policy_error, "session ended; sign in again"});
  return false;
}

void WebsocketSession::reply(const json& id, json result) {
  send({std::make_shared<const std::string>(json{{"id", id}, {"result", std::move(result)}}.dump()),
        0, 0});
}

void WebsocketSession::fail(const json& id, const ProtocolError& error) {
  fail(id, error.code, error.message, error.pointer);
}

void WebsocketSession::fail(const json& id, const char* code, const LocalizedText& message,
                            const std::string& pointer) {
  json error = {{"code", code}, {"message", in(message, language_)}};
  if (!pointer.empty()) error["pointer"] = pointer;
  send({std::make_shared<const std::string>(json{{"id", id}, {"error", std::move(error)}}.dump()),
        0, 0});
}

void WebsocketSession::send(Outgoing message) {
  // After a resync, no push until the client subscribes again: not even the
  // rest of the catch-up whose overflow caused it.
  if (closing_ || (resync_pending_ && message.dossier != 0)) return;
  const std::size_t limit = hub_->config().limits.send_queue_bytes;
  if (queued_bytes_ + message.text->size() > limit && message.dossier != 0) {
    // Pushes to a client this far behind stop at one "resync": it catches
    // up by sequence number when it subscribes again. What is queued stays
    // (it fits the limit, and replies must arrive), so a catch-up larger
    // than the queue still goes out a queueful at a time. following_ already
    // counts this event as sent: the client resumes just before it.
    hub_->metrics().resync_sent(1);
    for (auto& [dossier, _] : following_)
      hub_->unfollow(dossier, this);
    json resync = {{"type", "resync"}, {"following", json::array()}};
    for (auto& [dossier, last] : following_) {
      const bool this_one = dossier == message.dossier && message.seq != 0;
      const Sequence resume = this_one ? std::min(last, message.seq - 1) : last;
      resync["following"].push_back({{"dossier", dossier}, {"last_seq", resume}});
    }
    following_.clear();
    resync_pending_ = true;
    message = {std::make_shared<const std::string>(resync.dump()), 0, 0};
  } else if (queued_bytes_ - (queue_.empty() ? 0 : queue_.front().text->size()) > 2 * limit) {
    // Replies are never dropped; a client that reads none of them is closed.
    // What counts is what waits behind the write in flight, so one large
    // reply never closes a client that reads. The close is sent once
    // (closing_), after the write in flight; this message stays queued so
    // that the writes still queued, not close_now(), meet the close.
    hub_->metrics().session_closed_for_backlog();
    closing_ = true;
    ws_.async_close(
        websocket::close_reason(websocket::close_code::policy_error, "not reading replies"),
        [self = shared_from_this()](beast::error_code) {});
  }
  queued_bytes_ += message.text->size();
  queue_.push_back(std::move(message));
  if (queue_.size() == 1) do_write();
}

void WebsocketSession::do_write() {
  ws_.text(true);
  ws_.async_write(net::buffer(*queue_.front().text),
                  beast::bind_front_handler(&WebsocketSession::on_write, shared_from_this()));
}

void WebsocketSession::on_write(beast::error_code ec, std::size_t) {
  if (ec) return;
  queued_bytes_ -= queue_.front().text->size();
  queue_.pop_front();
  if (!queue_.empty()) {
    do_write();
  } else if (closing_) {
    close_now();
  }
}

}  // namespace planflow
