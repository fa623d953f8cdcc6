// Which language a browser gets, and how the server's counters read.
#include <catch2/catch.hpp>

#include "api/server/language.h"
#include "api/server/metrics.h"

using namespace planflow;

TEST_CASE("a browser's language: query, then cookie, then Accept-Language, else Vietnamese",
          "[language]") {
  CHECK(choose_language("/ws", "", "") == Language::kVietnamese);
  CHECK(choose_language("/ws", "", "fr-FR,de;q=0.8") == Language::kVietnamese);
  CHECK(choose_language("/ws", "", "fr-FR, en-GB;q=0.8, vi;q=0.5") == Language::kEnglish);
  CHECK(choose_language("/ws", "", "vi-VN,vi;q=0.9,en-US;q=0.8") == Language::kVietnamese);
  CHECK(choose_language("/ws", "a=1; planflow_lang=en", "vi") == Language::kEnglish);
  CHECK(choose_language("/ws?x=1&lang=vi", "planflow_lang=en", "en") == Language::kVietnamese);
  CHECK(choose_language("/ws?lang=EN", "", "") == Language::kEnglish);
  // A value planflow does not speak falls through to the next source.
  CHECK(choose_language("/ws?lang=fr", "planflow_lang=xx", "en") == Language::kEnglish);
  CHECK(choose_language("/ws?language=en", "", "") == Language::kVietnamese);
  CHECK_FALSE(parse_language("eng").has_value());
  CHECK_FALSE(parse_language("").has_value());
  CHECK(parse_language(" vi_VN ") == Language::kVietnamese);
}

TEST_CASE("text in a language falls back to English only where no Vietnamese exists",
          "[language]") {
  CHECK(in(LocalizedText{"Hồ sơ", "Dossier"}, Language::kVietnamese) == "Hồ sơ");
  CHECK(in(LocalizedText{"Hồ sơ", "Dossier"}, Language::kEnglish) == "Dossier");
  CHECK(in(LocalizedText{"", "the accounts database failed"}, Language::kVietnamese) ==
        "the accounts database failed");
}

TEST_CASE("metrics: cumulative histogram buckets, outcomes by command type", "[metrics]") {
  Metrics m;
  using std::chrono::microseconds;
  m.command_answered(4, "committed", microseconds(300));   // add_comment, first bucket
  m.command_answered(4, "committed", microseconds(3000));  // 5 ms bucket
  m.command_answered(4, "conflict", microseconds(20'000'000));
  m.command_answered(7, "something else", microseconds(1));
  m.resync_sent(17);
  StoreStats store;
  store.batches = 3;
  store.batched_commands = 5;
  store.batch_sizes[0] = 2;  // two of one command
  store.batch_sizes[2] = 1;  // one of three
  const std::string text = m.render(store, 2);
  INFO(text);
  auto has = [&](const std::string& line) { return text.find(line + "\n") != std::string::npos; };
  CHECK(has("planflow_commands_total{type=\"add_comment\",outcome=\"committed\"} 2"));
  CHECK(has("planflow_commands_total{type=\"add_comment\",outcome=\"conflict\"} 1"));
  CHECK(has("planflow_commands_total{type=\"take_action\",outcome=\"internal\"} 1"));
  CHECK(has("planflow_command_latency_seconds_bucket{le=\"0.0005\"} 2"));
  CHECK(has("planflow_command_latency_seconds_bucket{le=\"0.005\"} 3"));
  CHECK(has("planflow_command_latency_seconds_bucket{le=\"2.5\"} 3"));
  CHECK(has("planflow_command_latency_seconds_bucket{le=\"+Inf\"} 4"));
  CHECK(has("planflow_command_latency_seconds_count 4"));
  CHECK(has("planflow_commit_batch_size_bucket{le=\"1\"} 2"));
  CHECK(has("planflow_commit_batch_size_bucket{le=\"2\"} 2"));
  CHECK(has("planflow_commit_batch_size_bucket{le=\"4\"} 3"));
  CHECK(has("planflow_commit_batch_size_bucket{le=\"+Inf\"} 3"));
  CHECK(has("planflow_commit_batch_size_sum 5"));
  CHECK(has("planflow_push_resyncs_total 1"));
  CHECK(has("planflow_push_dropped_total 17"));
  CHECK(has("planflow_websocket_sessions 2"));
  // No sample line without its TYPE line before it.
  CHECK(text.find("# TYPE planflow_command_latency_seconds histogram") <
        text.find("planflow_command_latency_seconds_bucket"));
}
