package org.tollgate.ingest.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import org.tollgate.data.BadInputException;

/**
 * The one place a file named in a review folder's YAML (data files and summaries, the workflow file, the trade-off
 * pilot, the behavior log and visit windows, attestation documents) becomes a path a reader opens. Every reader of
 * review.yaml goes through {@link #resolve}, so no key can be forgotten.
 *
 * <p>The rule: the value is a plain relative path (no YAML tag such as {@code !!binary}, no absolute path, drive
 * letter, URL or NUL), it stays inside the review folder after {@code ..} is folded, the file exists, and its
 * canonical real path (every symbolic link resolved) lies inside the folder's real path. Anything else is a
 * {@link BadInputException} naming the key and the value as written, never the server's absolute paths or the file's content.
 */
public final class ReviewPaths {
  private ReviewPaths() {}

  /** The file {@code n} names, relative to the review folder {@code base}; refused unless it is inside that folder. */
  public static Path resolve(YamlNode n, Path base) {
    String s = n.text();
    String given = "'" + s + "'";
    if (s.isBlank()) throw n.error("needs a file name (relative to the review folder)");
    if (s.indexOf('\0') >= 0 || s.contains("://") || s.startsWith("/") || s.startsWith("\\") || s.matches("^[A-Za-z]:.*")) {
      throw n.error(given + " is outside the review folder; a review may only use files inside its own folder");
    }
    Path root;
    try {
      root = base.toRealPath();
    } catch (IOException e) {
      throw n.error("the review folder cannot be read");
    }
    Path p;
    try {
      p = root.resolve(s).normalize();
    } catch (InvalidPathException e) {
      throw n.error(given + " is not a file name");
    }
    if (!p.startsWith(root) || p.equals(root)) {
      throw n.error(given + " is outside the review folder; a review may only use files inside its own folder");
    }
    if (!Files.exists(p)) throw n.error("file not found: " + s + " (paths are relative to the review folder)");
    Path real;
    try {
      real = p.toRealPath();
    } catch (IOException e) {
      throw n.error("file not found: " + s + " (paths are relative to the review folder)");
    }
    if (!real.startsWith(root)) {
      throw n.error(given + " is a link to a file outside the review folder; a review may only use files inside its own folder");
    }
    // The path as named (not the real one), so messages and dossiers show the file the review names.
    return p;
  }
}
