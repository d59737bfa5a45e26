package org.tollgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tollgate.friction.FrictionAudit;
import org.tollgate.friction.FrictionReport;
import org.tollgate.friction.FrictionSettings;
import org.tollgate.friction.InteractionLog;
import org.tollgate.friction.Period;
import org.tollgate.report.DossierHtml;
import org.tollgate.report.FrictionJson;
import org.tollgate.report.Json;

/**
 * One figure, printed one way (issue 16 §7): the friction page printed "+83.1 s" for the change in time on task and
 * "+84.8 s" compounded "per session" — two computations (the net change, and the slower steps' part of it) of what a
 * reader takes for one figure.
 */
class OneFigureOneWayTest {
  private static final long DAY = 1_780_000_000_000L;

  /**
   * Worked by hand (seconds). Every session is alike within its period, so every bootstrap replicate equals the estimate.
   * <pre>
   * pre  (10 sessions): open 10, scroll 1.0 × 4 = 14.0 s
   * post (10 sessions): open 10, scroll 1.5 × 3 = 14.5 s
   * </pre>
   * Change in time on task ΔT = 14.5 − 14.0 = +0.5 s. Slower steps E = (1.5 − 1.0) × 3 = +1.5 s; fewer scrolls
   * W = 1.0 × (3 − 4) = −1.0 s; E + W = ΔT.
   */
  private static FrictionReport report() {
    InteractionLog.Builder b = new InteractionLog.Builder(true, List.of());
    for (int s = 0; s < 20; s++) {
      boolean post = s >= 10;
      long t = DAY + (post ? 86_400_000L : 0) + s * 60_000L;
      String id = "S" + s;
      String user = "u" + (s % 2);
      b.add(id, user, "radiologist", "open", t, t + 10_000, post ? Period.POST : Period.PRE);
      t += 10_000;
      int scrolls = post ? 3 : 4;
      long each = post ? 1_500 : 1_000;
      for (int k = 0; k < scrolls; k++) {
        b.add(id, user, "radiologist", "scroll", t, t + each, post ? Period.POST : Period.PRE);
        t += each;
      }
    }
    return FrictionAudit.run(b.build(null), FrictionSettings.defaults().withBootstrap(100, 1));
  }

  @Test
  void theCompoundingCarriesTheChangeInTimeOnTaskNotASecondFigure() {
    FrictionReport r = report();
    assertEquals(0.5, r.timeOnTask().deltaSeconds().estimate(), 1e-9);
    assertEquals(1.5, r.timeOnTask().fromStepTimes().estimate(), 1e-9);
    assertEquals(-1.0, r.timeOnTask().fromStepCounts().estimate(), 1e-9);
    assertEquals(r.timeOnTask().deltaSeconds(), r.compounding().extraSecondsPerSession());
    // 10 post sessions / 2 users / 1 day = 5 a day: 0.5 s × 5 / 60 min.
    assertEquals(0.5 * 5 / 60, r.compounding().minutesPerUserPerDay().estimate(), 1e-12);
  }

  @Test
  void theFrictionPagePrintsOnePerSessionChangeAndNamesItsParts() {
    ObjectNode d = Json.MAPPER.createObjectNode();
    d.put("schema", "tollgate.dossier/v2");
    d.set("friction", FrictionJson.of(report()));
    String page = DossierHtml.page(d);
    int from = page.indexOf("id=\"friction\"");
    String section = page.substring(from, page.indexOf("</section>", from));
    String text = section.replaceAll("<[^>]+>", "");
    assertTrue(text.contains("change +0.5 s (95% CI +0.5 s to +0.5 s), of which steps taking longer +1.5 s and steps done more or less often −1.0 s"),
        text);
    assertTrue(text.contains("Compounded: that change, +0.5 s per session × 5.0 sessions per user per day = +0.04 min per user per day"), text);
    assertFalse(text.contains("Compounded: +1.5"), "the slower steps' part is not printed as the per-session figure");
  }
}
