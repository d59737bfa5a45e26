package org.tollgate.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on an embedded H2 file database in a temporary folder. */
class H2StoreTest extends StoreContract {
  @TempDir Path dir;

  @Override
  Store freshStore() {
    return Store.open(Store.h2File(dir.resolve("store")));
  }

  @Test
  void anOpenH2StoreKeepsItsDatabaseOpenBetweenUnitsOfWorkAndLetsGoOnClose() throws Exception {
    store.reviews().record(run("sepsis", "GO"), "ana");
    String url = Store.h2File(dir.resolve("store"));
    try (Connection c = DriverManager.getConnection(url)) {
      assertEquals(2, sessions(c), "the store's own session and this one: H2 did not close the file after the write");
      assertEquals("0", value(c, "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'WRITE_DELAY'"),
          "each commit is written as it is made");
      store.close();
      assertEquals(1, sessions(c), "closed: only this connection holds the file");
    }
    store.close(); // idempotent
    try (Store again = Store.open(url)) {
      assertEquals(1, again.reviews().all().size(), "the run written before the close is there");
    }
  }

  private static long sessions(Connection c) throws Exception {
    return Long.parseLong(value(c, "SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS"));
  }

  private static String value(Connection c, String sql) throws Exception {
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }
}
