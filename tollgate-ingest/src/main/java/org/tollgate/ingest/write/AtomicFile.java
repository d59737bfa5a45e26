package org.tollgate.ingest.write;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** The one atomic file write: the command line's reports and the Spark jobs' outputs go through it. */
public final class AtomicFile {
  private AtomicFile() {}

  /** Writes the bytes of one file. */
  @FunctionalInterface
  public interface Body {
    void write(OutputStream o) throws IOException;
  }

  /**
   * Writes {@code target} atomically: into a hidden temporary file beside it, made readable by all
   * (rw-r--r--), then renamed over the target; on any failure the temporary file is removed and the
   * target is untouched.
   */
  public static void write(Path target, Body body) throws IOException {
    Path tmp = Files.createTempFile(target.toAbsolutePath().getParent(), "." + target.getFileName() + ".", ".tmp");
    try {
      try (OutputStream o = new java.io.BufferedOutputStream(Files.newOutputStream(tmp))) {
        body.write(o);
      }
      readableByAll(tmp);
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** Temporary files are created owner-only; a report is an ordinary file (rw-r--r--). */
  public static void readableByAll(Path p) throws IOException {
    try {
      Files.setPosixFilePermissions(p, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
    } catch (UnsupportedOperationException notPosix) {
      // Windows: the default ACL applies
    }
  }
}
