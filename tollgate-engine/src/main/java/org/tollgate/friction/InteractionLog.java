package org.tollgate.friction;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.tollgate.data.TableSource;

/**
 * An interaction log held column by column in primitive arrays: one row per timed step a user took
 * (open a study, scroll an image, sign a note), with its start and end in epoch milliseconds and
 * the period (before or after go-live) it belongs to.
 *
 * <p>Per row: session code (int, or none when the log has no session column and sessions are to be
 * rebuilt from idle gaps), user code (int), role code (int), step code (int), start and end
 * (long epoch milliseconds, so sub-second durations survive), period (byte) and one {@code short}
 * code per attribute (site, shift): 33 + 2·k bytes a row. User and session identifiers are kept only
 * as dense codes, so nothing downstream can print them.
 *
 * <p>Invariants checked as rows are added (each violation is a {@link RowException} naming the
 * column): end ≥ start; a session belongs to one user and one period. Immutable once built; arrays
 * are owned by the log and must not be changed by callers.
 */
public final class InteractionLog {
  /** Level used for an empty attribute value. */
  public static final String MISSING_LEVEL = "(missing)";

  private final int rows;
  private final int[] session;
  private final int sessionCount;
  private final int[] user;
  private final int userCount;
  private final int[] role;
  private final String[] roles;
  private final int[] step;
  private final String[] steps;
  private final long[] start;
  private final long[] end;
  private final byte[] period;
  private final List<String> attributeNames;
  private final String[][] attributeLevels;
  private final short[][] attributeCodes;
  private final int[] firstRowOfStep;
  private final TableSource source;

  private InteractionLog(int rows, int[] session, int sessionCount, int[] user, int userCount, int[] role, String[] roles, int[] step,
      String[] steps, long[] start, long[] end, byte[] period, List<String> attributeNames, String[][] attributeLevels,
      short[][] attributeCodes, int[] firstRowOfStep, TableSource source) {
    // Arrays are taken as they are (they may be longer than rows): copying 10 million rows would
    // double the peak memory for nothing.
    this.rows = rows;
    this.session = session;
    this.sessionCount = sessionCount;
    this.user = user;
    this.userCount = userCount;
    this.role = role;
    this.roles = roles;
    this.step = step;
    this.steps = steps;
    this.start = start;
    this.end = end;
    this.period = period;
    this.attributeNames = List.copyOf(attributeNames);
    this.attributeLevels = attributeLevels;
    this.attributeCodes = attributeCodes;
    this.firstRowOfStep = firstRowOfStep;
    this.source = source;
  }

  private static InteractionLog of(Builder b, TableSource source) {
    int na = b.attributeNames.size();
    String[][] levels = new String[na][];
    for (int a = 0; a < na; a++) levels[a] = b.attributeLevels.get(a).toArray(new String[0]);
    return new InteractionLog(b.rows, b.session, b.sessionIds == null ? 0 : b.sessionIds.size(), b.user, b.userIds.size(), b.role,
        b.roles.toArray(new String[0]), b.step, b.steps.toArray(new String[0]), b.start, b.end, b.period, b.attributeNames, levels,
        b.attributeCodes, Arrays.copyOf(b.firstRowOfStep, b.steps.size()), source);
  }

