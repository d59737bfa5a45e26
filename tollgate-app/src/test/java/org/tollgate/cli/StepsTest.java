package org.tollgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** Progress of a long step: drawn on stderr only once the step outlasts the quiet time, cleared when it ends. */
class StepsTest {

  @Test
  void aStepThatEndsAtOnceDrawsNothing() throws Exception {
    StringWriter sw = new StringWriter();
    assertEquals(42, Steps.run(new PrintWriter(sw), true, "reading x.parquet", () -> 42));
    assertEquals("", sw.toString());
  }

  @Test
  void aLongStepOnATerminalShowsItsNameAndClearsTheLineWhenItEnds() throws Exception {
    StringWriter sw = new StringWriter();
    PrintWriter err = new PrintWriter(sw);
    // The step lasts until the bar has been drawn (an event, not a clock): then it ends.
    String r = Steps.run(err, true, "searching the policy grid", () -> {
      for (int i = 0; i < 1200; i++) {
        synchronized (err) {
          if (sw.toString().contains("searching the policy grid")) return "done";
        }
        Thread.sleep(50);
      }
      return "never drawn";
    });
    assertEquals("done", r);
    String out = sw.toString();
    assertTrue(out.startsWith("\r[") && out.contains("#"), out);
    assertTrue(out.endsWith("\r") && out.substring(out.lastIndexOf('\r', out.length() - 2)).isBlank(), "the line is cleared: " + out.replace('\r', '|'));
  }

  @Test
  void theStepsExceptionPassesThroughUnchanged() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> Steps.run(new PrintWriter(new StringWriter()), false, "x", () -> { throw new IllegalStateException("bad row 7"); }));
    assertEquals("bad row 7", e.getMessage());
    java.io.IOException io = assertThrows(java.io.IOException.class,
        () -> Steps.io(new PrintWriter(new StringWriter()), "x", () -> { throw new java.io.IOException("disk full"); }));
    assertEquals("disk full", io.getMessage());
  }
}
