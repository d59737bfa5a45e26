package org.tollgate.fallback;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A rule a person applies with a pen in under a minute: at most {@value #MAX_CRITERIA} criteria on
 * bedside values, each worth whole points, and one cut-off. With every criterion worth one point it
 * reads "k or more of these n" (qSOFA is 2 of 3, SIRS 2 of 4); otherwise as a points score (NEWS2-like,
 * one cut-off).
 *
 * @param name what the checklist calls it, e.g. "qSOFA" or "found from the features table"
 * @param criteria 1 to {@value #MAX_CRITERIA} distinct criteria
 * @param points points per criterion, each 1 to {@value #MAX_POINTS}
 * @param cutOff the rule is met when the ticked boxes' points reach this (1 to their sum)
 * @param origin who wrote it
 */
public record PaperRule(String name, List<Criterion> criteria, List<Integer> points, int cutOff, Origin origin) {

  /** Where a rule came from. */
  public enum Origin {
    /** Found by {@link RuleSearch} from the features table. */
    FOUND,
    /** Written by the review's clinicians ({@code fallback.rule} in review.yaml). */
    CLINICIAN
  }

  public static final int MAX_CRITERIA = 5;
  public static final int MAX_POINTS = 3;

  public PaperRule {
    Objects.requireNonNull(criteria, "criteria");
    Objects.requireNonNull(origin, "origin");
    criteria = List.copyOf(criteria);
    points = points == null ? criteria.stream().map(c -> 1).toList() : List.copyOf(points);
    if (criteria.isEmpty() || criteria.size() > MAX_CRITERIA) {
      throw new IllegalArgumentException("a paper rule has 1 to " + MAX_CRITERIA + " criteria, got " + criteria.size());
    }
    if (points.size() != criteria.size()) {
      throw new IllegalArgumentException("one point value per criterion: " + criteria.size() + " criteria, " + points.size() + " points");
    }
    int sum = 0;
    for (int p : points) {
      if (p < 1 || p > MAX_POINTS) throw new IllegalArgumentException("points per criterion must be 1 to " + MAX_POINTS + ", got " + p);
      sum += p;
    }
    if (cutOff < 1 || cutOff > sum) throw new IllegalArgumentException("the cut-off must be 1 to " + sum + " (the points of all criteria), got " + cutOff);
    for (int i = 0; i < criteria.size(); i++) {
      for (int j = 0; j < i; j++) {
        if (criteria.get(i).equals(criteria.get(j))) throw new IllegalArgumentException("criterion '" + criteria.get(i).text() + "' is listed twice");
      }
    }
    name = name == null || name.isBlank() ? (origin == Origin.FOUND ? "found from the features table" : "written by the clinicians") : name;
  }

  /** "k of n" (every criterion one point). */
  public static PaperRule kOfN(String name, List<Criterion> criteria, int k, Origin origin) {
    return new PaperRule(name, criteria, null, k, origin);
  }

  /** Whether every criterion is worth one point, so the rule reads "k or more of these n". */
  public boolean kOfN() {
    return points.stream().allMatch(p -> p == 1);
  }

  /** The instruction under the boxes, e.g. "2 or more boxes ticked" or "3 or more points". */
  public String combination() {
    if (kOfN()) {
      return criteria.size() == 1 ? "the box is ticked"
          : cutOff == criteria.size() ? (criteria.size() == 2 ? "both boxes are ticked" : "all " + criteria.size() + " boxes are ticked")
          : cutOff + " or more of these " + criteria.size() + " boxes are ticked";
    }
    return cutOff + " or more points";
  }

  /** The rule in one line, e.g. "2 or more of: respiratory rate ≥ 22/min; systolic blood pressure ≤ 100 mmHg; altered mentation". */
  public String oneLine() {
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < criteria.size(); i++) {
      parts.add(criteria.get(i).text() + (kOfN() ? "" : " (" + points.get(i) + (points.get(i) == 1 ? " point)" : " points)")));
    }
    return (kOfN() ? cutOff + " or more of: " : cutOff + " or more points from: ") + String.join("; ", parts);
  }

  /** Columns of the features table the rule reads. */
  public List<String> columns() {
    return criteria.stream().map(c -> c.input().column()).distinct().toList();
  }

  private static final Pattern CRITERION = Pattern.compile("\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*(?:(>=|<=|≥|≤)\\s*(-?[0-9]+(?:\\.[0-9]+)?))?\\s*");

  /**
   * A criterion as review.yaml writes it: {@code resp_rate >= 22}, {@code systolic_bp <= 100} (≥ and ≤
   * also read), or a yes/no input alone ({@code altered_mentation}).
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  public static Criterion parse(String s) {
    Matcher m = CRITERION.matcher(s);
    if (!m.matches()) {
      throw new IllegalArgumentException("'" + s + "' is not a criterion: write e.g. 'resp_rate >= 22' or 'altered_mentation'");
    }
    BedsideInput in = BedsideInput.ofColumn(m.group(1));
    if (in == null) {
      throw new IllegalArgumentException("'" + m.group(1) + "' is not a bedside input tollgate knows; use one of "
          + java.util.Arrays.stream(BedsideInput.values()).map(BedsideInput::column).toList());
    }
    if (in.binary()) {
      if (m.group(2) != null) throw new IllegalArgumentException("'" + in.column() + "' is yes/no: write it alone, without a threshold");
      return new Criterion(in, Criterion.Op.AT_LEAST, 1);
    }
    if (m.group(2) == null) throw new IllegalArgumentException("'" + in.column() + "' needs a comparison and a threshold, e.g. '" + in.column() + " >= " + Criterion.number(in.high()) + "'");
    Criterion.Op op = m.group(2).equals(">=") || m.group(2).equals("≥") ? Criterion.Op.AT_LEAST : Criterion.Op.AT_MOST;
    return new Criterion(in, op, Double.parseDouble(m.group(3)));
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "%s: %s", name, oneLine());
  }
}
