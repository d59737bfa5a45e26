package org.tollgate.store;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/** Reads every text value of every table of a store (as {@code TABLE.COLUMN=value}): what a privacy scan searches. */
public final class StoreScan {
  private StoreScan() {}

  public static List<String> allText(Store store) throws Exception {
    List<String> out = new ArrayList<>();
    try (Connection c = store.connect()) {
      DatabaseMetaData md = c.getMetaData();
      List<String> tables = new ArrayList<>();
      try (ResultSet rs = md.getTables(null, null, "%", new String[] {"TABLE"})) {
        while (rs.next()) {
          String schema = rs.getString("TABLE_SCHEM");
          if (schema != null && (schema.equalsIgnoreCase("INFORMATION_SCHEMA") || schema.startsWith("pg_"))) continue;
          tables.add(rs.getString("TABLE_NAME"));
        }
      }
      for (String t : tables) {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT * FROM \"" + t + "\"")) {
          int n = rs.getMetaData().getColumnCount();
          while (rs.next()) {
            for (int k = 1; k <= n; k++) {
              int type = rs.getMetaData().getColumnType(k);
              if (type == Types.VARCHAR || type == Types.CLOB || type == Types.LONGVARCHAR || type == Types.CHAR) {
                String v = rs.getString(k);
                if (v != null) out.add(t + "." + rs.getMetaData().getColumnName(k) + "=" + v);
              }
            }
          }
        }
      }
      if (tables.isEmpty()) throw new IllegalStateException("no tables found to scan");
    }
    return out;
  }
}
