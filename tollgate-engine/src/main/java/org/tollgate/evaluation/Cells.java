package org.tollgate.evaluation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The finest strata: every combination of the levels of the stratification attributes, coded in mixed
 * radix (first attribute most significant). With no attributes there is one cell. Marginal strata
 * (e.g. sex = F) and intersections are unions of cells.
 */
public final class Cells {
  /** Most cells one evaluation may have (product of the attributes' level counts). */
  public static final int MAX_CELLS = 1 << 20;

  private final List<String> attributes;
  private final String[][] levels;
  private final int count;

  public Cells(List<String> attributes, String[][] levels) {
    this.attributes = List.copyOf(attributes);
    if (levels.length != attributes.size()) {
      throw new IllegalArgumentException("one level list per attribute");
    }
    this.levels = levels;
    long c = 1;
    for (String[] l : levels) {
      c *= Math.max(1, l.length);
      if (c > MAX_CELLS) {
        throw new IllegalArgumentException("too many strata: the attributes " + attributes + " combine into more than " + MAX_CELLS + " cells");
      }
    }
    this.count = (int) c;
  }

  public List<String> attributes() {
    return attributes;
  }

  public int count() {
    return count;
  }

  int radix(int attribute) {
    return Math.max(1, levels[attribute].length);
  }

  public String[] levels(int attribute) {
    return levels[attribute].clone();
  }

  /** Level code of one attribute in a cell. */
  public int levelOf(int cell, int attribute) {
    int code = cell;
    for (int i = attributes.size() - 1; i > attribute; i--) {
      code /= radix(i);
    }
    return code % radix(attribute);
  }

  /** attribute → level of a cell, restricted to the attributes in {@code mask} (bit i = attribute i). */
  public Map<String, String> describe(int cell, int mask) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < attributes.size(); i++) {
      if ((mask & (1 << i)) != 0) {
        m.put(attributes.get(i), levels[i][levelOf(cell, i)]);
      }
    }
    return m;
  }

  /** The key of the stratum a cell belongs to when only the attributes in {@code mask} are kept. */
  public int project(int cell, int mask) {
    int code = 0;
    for (int i = 0; i < attributes.size(); i++) {
      int r = radix(i);
      code = code * r + ((mask & (1 << i)) != 0 ? levelOf(cell, i) : 0);
    }
    return code;
  }
}
