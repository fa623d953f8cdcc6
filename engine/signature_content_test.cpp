// What a signature covers (signature_content.h), and the sign_document
// command the server sends once a document is issued.
#include "engine/signature_content.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <random>

#include "engine/command_json.h"
#include "engine/event_json.h"
#include "engine/plan_fixture.h"

using namespace planflow;
using namespace planflow::testing;

namespace {

SignedContent sample() {
  return SignedContent{
      7,          2,     version_digest(2, blocks_from_text("I. MỤC ĐÍCH\nNội dung")),
      1,          2024,  "01/KH-UBND",
      1706115600, kChair};
}

// A dossier carried to its issued number; id 7, as the store would set it.
void issue(Dossier& d) {
  d.state.id = 7;
  open_consultation(d);
  close_consultation(d);
  d.ok(kChair, action("approve"));
  d.ok(kClerk, action("issue"));
  REQUIRE(d.state.issued.has_value());
}

// What the server sends: the right digest; the key and signature only need
// their shape here (the engine checks no Ed25519, verify does).
SignDocument signing(const DossierState& state, UserId signer = kChair) {
  const auto content = signed_content_of(state, signer);
  REQUIRE(content.has_value());
  return SignDocument{signer, std::string(64, 'a'), to_hex(signed_content_digest(*content)),
                      std::string(128, 'b')};
}

// The definition of a version's digest: its canonical JSON as nlohmann
// dumps the tree, which version_digest() writes without building.
Sha256 digest_of_tree(std::uint32_t number, const std::vector<Block>& blocks) {
  const nlohmann::json version = {{"number", number}, {"blocks", blocks_to_json(blocks)}};
  return sha256(version.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

}  // namespace

TEST_CASE("a version's digest is that of its canonical JSON, for any text", "[signature]") {
  // Pieces that need escaping, several bytes of UTF-8, and DEL, which JSON
  // leaves alone.
  const std::vector<std::string> pieces = {
      "Kế hoạch", " ",     "\"",   "\\", "\n", "\t", "\r", "\b", "\f", std::string(1, '\0'),
      "\x01",     "\x1f",  "\x7f", "/",  "€",  "𝄞",  "Đ",  "ạ",  "a",  "1.",
      "–",        "\u00a0"};
  std::mt19937 random(20240125);
  auto text = [&](int most) {
    std::string out;
    for (int i = std::uniform_int_distribution(0, most)(random); i > 0; --i)
      out += pieces[std::uniform_int_distribution<std::size_t>(0, pieces.size() - 1)(random)];
    return out;
  };
  for (int round = 0; round < 300; ++round) {
    std::vector<Block> blocks;
    for (int b = std::uniform_int_distribution(0, 6)(random); b > 0; --b) {
      Block block;
      block.id = std::uniform_int_distribution<std::uint32_t>(0, 4000000000u)(random);
      block.kind = static_cast<BlockKind>(std::uniform_int_distribution(0, 3)(random));
      block.level = static_cast<std::uint8_t>(std::uniform_int_distribution(0, 3)(random));
      block.marker = text(2);
      if (block.kind == BlockKind::kTable)
        for (int r = std::uniform_int_distribution(0, 3)(random); r > 0; --r) {
          block.rows.emplace_back();
          for (int c = std::uniform_int_distribution(0, 3)(random); c > 0; --c)
            block.rows.back().push_back(text(3));
        }
      else
        block.text = text(12);
      blocks.push_back(std::move(block));
    }
    const auto number = std::uniform_int_distribution<std::uint32_t>(0, 100000)(random);
    INFO("round " << round);
    REQUIRE(version_digest(number, blocks) == digest_of_tree(number, blocks));
  }

  SECTION("a table without rows, and no blocks at all, are as the tree has them") {
    Block table{4, BlockKind::kTable, 0, "", "", {}};
    REQUIRE(version_digest(3, {table}) == digest_of_tree(3, {table}));
    REQUIRE(version_digest(3, {}) == digest_of_tree(3, {}));
  }
}

TEST_CASE("the signed digest changes with every part of the issued content", "[signature]") {
  const SignedContent base = sample();
  const Sha256 digest = signed_content_digest(base);
  CHECK(signed_content_digest(base) == digest);  // deterministic
  CHECK(to_hex(digest).size() == 64);

  auto differs = [&](auto change) {
    SignedContent c = base;
    change(c);
    return signed_content_digest(c) != digest;
  };
  CHECK(differs([](SignedContent& c) { c.dossier = 8; }));
  CHECK(differs([](SignedContent& c) { c.version = 3; }));
  CHECK(differs([](SignedContent& c) { c.number = 2; }));
  CHECK(differs([](SignedContent& c) { c.year = 2025; }));
  CHECK(differs([](SignedContent& c) { c.symbol = "02/KH-UBND"; }));
  CHECK(differs([](SignedContent& c) { c.issued_at += 1; }));
  CHECK(differs([](SignedContent& c) { c.signer = kClerk; }));
  CHECK(differs([](SignedContent& c) { c.version_sha256[31] ^= 1; }));

  // One byte of text, a marker, a kind, a block id, the version number.
  const auto blocks = blocks_from_text("I. MỤC ĐÍCH\nNội dung");
  auto with = [&](auto change) {
    auto b = blocks;
    change(b);
    return version_digest(2, b);
  };
  const Sha256 v = version_digest(2, blocks);
  CHECK(with([](std::vector<Block>& b) { b[1].text = "Nội dunG"; }) != v);
  CHECK(with([](std::vector<Block>& b) { b[1].marker = "a)"; }) != v);
  CHECK(with([](std::vector<Block>& b) { b[1].kind = BlockKind::kItem; }) != v);
  CHECK(with([](std::vector<Block>& b) { b[0].id = 9; }) != v);
  CHECK(with([](std::vector<Block>& b) { b.pop_back(); }) != v);
  CHECK(version_digest(3, blocks) != v);
  CHECK(with([](std::vector<Block>&) {}) == v);
}

TEST_CASE("the signed bytes are canonical JSON an outside verifier can rebuild", "[signature]") {
  const SignedContent c = sample();
  const std::string bytes = signed_content_bytes(c);
  CHECK(bytes.find("\"purpose\":\"planflow/issued-document/v1\"") != std::string::npos);
  CHECK(bytes.find("\"symbol\":\"01/KH-UBND\"") != std::string::npos);
  CHECK(bytes.find(' ') == std::string::npos);
  CHECK(bytes.front() == '{');
  CHECK(bytes.find("\"dossier\":7,\"issued_at\":1706115600") != std::string::npos);  // sorted
  // SHA-256 itself, against the FIPS 180-2 vector.
  CHECK(to_hex(sha256("abc")) ==
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(from_hex("00ff10") == std::vector<std::uint8_t>{0x00, 0xff, 0x10});
  CHECK_FALSE(from_hex("0").has_value());
  CHECK_FALSE(from_hex("zz").has_value());
  CHECK_FALSE(from_hex("AB").has_value());  // lower case only: one text per key
}

TEST_CASE("the state keeps the issued version's digest and issue time", "[signature]") {
  const Definition def = load_workflow("plan.json");
  Dossier d(def);
  issue(d);
  const VersionSubmitted* last = nullptr;
  for (const Event& e : d.history)
    if (const auto* v = std::get_if<VersionSubmitted>(&e.body)) last = v;
  REQUIRE(last);
  const VersionSubmitted& v = *last;
  REQUIRE(v.number == d.state.versions);
  CHECK(d.state.last_version_digest == version_digest(v.number, *v.blocks));
  CHECK(d.state.issued_at == d.now);
  const auto content = signed_content_of(d.state, kChair);
  REQUIRE(content.has_value());
  CHECK(content->dossier == 7);
  CHECK(content->symbol == d.state.issued->symbol);
  CHECK(content->number == d.state.issued->number);
}

TEST_CASE("sign_document is accepted once, from the system, on the issued document",
          "[signature][decide]") {
  const Definition def = load_workflow("plan.json");
  Dossier d(def);
  d.state.id = 7;
  open_consultation(d);
  // Not issued yet: nothing to sign.
  SignDocument early{kChair, std::string(64, 'a'), std::string(64, 'c'), std::string(128, 'b')};
  d.refused(kSystemUser, early, ErrorCode::kInvalidState);
  close_consultation(d);
  d.ok(kChair, action("approve"));
  d.ok(kClerk, action("issue"));

  const SignDocument good = signing(d.state);
  // Only the system signs, whatever role the sender plays.
  d.refused(kChair, good, ErrorCode::kForbiddenRole);
  d.refused(kClerk, good, ErrorCode::kForbiddenRole);
  // A digest of anything else: another signer, another number, one bit off.
  SignDocument other_signer = good;
  other_signer.signer = kClerk;
  CHECK(d.refused(kSystemUser, other_signer, ErrorCode::kInvalidArgument).detail == "digest");
  SignDocument flipped = good;
  flipped.digest[0] = flipped.digest[0] == '0' ? '1' : '0';
  CHECK(d.refused(kSystemUser, flipped, ErrorCode::kInvalidArgument).detail == "digest");
  // A signer who takes no part, malformed keys and signatures.
  SignDocument outsider = signing(d.state, kOutsider);
  CHECK(d.refused(kSystemUser, outsider, ErrorCode::kInvalidArgument).detail == "signer");
  SignDocument short_key = good;
  short_key.public_key.pop_back();
  CHECK(d.refused(kSystemUser, short_key, ErrorCode::kInvalidArgument).detail == "public_key");
  SignDocument bad_signature = good;
  bad_signature.signature[0] = 'X';
  CHECK(d.refused(kSystemUser, bad_signature, ErrorCode::kInvalidArgument).detail == "signature");

  d.ok(kSystemUser, good);
  REQUIRE(d.state.signed_by == kChair);
  const auto& signed_event = std::get<DocumentSigned>(d.history.back().body);
  CHECK(signed_event.algorithm == "Ed25519");
  CHECK(signed_event.digest == good.digest);
  CHECK(d.history.back().actor == kSystemUser);
  // Twice: refused, even with the same content.
  d.refused(kSystemUser, good, ErrorCode::kInvalidState);

  // The event reads back from JSON, and a replay reproduces the state.
  auto back = event_from_json(def, event_to_json(def, d.history.back()));
  REQUIRE(back.ok());
  CHECK(back.value() == d.history.back());
  DossierState replayed(def);
  replayed.id = 7;
  for (const Event& e : d.history)
    REQUIRE(evolve(replayed, e).ok());
  CHECK(replayed == d.state);
  // And the signed dossier still closes.
  d.ok(kMonitor, action("close", {text_input("summary", "Hoàn thành.")}));
}

TEST_CASE("evolve refuses a signature that cannot follow", "[signature][evolve]") {
  const Definition def = load_workflow("plan.json");
  Dossier d(def);
  issue(d);
  const SignDocument c = signing(d.state);
  const DocumentSigned body{c.signer, "Ed25519", c.public_key, c.digest, c.signature};
  DossierState s = d.state;
  CHECK_FALSE(evolve(s, Event{d.now, kChair, body}).ok());  // not the system
  CHECK(s == d.state);
  REQUIRE(evolve(s, Event{d.now, kSystemUser, body}).ok());
  CHECK_FALSE(evolve(s, Event{d.now, kSystemUser, body}).ok());  // twice
  Dossier fresh(def);
  open_consultation(fresh);
  DossierState unissued = fresh.state;
  CHECK_FALSE(evolve(unissued, Event{d.now, kSystemUser, body}).ok());
}

TEST_CASE("clients may not send sign_document", "[signature][command_json]") {
  const Definition def = load_workflow("plan.json");
  auto parsed = command_from_json(
      nlohmann::json{{"type", "sign_document"}, {"signer", 5}, {"digest", "00"}}, &def);
  REQUIRE_FALSE(parsed.ok());
  CHECK(parsed.error().message.find("not by clients") != std::string::npos);
}