  /**
   * A log from columns already dictionary-encoded (a reader that encodes in SQL), checked for the
   * same invariants the {@link Builder} checks. Codes must be dense and, for the output to match a
   * log built row by row, numbered in order of first appearance.
   *
   * @param session per-row session code, or null to rebuild sessions from idle gaps
   * @param period per-row 0 (pre) or 1 (post)
   * @throws RowException naming the column when a row breaks an invariant; {@link RowException#row()} is its 0-based index
   * @throws IllegalArgumentException when the arrays do not fit together
   */
  public static InteractionLog ofColumns(int rows, int[] session, int sessionCount, int[] user, int userCount, int[] role,
      List<String> roles, int[] step, List<String> steps, long[] start, long[] end, byte[] period, List<String> attributeNames,
      List<List<String>> attributeLevels, short[][] attributeCodes, TableSource source) {
    check(rows, user, userCount, "user");
    check(rows, role, roles.size(), "role");
    check(rows, step, steps.size(), "step");
    if (session != null) check(rows, session, sessionCount, "session");
    if (start.length < rows || end.length < rows || period.length < rows || attributeCodes.length != attributeNames.size()
        || attributeLevels.size() != attributeNames.size()) {
      throw new IllegalArgumentException("columns do not fit together");
    }
    int[] sessionUser = session == null ? null : new int[sessionCount];
    byte[] sessionPeriod = session == null ? null : new byte[sessionCount];
    if (sessionUser != null) Arrays.fill(sessionUser, -1);
    int[] firstRow = new int[steps.size()];
    Arrays.fill(firstRow, -1);
    for (int i = 0; i < rows; i++) {
      if (end[i] < start[i]) {
        throw new RowException("end", "end is before start (" + (start[i] - end[i]) + " ms earlier)", i);
      }
      if (period[i] != 0 && period[i] != 1) throw new IllegalArgumentException("period codes are 0 or 1");
      if (firstRow[step[i]] < 0) firstRow[step[i]] = i;
      if (session != null) {
        int s = session[i];
        if (sessionUser[s] < 0) {
          sessionUser[s] = user[i];
          sessionPeriod[s] = period[i];
        } else if (sessionUser[s] != user[i]) {
          throw new RowException("user", "session " + s + " already belongs to another user; a session is one user's", i);
        } else if (sessionPeriod[s] != period[i]) {
          throw new RowException("period", "session " + s + " has rows in both periods; a session lies in one period", i);
        }
      }
    }
    String[][] levels = new String[attributeNames.size()][];
    for (int a = 0; a < levels.length; a++) {
      levels[a] = attributeLevels.get(a).toArray(new String[0]);
      if (attributeCodes[a].length < rows) throw new IllegalArgumentException("attribute column shorter than " + rows + " rows");
    }
    return new InteractionLog(rows, session, sessionCount, user, userCount, role, roles.toArray(new String[0]), step,
        steps.toArray(new String[0]), start, end, period, attributeNames, levels, attributeCodes, firstRow, source);
  }

  private static void check(int rows, int[] codes, int count, String what) {
    if (codes.length < rows) throw new IllegalArgumentException(what + " column shorter than " + rows + " rows");
    for (int i = 0; i < rows; i++) {
      if (codes[i] < 0 || codes[i] >= count) throw new IllegalArgumentException(what + " code out of range at row " + i);
    }
  }

  /** A row that breaks an invariant; {@link #column()} names the column to blame. */
  public static final class RowException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final String column;
    private final int row;

    RowException(String column, String message) {
      this(column, message, -1);
    }

    RowException(String column, String message, int row) {
      super(message);
      this.column = column;
      this.row = row;
    }

    /** 0-based index of the row at fault when known ({@link #ofColumns}), else -1 (the row being added). */
    public int row() {
      return row;
    }

