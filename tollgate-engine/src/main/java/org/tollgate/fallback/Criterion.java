package org.tollgate.fallback;

import java.util.Locale;
import java.util.Objects;

/**
 * One box on the paper checklist: a bedside input compared with a threshold in clinical units, e.g.
 * "respiratory rate ≥ 22/min". A missing or too old value never meets a criterion.
 *
 * @param input the bedside input
 * @param op how the value is compared (for a yes/no input: {@link Op#AT_LEAST} 1, "present")
 * @param threshold in the input's unit; for a yes/no input 1
 */
public record Criterion(BedsideInput input, Op op, double threshold) implements Comparable<Criterion> {

  /** The comparison; inclusive both ways, as clinical criteria are usually written (≥, ≤). */
  public enum Op {
    AT_LEAST("≥"),
    AT_MOST("≤");

    private final String symbol;

    Op(String symbol) {
      this.symbol = symbol;
    }

    public String symbol() {
      return symbol;
    }
  }

  public Criterion {
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(op, "op");
    if (!Double.isFinite(threshold)) throw new IllegalArgumentException("threshold of " + input.column() + " must be a number, got " + threshold);
    if (input.binary() && (op != Op.AT_LEAST || threshold != 1)) {
      throw new IllegalArgumentException(input.column() + " is yes/no: its criterion is 'present' (≥ 1), got " + op.symbol() + " " + threshold);
    }
  }

  /** Whether a charted value meets the criterion (NaN never does). */
  public boolean test(double v) {
    return op == Op.AT_LEAST ? v >= threshold : v <= threshold;
  }

  /** As printed on the checklist, e.g. "respiratory rate ≥ 22/min", "altered mentation (not alert)". */
  public String text() {
    if (input.binary()) return input.label();
    return input.label() + " " + op.symbol() + " " + number(threshold) + input.unit();
  }

  /** A threshold as written: no trailing zeros (22, 38.5, 0.5). */
  static String number(double v) {
    if (v == Math.rint(v)) return Long.toString((long) v);
    return new java.math.BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
  }

  /** Checklist order: by input (vital signs first, then labs), then direction, then threshold. */
  @Override
  public int compareTo(Criterion o) {
    int c = input.compareTo(o.input);
    if (c != 0) return c;
    c = op.compareTo(o.op);
    return c != 0 ? c : Double.compare(threshold, o.threshold);
  }

  @Override
  public String toString() {
    return text();
  }

  /** Machine form, e.g. {@code resp_rate >= 22}, as review.yaml's {@code fallback.rule} writes it. */
  public String spec() {
    return input.column() + (input.binary() ? "" : " " + (op == Op.AT_LEAST ? ">=" : "<=") + " " + number(threshold));
  }

  static String format(double v) {
    return String.format(Locale.ROOT, "%s", number(v));
  }
}
