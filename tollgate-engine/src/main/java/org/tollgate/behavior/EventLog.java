package org.tollgate.behavior;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.tollgate.data.TableSource;

/**
 * An EHR-style event log joined to the visits its events belong to: who (user, role, clinical
 * credential) did what (task) when (epoch second), for which encounter, and when that encounter's
 * visit started and ended. Held column by column; user and encounter identifiers only as dense codes,
 * so nothing downstream can print them.
 *
 * <p>Per event: user code, role code, clinical flag ({@link #CLINICAL}, {@link #NOT_CLINICAL} or
 * {@link #UNKNOWN}), task code, time, and the visit's start and end (copied from the encounter, or
 * {@link Long#MIN_VALUE} when the event's encounter has no visit: such events are counted and left
 * out, see {@link #unmatchedEvents()}).
 */
public final class EventLog {
  public static final byte NOT_CLINICAL = 0;
  public static final byte CLINICAL = 1;
  public static final byte UNKNOWN = -1;
  /** Visit start/end of an event whose encounter has no visit. */
  public static final long NO_VISIT = Long.MIN_VALUE;

  private final int events;
  private final int[] user;
  private final int userCount;
  private final int[] role;
  private final String[] roles;
  private final byte[] clinical;
  private final int[] task;
  private final String[] tasks;
  private final long[] time;
  private final long[] visitStart;
  private final long[] visitEnd;
  private final int encounters;
  private final int unmatched;
  private final TableSource events0;
  private final TableSource visits0;

  private EventLog(Builder b, TableSource eventSource, TableSource visitSource) {
    int n = b.n;
    events = n;
    user = Arrays.copyOf(b.user, n);
    userCount = b.users.size();
    role = Arrays.copyOf(b.role, n);
    roles = b.roleNames.toArray(new String[0]);
    clinical = Arrays.copyOf(b.clinical, n);
    task = Arrays.copyOf(b.task, n);
    tasks = b.taskNames.toArray(new String[0]);
    time = Arrays.copyOf(b.time, n);
    visitStart = new long[n];
    visitEnd = new long[n];
    int miss = 0;
    for (int i = 0; i < n; i++) {
      int e = b.encounter[i];
      if (e < b.visitCount && b.visitStart[e] != NO_VISIT) {
        visitStart[i] = b.visitStart[e];
        visitEnd[i] = b.visitEnd[e];
      } else {
        visitStart[i] = NO_VISIT;
        visitEnd[i] = NO_VISIT;
        miss++;
      }
    }
    boolean[] named = new boolean[b.visitCount];
    int distinct = 0;
    for (int i = 0; i < n; i++) {
      if (!named[b.encounter[i]]) {
        named[b.encounter[i]] = true;
        distinct++;
      }
    }
    encounters = distinct;
    unmatched = miss;
    events0 = eventSource;
    visits0 = visitSource;
  }

  public int events() {
    return events;
  }

  public int user(int event) {
    return user[event];
  }

  public int userCount() {
    return userCount;
  }

  public int role(int event) {
    return role[event];
  }

  public int roleCount() {
    return roles.length;
  }

  public String roleName(int code) {
    return roles[code];
  }

  /** {@link #CLINICAL}, {@link #NOT_CLINICAL} or {@link #UNKNOWN} as the log says (a role mapping may override it). */
  public byte clinical(int event) {
    return clinical[event];
  }

  public int task(int event) {
    return task[event];
  }

  public int taskCount() {
    return tasks.length;
  }

  public String taskName(int code) {
    return tasks[code];
  }

  /** Code of a task, or -1. */
  public int taskCode(String name) {
    return Arrays.asList(tasks).indexOf(name);
  }

  public long epochSecond(int event) {
    return time[event];
  }

  /** The event's visit start, or {@link #NO_VISIT}. */
  public long visitStart(int event) {
    return visitStart[event];
  }

  public long visitEnd(int event) {
    return visitEnd[event];
  }

  /** Distinct encounters named by events. */
  public int encounterCount() {
    return encounters;
  }

  /** Events whose encounter has no visit times; they are not classified. */
  public int unmatchedEvents() {
    return unmatched;
  }

