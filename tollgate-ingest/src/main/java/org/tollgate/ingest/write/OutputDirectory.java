package org.tollgate.ingest.write;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.ThreadLocalRandom;
import org.tollgate.data.BadInputException;

/**
 * A directory that appears complete or not at all: files are written into a hidden sibling
 * ({@code .NAME.tmp-…}, same file system, so the final rename is atomic) and renamed onto the
 * target at {@link #commit()}. Closing without committing deletes the temporary directory. A
 * process killed outright (SIGKILL, power loss) may leave the hidden sibling behind, never a
 * half-written target.
 */
final class OutputDirectory implements AutoCloseable {
  private final Path target;
  private final Path temp;
  private boolean committed;

  private OutputDirectory(Path target, Path temp) {
    this.target = target;
    this.temp = temp;
  }

  /**
   * Checks the target and creates the temporary directory.
   *
   * @param overwrite whether an existing non-empty target may be replaced
   * @throws BadInputException when the target is a file, or a non-empty directory and not {@code overwrite}
   */
  static OutputDirectory create(Path target, boolean overwrite) throws IOException {
    Path t = target.toAbsolutePath().normalize();
    if (t.getParent() == null) {
      throw new BadInputException(target.toString(), "cannot write a cohort to the file system root");
    }
    if (Files.exists(t)) {
      if (!Files.isDirectory(t)) {
        throw new BadInputException(target.toString(), "exists and is not a directory");
      }
      if (!overwrite && !isEmpty(t)) {
        throw new BadInputException(target.toString(), "directory exists and is not empty; use --force to replace it");
      }
    }
    AtomicFile.folder(t.getParent());
    if (Files.exists(t) && AtomicFile.readOnly(t)) {
      throw new BadInputException(target.toString(), "the folder is read-only; tollgate does not replace it");
    }
    // not Files.createTempDirectory: its owner-only permissions would stick to the result
    for (int attempt = 0; ; attempt++) {
      Path temp = t.resolveSibling("." + t.getFileName() + ".tmp-" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 16));
      try {
        Files.createDirectory(temp);
        return new OutputDirectory(t, temp);
      } catch (FileAlreadyExistsException e) {
        if (attempt > 100) {
          throw e;
        }
      }
    }
  }

  /** Where to write the files until {@link #commit()}. */
  Path temp() {
    return temp;
  }

  Path target() {
    return target;
  }

  /** Replaces the target with the temporary directory. */
  void commit() throws IOException {
    Path old = null;
    if (Files.exists(target)) {
      old = target.resolveSibling("." + target.getFileName() + ".old-" + temp.getFileName().toString().replaceAll(".*tmp-", ""));
      move(target, old);
    }
    move(temp, target);
    committed = true;
    if (old != null) {
      deleteRecursively(old);
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to);
    }
  }

  @Override
  public void close() throws IOException {
    if (!committed) {
      deleteRecursively(temp);
    }
  }

  static boolean isEmpty(Path dir) throws IOException {
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
      return !s.iterator().hasNext();
    }
  }

  static void deleteRecursively(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    Files.walkFileTree(root, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Files.deleteIfExists(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
        Files.deleteIfExists(dir);
        return FileVisitResult.CONTINUE;
      }
    });
  }
}
