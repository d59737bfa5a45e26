package org.tollgate.ingest;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;

/**
 * Timestamp rules shared by every reader, so a CSV, a Parquet file and an NDJSON file holding the
 * same instants give the same table.
 *
 * <ul>
 *   <li>ISO-8601 text: a date ({@code 2024-03-01}, midnight), or a date and time with {@code T} or a
 *       space between, seconds and fraction optional; a trailing {@code Z} or numeric offset is
 *       honoured.
 *   <li>Text without an offset, and Parquet {@code TIMESTAMP}/{@code DATE} values, are wall-clock
 *       times in the mapping's zone. In a daylight-saving gap the time is moved later by the length
 *       of the gap; in an overlap the earlier instant is taken ({@link ZonedDateTime#ofLocal} with no
 *       preferred offset).
 *   <li>Fractions of a second are dropped toward the past (floor), the table keeps whole seconds;
 *       {@link #parseEpochMilli} keeps milliseconds (sub-millisecond digits floored), for
 *       interaction logs whose steps last less than a second.
 * </ul>
 *
 * The CSV/Parquet path does the same in SQL: DuckDB parses the wall-clock time, and
 * {@link #wallToEpochSql} turns it into an instant with Java's zone rules written out as a
 * {@code CASE}, so DuckDB's ICU time-zone data never decides anything.
 */
final class Timestamps {
  private static final DateTimeFormatter ISO =
      new DateTimeFormatterBuilder()
          .parseCaseInsensitive()
          .append(DateTimeFormatter.ISO_LOCAL_DATE)
          .optionalStart()
          .appendLiteral('T')
          .appendValue(ChronoField.HOUR_OF_DAY, 2)
          .appendLiteral(':')
          .appendValue(ChronoField.MINUTE_OF_HOUR, 2)
          .optionalStart()
          .appendLiteral(':')
          .appendValue(ChronoField.SECOND_OF_MINUTE, 2)
          .optionalStart()
          .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
          .optionalEnd()
          .optionalEnd()
          .optionalStart()
          .appendOffset("+HH:MM:ss", "Z")
          .optionalEnd()
          .optionalStart()
          .appendOffset("+HHMM", "Z")
          .optionalEnd()
          .optionalStart()
          .appendOffset("+HH", "Z")
          .optionalEnd()
          .optionalEnd()
          .toFormatter();

  private Timestamps() {}

  /**
   * Epoch second of an ISO-8601 timestamp.
   *
   * @throws DateTimeException when the text is not one of the accepted forms
   */
  static long parseEpochSecond(String text, ZoneId zone) {
    return parseInstant(text, zone).getEpochSecond();
  }

  /**
   * Epoch millisecond of an ISO-8601 timestamp, the fraction of a second kept to the millisecond
   * (finer digits floored). Same forms and zone rules as {@link #parseEpochSecond}.
   *
   * @throws DateTimeException when the text is not one of the accepted forms
   */
  static long parseEpochMilli(String text, ZoneId zone) {
    Instant i = parseInstant(text, zone);
    return Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1000L), i.getNano() / 1_000_000);
  }

  /** The instant of an ISO-8601 timestamp, with its full fraction of a second. */
  private static Instant parseInstant(String text, ZoneId zone) {
    String s = text.strip();
    if (s.length() > 10 && s.charAt(10) == ' ') {
      s = s.substring(0, 10) + 'T' + s.substring(11);
    }
    TemporalAccessor t = ISO.parse(s);
    LocalDate date = LocalDate.from(t);
    if (!t.isSupported(ChronoField.HOUR_OF_DAY)) {
      return Instant.ofEpochSecond(wallToEpoch(date.atStartOfDay(), zone));
    }
    int nano = t.isSupported(ChronoField.NANO_OF_SECOND) ? t.get(ChronoField.NANO_OF_SECOND) : 0;
    LocalDateTime wall = LocalDateTime.of(date, java.time.LocalTime.of(
        t.get(ChronoField.HOUR_OF_DAY),
        t.get(ChronoField.MINUTE_OF_HOUR),
        t.isSupported(ChronoField.SECOND_OF_MINUTE) ? t.get(ChronoField.SECOND_OF_MINUTE) : 0));
    long second = t.isSupported(ChronoField.OFFSET_SECONDS)
        ? wall.toEpochSecond(ZoneOffset.ofTotalSeconds(t.get(ChronoField.OFFSET_SECONDS)))
        : wallToEpoch(wall, zone);
    return Instant.ofEpochSecond(second, nano);
  }

  /** Epoch second of a wall-clock time in a zone (gap: later by the gap; overlap: earlier instant). */
  static long wallToEpoch(LocalDateTime wall, ZoneId zone) {
    return ZonedDateTime.ofLocal(wall, zone, null).toEpochSecond();
  }

  /** Epoch millisecond of a wall-clock time in a zone, by the rule of {@link #wallToEpoch}. */
  static long wallToEpochMilli(LocalDateTime wall, ZoneId zone) {
    return ZonedDateTime.ofLocal(wall, zone, null).toInstant().toEpochMilli();
  }

  /**
   * SQL expression turning {@code wallSeconds} (seconds since 1970-01-01T00:00 read as a wall-clock
   * time) into an epoch second in {@code zone}, exact for wall times in [{@code minWall}, {@code
   * maxWall}]: a {@code CASE} over the zone's transitions in that range.
   *
   * <p>Transition at instant I from offset {@code before} to {@code after}: wall times before
   * {@code I + max(before, after)} use {@code before} (this covers both the gap, moved later by its
   * length, and the overlap, earlier instant), later ones {@code after} — the rule of
   * {@link #wallToEpoch}.
   */
  static String wallToEpochSql(String wallSeconds, ZoneId zone, long minWall, long maxWall) {
    ZoneRules rules = zone.getRules();
    if (rules.isFixedOffset()) {
      int off = rules.getOffset(Instant.EPOCH).getTotalSeconds();
      return off == 0 ? wallSeconds : "(" + wallSeconds + " - " + off + ")";
    }
    // Transitions that can matter for wall times in range: start a day early (offsets are < 1 day).
    Instant cursor = Instant.ofEpochSecond(minWall - 2 * 86_400L);
    Instant end = Instant.ofEpochSecond(maxWall + 2 * 86_400L);
    StringBuilder sb = new StringBuilder("CASE");
    int first = rules.getOffset(cursor).getTotalSeconds();
    int last = first;
    int branches = 0;
    ZoneOffsetTransition tr = rules.nextTransition(cursor);
    while (tr != null && !tr.getInstant().isAfter(end)) {
      int before = tr.getOffsetBefore().getTotalSeconds();
      int after = tr.getOffsetAfter().getTotalSeconds();
      long boundary = tr.getInstant().getEpochSecond() + Math.max(before, after);
      sb.append(" WHEN ").append(wallSeconds).append(" < ").append(boundary)
          .append(" THEN ").append(wallSeconds).append(" - ").append(before);
      last = after;
      branches++;
      tr = rules.nextTransition(tr.getInstant());
    }
    if (branches == 0) {
      return first == 0 ? wallSeconds : "(" + wallSeconds + " - " + first + ")";
    }
    return sb.append(" ELSE ").append(wallSeconds).append(" - ").append(last).append(" END").toString();
  }

  /** ISO-8601 instant of an epoch second, e.g. {@code 2024-03-01T10:00:00Z}. */
  static String iso(long epochSecond) {
    return Instant.ofEpochSecond(epochSecond).toString();
  }
}
