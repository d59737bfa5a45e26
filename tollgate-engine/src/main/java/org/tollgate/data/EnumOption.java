package org.tollgate.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** An option whose value names an enum constant, case-insensitively; the command line and the Spark jobs parse alike. */
public final class EnumOption {
  private EnumOption() {}

  /** @throws BadInputException naming the option and the allowed values when {@code value} names no constant */
  public static <E extends Enum<E>> E parse(Class<E> type, String value, String option) {
    try {
      return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      List<String> allowed = new ArrayList<>();
      for (E c : type.getEnumConstants()) allowed.add(c.name().toLowerCase(Locale.ROOT));
      throw new BadInputException(null, option + " must be one of " + allowed + ", got '" + value + "'");
    }
  }
}
