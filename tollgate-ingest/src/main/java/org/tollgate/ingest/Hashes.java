package org.tollgate.ingest;

import java.nio.file.Path;
import java.util.List;
import org.tollgate.data.BadInputException;

/** SHA-256 of inputs and files, computed one way everywhere (lower-case hex). */
public final class Hashes {
  private Hashes() {}

  /**
   * The hash of an input exactly as the readers record it in {@code InputRecord.sha256}: a file's bytes
   * as stored, or the Parquet files of a folder or glob concatenated in name order.
   *
   * @throws BadInputException when the input cannot be found or read
   */
  public static String input(Path path) {
    return InputSource.resolve(path).sha256();
  }

  /**
   * The hash of one file's bytes, whatever it holds (an attestation document, a written table).
   *
   * @throws BadInputException when the file cannot be read
   */
  public static String file(Path path) {
    return InputSource.sha256(List.of(path), List.of(path.toString()));
  }
}
