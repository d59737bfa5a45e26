package org.tollgate.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import org.tollgate.evaluation.Interval;

/** Shared JSON helpers: one configured mapper, NaN as null, intervals in the documented shape. */
public final class Json {
  public static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

  private Json() {}

  /** Puts a number, or null when NaN/infinite. */
  public static void num(ObjectNode o, String key, double v) {
    if (Double.isFinite(v)) {
      o.put(key, v);
    } else {
      o.putNull(key);
    }
  }

  public static void num(ObjectNode o, String key, Long v) {
    if (v == null) {
      o.putNull(key);
    } else {
      o.put(key, v);
    }
  }

  /**
   * A count the engine's small-cell rule let through, or null with {@code KEY_suppressed: true} where it withheld it (the
   * count is null in the engine's shown view: {@code ShownReport}, {@code ShownReplication}, {@code ShownDrill}).
   */
  public static void count(ObjectNode o, String key, Long v) {
    if (v == null) {
      o.putNull(key);
      o.put(key + "_suppressed", true);
    } else {
      o.put(key, v);
    }
  }

  /** {@code {"estimate", "lower", "upper", "method"}}, or null when the estimate is undefined. */
  public static void interval(ObjectNode o, String key, Interval i) {
    if (i == null || !i.defined()) {
      o.putNull(key);
      return;
    }
    ObjectNode n = o.putObject(key);
    num(n, "estimate", i.estimate());
    num(n, "lower", i.lower());
    num(n, "upper", i.upper());
    n.put("method", i.method().jsonName());
  }

  public static void write(Writer w, ObjectNode doc) {
    try {
      MAPPER.writeValue(w, doc);
      w.write(System.lineSeparator());
      w.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
