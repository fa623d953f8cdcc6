// The accounts over an open connection whose schema is current, for
// open_accounts (accounts_database.cpp): which database is its business,
// the accounts themselves accounts.cpp's.
#pragma once

#include <memory>

#include "api/accounts.h"
#include "engine/store/sql.h"

namespace planflow {

std::unique_ptr<Accounts> make_sql_accounts(sql::Connection db, AccountOptions options);

}  // namespace planflow
