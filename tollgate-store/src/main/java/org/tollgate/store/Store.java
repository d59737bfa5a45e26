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
 * <p>An embedded H2 file is held open for as long as the store is (one idle connection, closed by
 * {@link #close()}), so that units of work running at once in one process share one open database
 * instead of H2 closing the file when the last of them ends and reopening it for the next: a close racing
 * concurrent commits once left the audit head behind the log it heads. Every commit is written to the
 * file as it is made ({@code WRITE_DELAY=0}, not H2's default of up to half a second later), so a process
 * killed right after a write loses nothing that was reported written. While a process holds the store,
 * another process cannot open the same H2 file (an embedded database has one owner at a time).
 *
 * <p>URL resolution for the CLI ({@link #defaultUrl()}): system property {@code tollgate.db}, else
 * environment variable {@code TOLLGATE_DB}, else an H2 file {@code ./tollgate-data/store} (created on first use).
 */
public final class Store implements AutoCloseable {
  /** Waiting for the audit head's row lock: 20 writers at once must queue, not fail. */
  private static final int H2_LOCK_TIMEOUT_MS = 60_000;

  private final String url;
  private final String given;
  private final AuditLog audit;
  private final Reviews reviews;
  private final People people;
  private final Monitoring monitoring;
  /** Holds an embedded H2 database open while the store is; null for PostgreSQL. */
  private final Connection keeper;

  private Store(String url, String given, Connection keeper) {
    this.url = url;
    this.given = given;
    this.keeper = keeper;
    this.audit = new AuditLog(this);
    this.reviews = new Reviews(this);
    this.people = new People(this);
    this.monitoring = new Monitoring(this);
  }

  /** Opens (creating and migrating if needed) the store at a JDBC URL. */
  public static Store open(String jdbcUrl) {
    Objects.requireNonNull(jdbcUrl, "jdbc url");
    if (!jdbcUrl.startsWith("jdbc:h2:") && !jdbcUrl.startsWith("jdbc:postgresql:")) {
      throw new StoreException("unsupported database URL " + redact(jdbcUrl) + ": use jdbc:h2:... or jdbc:postgresql://...");
    }
    boolean h2 = jdbcUrl.startsWith("jdbc:h2:");
    String url = jdbcUrl;
    if (h2) {
      url = withDefault(url, "LOCK_TIMEOUT", Integer.toString(H2_LOCK_TIMEOUT_MS));
      url = withDefault(url, "WRITE_DELAY", "0");
    }
    Connection keeper = null;
    try {
      if (h2) keeper = DriverManager.getConnection(url);
      Flyway.configure().dataSource(url, null, null).locations("classpath:db/migration").load().migrate();
    } catch (SQLException | RuntimeException e) {
      closeQuietly(keeper, e);
      throw new StoreException("cannot open the store at " + redact(jdbcUrl) + ": " + rootMessage(e), e);
    }
    return new Store(url, jdbcUrl, keeper);
  }

  /** Appends {@code ;KEY=value} to an H2 URL unless the URL already sets KEY. */
  private static String withDefault(String url, String key, String value) {
    return url.toUpperCase(java.util.Locale.ROOT).contains(";" + key + "=") ? url : url + ";" + key + "=" + value;
  }

  private static void closeQuietly(Connection c, Exception cause) {
    if (c == null) return;
    try {
      c.close();
    } catch (SQLException suppressed) {
      cause.addSuppressed(suppressed);
    }
  }

  /**
   * Lets go of the store: for an embedded H2 file, H2 closes the database once no unit of work is still
   * running, and another process may then open it. Idempotent.
   */
  @Override
  public void close() {
    if (keeper == null) return;
    try {
      keeper.close();
    } catch (SQLException e) {
      throw new StoreException("cannot close the store at " + url() + ": " + e.getMessage(), e);
    }
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

  /** Monitored periods and monitoring status (tollgate monitor). */
  public Monitoring monitoring() {
    return monitoring;
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
