#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>

// LeakSanitizer reads this at exit (sanitizer builds only). libpqxx 6.4
// (Debian 12) leaks libpq's results on the paths where a statement fails
// because the connection to PostgreSQL broke: it throws without clearing
// them. The tests that stop PostgreSQL meet them. planflow never calls libpq
// itself, only through libpqxx, so what libpq allocated and nobody freed is
// libpqxx's to free.
extern "C" const char* __lsan_default_suppressions() {
  return "leak:libpq.so.5\n";
}
