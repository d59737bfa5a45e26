package org.tollgate.ingest;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Every DuckDB connection tollgate opens, and the one place that deals with DuckDB's native library.
 *
 * <p>The DuckDB JDBC driver copies its native library (about 61 MB) into {@code java.io.tmpdir} as
 * {@code libduckdb_java<random>.so} each time a JVM loads it, and deletes the copy only at a normal exit;
 * every run that is killed or interrupted leaves one behind. Here, on Linux, the copy is unlinked as soon
 * as it is loaded (the mapped library stays usable; the file is gone even if the process is then killed),
 * and copies older than {@link #STALE} left by earlier runs are removed before the first connection.
 */
public final class DuckDb {
  /** Copies older than this are left over from ended runs; younger ones may be another run still loading. */
  static final Duration STALE = Duration.ofMinutes(10);
  private static final String PREFIX = "libduckdb_java";
  private static volatile boolean ready;

  private DuckDb() {}

  /** An in-memory DuckDB connection. */
  public static Connection connect() throws SQLException {
    if (!ready) {
      loadLibrary();
    }
    return DriverManager.getConnection("jdbc:duckdb:");
  }

  private static synchronized void loadLibrary() {
    if (ready) {
      return;
    }
    Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
    removeStaleCopies(tmp, Instant.now().minus(STALE));
    try {
      Class.forName("org.duckdb.DuckDBNative"); // its static initializer copies and loads the library
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("the DuckDB driver is not on the class path", e);
    }
    unlinkLoadedCopy(tmp);
    ready = true;
  }

  /**
   * Deletes the {@code libduckdb_java*.so} files in {@code dir} last modified before {@code before}. Deleting a
   * copy another process has mapped is harmless on Linux and macOS (the mapping keeps the file's data).
   *
   * @return how many were deleted
   */
  static int removeStaleCopies(Path dir, Instant before) {
    int n = 0;
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, PREFIX + "*.so")) {
      for (Path p : s) {
        try {
          if (Files.isRegularFile(p) && Files.getLastModifiedTime(p).toInstant().isBefore(before) && Files.deleteIfExists(p)) {
            n++;
          }
        } catch (IOException notOurs) {
          // another user's copy, or already gone
        }
      }
    } catch (IOException | SecurityException e) {
      // best effort: a temp folder we cannot list holds nothing we can clean
    }
    return n;
  }

  /** Unlinks this process's copy of the library, found in /proc/self/maps (Linux only; elsewhere it stays until exit). */
  private static void unlinkLoadedCopy(Path tmp) {
    Path maps = Path.of("/proc/self/maps");
    if (!Files.isReadable(maps)) {
      return;
    }
    try {
      List<String> lines = Files.readAllLines(maps);
      for (String line : lines) {
        int at = line.indexOf('/');
        if (at < 0) {
          continue;
        }
        Path lib = Path.of(line.substring(at).strip());
        if (lib.getFileName().toString().startsWith(PREFIX) && lib.getFileName().toString().endsWith(".so")
            && lib.getParent() != null && lib.getParent().equals(tmp.toAbsolutePath())) {
          Files.deleteIfExists(lib);
          return;
        }
      }
    } catch (IOException | RuntimeException e) {
      // best effort: the driver's own deleteOnExit still removes it at a normal exit
    }
  }
}
