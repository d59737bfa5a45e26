package org.tollgate.store;

import static org.junit.jupiter.api.Assertions.fail;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Assumptions;

/**
 * The store contract on PostgreSQL, at the JDBC URL in {@code TOLLGATE_TEST_PG} (e.g.
 * {@code jdbc:postgresql://127.0.0.1:5433/tollgate?user=tollgate&password=...}). Each test starts from an
 * empty schema (everything the test user owns is dropped). Without the variable the tests are skipped with
 * a loud message — except under {@code CI=true}, where a missing server fails them.
 */
class PostgresStoreTest extends StoreContract {
  @Override
  Store freshStore() throws Exception {
    String url = PostgresStoreTest.url();
    try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
      st.execute("DROP OWNED BY CURRENT_USER CASCADE");
    }
    return Store.open(url);
  }

  /** The test server's URL, or abort (fail under CI) when there is none. */
  static String url() {
    String url = System.getenv("TOLLGATE_TEST_PG");
    if (url == null || url.isBlank()) {
      String msg = "*** PostgreSQL store tests NOT RUN: set TOLLGATE_TEST_PG to a JDBC URL (see .ci/run) ***";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) fail(msg + " (CI=true: a PostgreSQL server is required)");
      System.err.println(msg);
      Assumptions.abort(msg);
    }
    return url;
  }
}