    /** The role of the column at fault: session, user, role, step, start, end, period, or an attribute name. */
    public String column() {
      return column;
    }
  }

  public int rows() {
    return rows;
  }

  /** True when the log came with a session column; otherwise sessions are rebuilt from idle gaps. */
  public boolean hasSessions() {
    return session != null;
  }

  public int sessionCount() {
    return sessionCount;
  }

  public int session(int row) {
    return session[row];
  }

  public int userCount() {
    return userCount;
  }

  public int user(int row) {
    return user[row];
  }

  public int role(int row) {
    return role[row];
  }

  public int roleCount() {
    return roles.length;
  }

  public String roleName(int code) {
    return roles[code];
  }

  public int step(int row) {
    return step[row];
  }

  public int stepCount() {
    return steps.length;
  }

  public String stepName(int code) {
    return steps[code];
  }

  /** Code of a step name, or -1. */
  public int stepCode(String name) {
    return Arrays.asList(steps).indexOf(name);
  }

  /** 0-based index of the first row with this step, for messages that point at a row. */
  public int firstRowOfStep(int code) {
    return firstRowOfStep[code];
  }

  public long startMillis(int row) {
    return start[row];
  }

  public long endMillis(int row) {
    return end[row];
  }

  public Period period(int row) {
    return period[row] == 0 ? Period.PRE : Period.POST;
  }

  public List<String> attributeNames() {
    return attributeNames;
  }

  public String attributeLevel(int attribute, int code) {
    return attributeLevels[attribute][code];
  }

  public int attributeLevelCount(int attribute) {
    return attributeLevels[attribute].length;
  }

  public int attributeCode(int attribute, int row) {
    return attributeCodes[attribute][row];
  }

  /** Provenance, or null for a log built in memory. */
  public TableSource source() {
    return source;
  }

  // Column access for the engine's hot loops; callers must not modify.
  int[] sessionColumn() {
    return session;
  }

  int[] userColumn() {
    return user;
  }

  int[] roleColumn() {
    return role;
  }

  int[] stepColumn() {
    return step;
  }

  long[] startColumn() {
    return start;
  }

  long[] endColumn() {
    return end;
  }

  byte[] periodColumn() {
    return period;
  }

  short[] attributeColumn(int attribute) {
    return attributeCodes[attribute];
  }

  /**
   * Collects rows. Codes are given in order of first appearance. Not thread-safe.
   */
  public static final class Builder {
    private final boolean withSessions;
    private final List<String> attributeNames;
    private int rows;
    private int[] session;
    private int[] user = new int[1024];
    private int[] role = new int[1024];
    private int[] step = new int[1024];
    private long[] start = new long[1024];
    private long[] end = new long[1024];
    private byte[] period = new byte[1024];
    private final short[][] attributeCodes;
    private final Map<String, Integer> sessionIds;
    private int[] sessionUser;
    private byte[] sessionPeriod;
    private final Map<String, Integer> userIds = new HashMap<>();
    private final Map<String, Integer> roleCodes = new HashMap<>();
    private final List<String> roles = new ArrayList<>();
    private final Map<String, Integer> stepCodes = new HashMap<>();
    private final List<String> steps = new ArrayList<>();
    private int[] firstRowOfStep = new int[16];
    private final List<Map<String, Integer>> attributeMaps = new ArrayList<>();
    private final List<List<String>> attributeLevels = new ArrayList<>();
    private boolean built;

    /**
     * @param withSessions whether every row names its session (a session column); otherwise sessions are rebuilt from idle gaps
     * @param attributeNames optional attribute columns kept per row (e.g. site, shift)
     */
    public Builder(boolean withSessions, List<String> attributeNames) {
      this.withSessions = withSessions;
      this.attributeNames = List.copyOf(attributeNames);
      if (withSessions) {
        session = new int[1024];
        sessionIds = new HashMap<>();
        sessionUser = new int[256];
        sessionPeriod = new byte[256];
      } else {
        sessionIds = null;
      }
      attributeCodes = new short[this.attributeNames.size()][1024];
      for (int a = 0; a < this.attributeNames.size(); a++) {
        attributeMaps.add(new HashMap<>());
        attributeLevels.add(new ArrayList<>());
      }
    }

    public int rows() {
      return rows;
    }

    /**
     * Adds a row.
     *
     * @param sessionId the session (required when built with sessions, ignored otherwise)
     * @param userId the user
     * @param roleName the user's role (e.g. radiologist)
     * @param stepName the step (e.g. scroll_image)
     * @param startMillis start, epoch milliseconds
     * @param endMillis end, epoch milliseconds, ≥ start
     * @param p the period
     * @param attributes one value per attribute column, null for empty
     * @throws RowException when end &lt; start or the session already belongs to another user or period
     */
    public void add(String sessionId, String userId, String roleName, String stepName, long startMillis, long endMillis,
        Period p, String... attributes) {
      if (built) throw new IllegalStateException("the log is already built");
      Objects.requireNonNull(userId, "user");
      Objects.requireNonNull(roleName, "role");
      Objects.requireNonNull(stepName, "step");
      Objects.requireNonNull(p, "period");
      if (endMillis < startMillis) {
        throw new RowException("end", "end is before start (" + (startMillis - endMillis) + " ms earlier)");
      }
      if (attributes.length != attributeNames.size()) {
        throw new IllegalArgumentException("expected " + attributeNames.size() + " attribute values, got " + attributes.length);
      }
      int u = userIds.computeIfAbsent(userId, k -> userIds.size());
      byte pc = (byte) p.ordinal();
      int s = -1;
      if (withSessions) {
        Objects.requireNonNull(sessionId, "session");
        Integer known = sessionIds.get(sessionId);
        if (known == null) {
          s = sessionIds.size();
          sessionIds.put(sessionId, s);
          if (s == sessionUser.length) {
            sessionUser = Arrays.copyOf(sessionUser, s * 2);
            sessionPeriod = Arrays.copyOf(sessionPeriod, s * 2);
          }
          sessionUser[s] = u;
          sessionPeriod[s] = pc;
        } else {
          s = known;
          if (sessionUser[s] != u) {
            throw new RowException("user", "session '" + sessionId + "' already belongs to another user; a session is one user's");
          }
          if (sessionPeriod[s] != pc) {
            throw new RowException("period", "session '" + sessionId + "' has rows in both periods; a session lies in one period");
          }
        }
      }
      Integer r = roleCodes.get(roleName);
      if (r == null) {
        r = roles.size();
        roleCodes.put(roleName, r);
        roles.add(roleName);
      }
      Integer st = stepCodes.get(stepName);
      if (st == null) {
        st = steps.size();
        stepCodes.put(stepName, st);
        steps.add(stepName);
        if (st == firstRowOfStep.length) firstRowOfStep = Arrays.copyOf(firstRowOfStep, st * 2);
        firstRowOfStep[st] = rows;
      }
      if (rows == user.length) grow();
      if (withSessions) session[rows] = s;
      user[rows] = u;
      role[rows] = r;
      step[rows] = st;
      start[rows] = startMillis;
      end[rows] = endMillis;
      period[rows] = pc;
      for (int a = 0; a < attributes.length; a++) {
        String v = attributes[a] == null || attributes[a].isBlank() ? MISSING_LEVEL : attributes[a];
        Map<String, Integer> m = attributeMaps.get(a);
        Integer c = m.get(v);
        if (c == null) {
          if (m.size() > Short.MAX_VALUE) {
            throw new RowException(attributeNames.get(a), "more than " + Short.MAX_VALUE + " distinct values");
          }
          c = m.size();
          m.put(v, c);
          attributeLevels.get(a).add(v);
        }
        attributeCodes[a][rows] = (short) (int) c;
      }
      rows++;
    }

    private void grow() {
      if (rows == Integer.MAX_VALUE - 8) {
        throw new IllegalStateException("an interaction log holds at most " + (Integer.MAX_VALUE - 8) + " rows");
      }
      int n = (int) Math.min(Integer.MAX_VALUE - 8L, rows + (rows >> 1) + 16L);
      if (session != null) session = Arrays.copyOf(session, n);
      user = Arrays.copyOf(user, n);
      role = Arrays.copyOf(role, n);
      step = Arrays.copyOf(step, n);
      start = Arrays.copyOf(start, n);
      end = Arrays.copyOf(end, n);
      period = Arrays.copyOf(period, n);
      for (int a = 0; a < attributeCodes.length; a++) attributeCodes[a] = Arrays.copyOf(attributeCodes[a], n);
    }

    /** Steps that have rows only in the post period, in order of first appearance. */
    public List<String> stepsWithoutPre() {
      boolean[] pre = new boolean[steps.size()];
      for (int i = 0; i < rows; i++) {
        if (period[i] == 0) pre[step[i]] = true;
      }
      List<String> out = new ArrayList<>();
      for (int k = 0; k < pre.length; k++) {
        if (!pre[k]) out.add(steps.get(k));
      }
      return out;
    }

    /** 0-based index of the first row with this step name, or -1. */
    public int firstRowOfStep(String stepName) {
      Integer c = stepCodes.get(stepName);
      return c == null ? -1 : firstRowOfStep[c];
    }

    /** Builds the log; the builder must not be used afterwards. */
    public InteractionLog build(TableSource source) {
      if (built) throw new IllegalStateException("the log is already built");
      built = true;
      return of(this, source);
    }
  }
}
