package org.tollgate.gate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Only in reviews with a trade-off table: proceed passes; modify fails with the modification as its fix; pause fails without one. */
final class TradeOffsRule implements Rule {
  static final String TITLE = "Trade-offs weighed: no safety measure worsens for a gain elsewhere";

  @Override public String id() { return "trade_offs"; }
  @Override public String title() { return TITLE; }
  @Override public Set<Evidence> needs() { return Set.of(Evidence.TRADE_OFFS); }
  @Override public boolean appliesTo(GateInputs in) { return in.tradeOffs() != null; }

  /**
   * Each measure's change as a share of its before value, for a chart that puts measures in different units on one
   * axis: relative_change = post / pre − 1, and its interval the difference's 95% interval divided by the before value
   * (the before value taken as known). A figure that is not finite (a before value of 0, a difference not measurable)
   * is left out; the measure, its direction, whether it is a safety measure and its verdict word are always there.
   */
  static List<Map<String, Object>> relativeChanges(TradeOffs.Result t) {
    List<Map<String, Object>> out = new java.util.ArrayList<>();
    for (TradeOffs.Row r : t.rows()) {
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("measure", r.measure().label());
      c.put("safety", r.measure().safety());
      c.put("better", r.measure().better() == TradeOffs.Better.LOWER ? "lower" : "higher");
      c.put("change", r.change());
      double rel = r.relativeChange();
      if (Double.isFinite(rel)) c.put("relative_change", rel);
      if (r.pre() != 0 && r.difference().defined() && Double.isFinite(r.difference().lower()) && Double.isFinite(r.difference().upper())) {
        c.put("relative_lower", r.difference().lower() / r.pre());
        c.put("relative_upper", r.difference().upper() / r.pre());
      }
      out.add(c);
    }
    return out;
  }

  @Override
  public ItemResult judge(GateInputs in, GateLimits lim) {
    TradeOffs.Result t = in.tradeOffs();
    Map<String, Object> ev = new LinkedHashMap<>();
    List<String> lines = t.rows().stream().map(TradeOffs.Row::describe).toList();
    ev.put("measures", lines);
    ev.put("decision", t.decision());
    ev.put("relative_changes", relativeChanges(t));
    if (t.inputSha256() != null) ev.put("input_sha256", t.inputSha256());
    String table = String.join("; ", lines);
    return switch (t.decision()) {
      case "proceed" -> ItemResult.pass(id(), TITLE, "proceed: " + table, ev);
      default -> {
        TradeOffs.Row harm = t.rows().stream().filter(r -> r.measure().safety() && r.change().equals("worsened")).findFirst().orElseThrow();
        List<String> gains = t.rows().stream().filter(r -> r.change().equals("improved")).map(TradeOffs.Row::describe).toList();
        String weighed = (gains.isEmpty() ? "" : String.join("; ", gains) + " — but ") + harm.describe();
        boolean modify = t.decision().equals("modify");
        yield ItemResult.fail(id(), TITLE, t.decision() + ": " + table, ev, modify ? t.modify() : null,
            "The gain is paid for in safety: " + weighed + (modify ? ". Modify before going further: " + t.modify() + "."
                : ", and no modification is proposed: pause."));
      }
    };
  }
}
