package org.tollgate.ingest;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Every case of {@link FileOrderReadTest} again with the file-order pull cut into three ranges of rows,
 * each pulled on its own connection and thread, as a file of a million rows or more is on a machine
 * with more than one core: duplicates, patient conflicts and disorder that straddle two ranges must
 * give the same hand-worked tables and messages.
 */
class FileOrderPartsReadTest extends FileOrderReadTest {
  @BeforeEach
  void cutIntoThreeParts() {
    DuckDbReader.forcedParts = 3;
  }

  @AfterEach
  void restore() {
    DuckDbReader.forcedParts = 0;
  }
}
