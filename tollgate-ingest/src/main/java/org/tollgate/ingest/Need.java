package org.tollgate.ingest;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Which columns a command cannot do without. The score is always required. A role column that is not
 * required is read when the mapping names it and the file has it, and left out of the table when the
 * file lacks it (so {@code inspect} works on a file with no labels, and evaluation does not need
 * times). Attribute columns named in the mapping are always required: the user asked for them.
 *
 * @param required the role columns the command needs; always contains {@link Column#SCORE}
 * @param lenientAttributes when true, an attribute column with more distinct values than the table
 *     can code (32,767) is left out instead of failing the read; for {@code inspect}, which surveys
 *     every column. The returned table's {@code attributeNames()} say which attributes were kept.
 */
public record Need(Set<Column> required, boolean lenientAttributes) {

  /** The role columns of a prediction log (attributes are named separately in the mapping). */
  public enum Column {
    ID("patient id"),
    ENCOUNTER("encounter"),
    TIME("time"),
    SCORE("score"),
    LABEL("label");

    private final String words;

    Column(String words) {
      this.words = words;
    }

    /** The role in words, for messages. */
    public String words() {
      return words;
    }
  }

  /** Only the score: {@code inspect}. */
  public static final Need SCORE_ONLY = of();

  /** Score and label: evaluation (discrimination, calibration, stratified matrices). */
  public static final Need SCORE_AND_LABEL = of(Column.LABEL);

  /** Encounter, time, score: alert-policy simulation over score streams. */
  public static final Need SCORE_STREAM = of(Column.ENCOUNTER, Column.TIME);

  public Need {
    Objects.requireNonNull(required, "required");
    EnumSet<Column> copy = EnumSet.of(Column.SCORE);
    copy.addAll(required);
    required = Set.copyOf(copy);
  }

  /** The score plus the given columns. */
  public static Need of(Column... columns) {
    EnumSet<Column> set = EnumSet.of(Column.SCORE);
    set.addAll(Arrays.asList(columns));
    return new Need(set, false);
  }

  public boolean requires(Column column) {
    return required.contains(column);
  }

  /** This need, with wide attribute columns left out instead of failing (see {@link #lenientAttributes}). */
  public Need withLenientAttributes() {
    return new Need(required, true);
  }
}
