package org.tollgate.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import org.flywaydb.core.Flyway;

/**
 * An open store: a JDBC URL, migrated to the current schema. Connections are opened per unit of work
 * (the CLI does a handful; no pool is needed).
 *
 * <p>URL resolution for the CLI ({@link #defaultUrl()}): system property {@code tollgate.db}, else
 * environment variable {@code TOLLGATE_DB}, else an H2 file {@code ./tollgate-data/store} (created on first use).
 */
public final class Store {
  /** Waiting for the audit head's row lock: 20 writers at once must queue, not fail. */
  private static final int H2_LOCK_TIMEOUT_MS = 60_000;

  private final String url;
  private final String given;
  private final AuditLog audit;
  private final Reviews reviews;
  private final People people;

  private Store(String url, String given) {
    this.url = url;
    this.given = given;
    this.audit = new AuditLog(this);
    this.reviews = new Reviews(this);
    this.people = new People(this);
  }

  /** Opens (creating and migrating if needed) the store at a JDBC URL. */
  public static Store open(String jdbcUrl) {
    Objects.requireNonNull(jdbcUrl, "jdbc url");
    if (!jdbcUrl.startsWith("jdbc:h2:") && !jdbcUrl.startsWith("jdbc:postgresql:")) {
      throw new StoreException("unsupported database URL " + redact(jdbcUrl) + ": use jdbc:h2:... or jdbc:postgresql://...");
    }
    String url = jdbcUrl;
    if (url.startsWith("jdbc:h2:") && !url.toUpperCase(java.util.Locale.ROOT).contains("LOCK_TIMEOUT")) {
      url = url + ";LOCK_TIMEOUT=" + H2_LOCK_TIMEOUT_MS;
    }
    try {
      Flyway.configure().dataSource(url, null, null).locations("classpath:db/migration").load().migrate();
    } catch (RuntimeException e) {
      throw new StoreException("cannot open the store at " + redact(jdbcUrl) + ": " + rootMessage(e), e);
    }
    return new Store(url, jdbcUrl);
  }

  /** The store the CLI uses when no {@code --db} is given. */
  public static String defaultUrl() {
    String p = System.getProperty("tollgate.db");
    if (p != null && !p.isBlank()) return p;
    String e = System.getenv("TOLLGATE_DB");
    if (e != null && !e.isBlank()) return e;
    return h2File(Path.of("tollgate-data", "store"));
  }

  /** JDBC URL of an embedded H2 file store at {@code base} (H2 adds {@code .mv.db}). */
  public static String h2File(Path base) {
    return "jdbc:h2:file:" + base.toAbsolutePath().toString().replace('\\', '/');
  }

  /** The URL with any password parameter hidden, for messages. */
  public static String redact(String url) {
    return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
  }

  /** The URL as given, password hidden. */
  public String url() {
    return redact(given);
  }

  public AuditLog audit() {
    return audit;
  }

  public Reviews reviews() {
    return reviews;
  }

  public People people() {
    return people;
  }

  Connection connect() throws SQLException {
    return DriverManager.getConnection(url);
  }

  /** One unit of work. */
  @FunctionalInterface
  interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  /** Runs {@code work} as one transaction: it commits whole or not at all. */
  <T> T transaction(Work<T> work) {
    try (Connection c = connect()) {
      c.setAutoCommit(false);
      c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
      try {
        T t = work.run(c);
        c.commit();
        return t;
      } catch (SQLException | RuntimeException e) {
        try {
          c.rollback();
        } catch (SQLException suppressed) {
          e.addSuppressed(suppressed);
        }
        throw e;
      }
    } catch (SQLException e) {
      throw new StoreException("store error: " + e.getMessage(), e);
    }
  }

  /** Now, UTC, millisecond precision, as ISO-8601 text (what every time column holds). */
  static String now() {
    return TIME.format(Instant.now().truncatedTo(ChronoUnit.MILLIS));
  }

  /** Fixed width, so text order is time order. */
  private static final java.time.format.DateTimeFormatter TIME =
      java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(java.time.ZoneOffset.UTC);

  private static String rootMessage(Throwable t) {
    Throwable r = t;
    while (r.getCause() != null && r.getCause() != r) r = r.getCause();
    return r.getMessage() == null ? r.toString() : r.getMessage();
  }
}
