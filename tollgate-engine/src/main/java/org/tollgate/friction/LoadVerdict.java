package org.tollgate.friction;

import java.util.Locale;
import org.tollgate.evaluation.Interval;

/**
 * Launch checklist item 4, "cognitive load reduced, not redistributed", read from the 95% interval
 * of the change in time on task per session (post − pre).
 */
public enum LoadVerdict {
  /** The whole interval is below zero: sessions take less time after go-live. */
  REDUCED,
  /** The whole interval is above zero: sessions take more time; the gate rejects. */
  INCREASED,
  /** The interval contains zero (or is undefined): the data cannot tell; see the power figures. */
  INCONCLUSIVE;

  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** {@code reduced} iff upper &lt; 0, {@code increased} iff lower &gt; 0, else {@code inconclusive}. */
  public static LoadVerdict of(Interval delta) {
    if (delta == null || Double.isNaN(delta.lower()) || Double.isNaN(delta.upper())) {
      return INCONCLUSIVE;
    }
    if (delta.upper() < 0) {
      return REDUCED;
    }
    if (delta.lower() > 0) {
      return INCREASED;
    }
    return INCONCLUSIVE;
  }
}
