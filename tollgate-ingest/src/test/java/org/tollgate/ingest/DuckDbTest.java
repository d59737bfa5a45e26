package org.tollgate.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DuckDB's 61 MB native library copies do not pile up in the temp folder (issue 19 item 14). */
class DuckDbTest {
  @TempDir Path dir;

  @Test
  void copiesLeftByEndedRunsAreRemovedAndARecentOneIsKept() throws Exception {
    Path old = Files.writeString(dir.resolve("libduckdb_java123.so"), "x");
    Path recent = Files.writeString(dir.resolve("libduckdb_java456.so"), "x");
    Path other = Files.writeString(dir.resolve("libother.so"), "x");
    Instant now = Instant.now();
    Files.setLastModifiedTime(old, FileTime.from(now.minus(Duration.ofHours(1))));
    Files.setLastModifiedTime(other, FileTime.from(now.minus(Duration.ofHours(1))));
    assertEquals(1, DuckDb.removeStaleCopies(dir, now.minus(DuckDb.STALE)));
    assertFalse(Files.exists(old));
    assertTrue(Files.exists(recent), "a copy younger than 10 minutes may be another run still loading it");
    assertTrue(Files.exists(other));
  }

  @Test
  void theLoadedLibraryLeavesNoCopyOnDisk() throws Exception {
    Path maps = Path.of("/proc/self/maps");
    assumeTrue(Files.isReadable(maps), "Linux only");
    try (Connection c = DuckDb.connect()) {
      assertTrue(c.isValid(1));
    }
    List<String> lib = Files.readAllLines(maps).stream().filter(l -> l.contains("libduckdb_java")).toList();
    assertFalse(lib.isEmpty(), "the library is mapped");
    for (String l : lib) {
      assertTrue(l.endsWith("(deleted)"), l);
    }
  }
}