  /** The event log's provenance, or null. */
  public TableSource eventSource() {
    return events0;
  }

  /** The visits' provenance (an encounters table), or null when visit times came with the events or the log was built in memory. */
  public TableSource visitSource() {
    return visits0;
  }

  /** Collects events and visits, in any order. Not thread-safe. */
  public static final class Builder {
    private int n;
    private int[] user = new int[256];
    private int[] role = new int[256];
    private byte[] clinical = new byte[256];
    private int[] task = new int[256];
    private long[] time = new long[256];
    private int[] encounter = new int[256];
    private final Map<String, Integer> users = new HashMap<>();
    private final Map<String, Integer> roleCodes = new HashMap<>();
    private final List<String> roleNames = new ArrayList<>();
    private final Map<String, Integer> taskCodes = new HashMap<>();
    private final List<String> taskNames = new ArrayList<>();
    private final Map<String, Integer> encounters = new HashMap<>();
    private long[] visitStart = new long[256];
    private long[] visitEnd = new long[256];
    private int visitCount;

    /**
     * Adds an event.
     *
     * @param clinical true/false from a credential column, or null when the log does not say
     */
    public void event(String userId, String roleName, Boolean clinical, String taskName, long epochSecond, String encounterId) {
      Objects.requireNonNull(userId, "user");
      Objects.requireNonNull(roleName, "role");
      Objects.requireNonNull(taskName, "task");
      Objects.requireNonNull(encounterId, "encounter");
      if (n == user.length) {
        int m = n * 2;
        user = Arrays.copyOf(user, m);
        role = Arrays.copyOf(role, m);
        this.clinical = Arrays.copyOf(this.clinical, m);
        task = Arrays.copyOf(task, m);
        time = Arrays.copyOf(time, m);
        encounter = Arrays.copyOf(encounter, m);
      }
      user[n] = users.computeIfAbsent(userId, k -> users.size());
      role[n] = code(roleCodes, roleNames, roleName);
      this.clinical[n] = clinical == null ? UNKNOWN : clinical ? CLINICAL : NOT_CLINICAL;
      task[n] = code(taskCodes, taskNames, taskName);
      time[n] = epochSecond;
      encounter[n] = encounterCode(encounterId);
      n++;
    }

    /**
     * Sets an encounter's visit window. Giving the same window again is fine (visit columns repeated on
     * every event row).
     *
     * @throws IllegalArgumentException when end is before start, or the encounter already has a different window
     */
    public void visit(String encounterId, long startEpochSecond, long endEpochSecond) {
      if (endEpochSecond < startEpochSecond) {
        throw new IllegalArgumentException("visit end is before visit start");
      }
      int e = encounterCode(encounterId);
      if (visitStart[e] != NO_VISIT && (visitStart[e] != startEpochSecond || visitEnd[e] != endEpochSecond)) {
        throw new IllegalArgumentException("encounter '" + encounterId + "' already has a different visit start or end");
      }
      visitStart[e] = startEpochSecond;
      visitEnd[e] = endEpochSecond;
    }

    private int encounterCode(String id) {
      Integer c = encounters.get(id);
      if (c == null) {
        c = encounters.size();
        encounters.put(id, c);
        if (c == visitStart.length) {
          visitStart = Arrays.copyOf(visitStart, c * 2);
          visitEnd = Arrays.copyOf(visitEnd, c * 2);
        }
        visitStart[c] = NO_VISIT;
        visitEnd[c] = NO_VISIT;
        visitCount = c + 1;
      }
      return c;
    }

    private static int code(Map<String, Integer> codes, List<String> names, String name) {
      Integer c = codes.get(name);
      if (c == null) {
        c = names.size();
        codes.put(name, c);
        names.add(name);
      }
      return c;
    }

    public int events() {
      return n;
    }

    /** Task names in order of first appearance. */
    public List<String> tasks() {
      return List.copyOf(taskNames);
    }

    /**
     * @param eventSource provenance of the events, or null
     * @param visitSource provenance of a separate encounters table, or null
     */
    public EventLog build(TableSource eventSource, TableSource visitSource) {
      return new EventLog(this, eventSource, visitSource);
    }
  }
}
