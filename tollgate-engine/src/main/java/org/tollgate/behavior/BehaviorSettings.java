package org.tollgate.behavior;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Settings of a behavioral map.
 *
 * @param task the task to map, or null for every task in the log
 * @param clinicalRoles roles that hold a clinical credential (case-insensitive); every other role is non-clinical.
 *     Null to use the log's own clinical column (events without it count as unknown)
 * @param minCell counts from 1 to minCell − 1 are withheld (default {@value #DEFAULT_MIN_CELL}, the common public-health rule)
 */
public record BehaviorSettings(String task, Set<String> clinicalRoles, int minCell) {
  public static final int DEFAULT_MIN_CELL = org.tollgate.evaluation.SmallCells.DEFAULT_MIN_CELL;

  public BehaviorSettings {
    if (task != null && task.isBlank()) {
      throw new IllegalArgumentException("task must not be blank");
    }
    if (clinicalRoles != null) {
      Set<String> lower = new TreeSet<>();
      for (String r : clinicalRoles) {
        if (r == null || r.isBlank()) throw new IllegalArgumentException("clinical roles must not be blank");
        lower.add(r.strip().toLowerCase(Locale.ROOT));
      }
      clinicalRoles = java.util.Collections.unmodifiableSet(lower);
    }
    if (minCell < 1) {
      throw new IllegalArgumentException("minCell must be >= 1, got " + minCell);
    }
  }

  public static BehaviorSettings defaults() {
    return new BehaviorSettings(null, null, DEFAULT_MIN_CELL);
  }

  public BehaviorSettings withTask(String t) {
    return new BehaviorSettings(t, clinicalRoles, minCell);
  }

  public BehaviorSettings withClinicalRoles(List<String> roles) {
    return new BehaviorSettings(task, roles == null ? null : Set.copyOf(roles), minCell);
  }

  public BehaviorSettings withMinCell(int m) {
    return new BehaviorSettings(task, clinicalRoles, m);
  }

  /** Whether a role counts as clinical under the mapping (only meaningful when {@link #clinicalRoles()} is set). */
  public boolean isClinicalRole(String role) {
    return clinicalRoles != null && clinicalRoles.contains(role.strip().toLowerCase(Locale.ROOT));
  }

  /** Every setting in a stable order, for reports. */
  public Map<String, Object> describe() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("task", task);
    m.put("clinical_roles", clinicalRoles == null ? null : List.copyOf(clinicalRoles));
    m.put("min_cell", minCell);
    return m;
  }
}
