package org.tollgate.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every case of {@link FileOrderReadTest} again with encounters coded by a join with the encounter
 * dictionary, the path taken when two encounter ids have equal 64-bit hashes (too rare to make on
 * purpose, so forced here); and the hash map itself.
 */
class FileOrderJoinReadTest extends FileOrderReadTest {
  @BeforeEach
  void join() {
    DuckDbReader.joinEncounters = true;
  }

  @AfterEach
  void restore() {
    DuckDbReader.joinEncounters = false;
  }

  @Test
  void hashMapGivesEachHashItsIndexAndRefusesEqualHashes() {
    long[] hashes = new long[1000];
    for (int i = 0; i < hashes.length; i++) {
      hashes[i] = (i * 0x9E3779B97F4A7C15L) >>> 1;
    }
    DuckDbReader.HashCodes m = DuckDbReader.HashCodes.of(hashes);
    for (int i = 0; i < hashes.length; i++) {
      assertEquals(i, m.get(hashes[i]));
    }
    assertEquals(-1, m.get(12345L));
    hashes[700] = hashes[3];
    assertNull(DuckDbReader.HashCodes.of(hashes));
  }
}
