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

  @Override
  public ItemResult judge(GateInputs in, GateLimits lim) {
    TradeOffs.Result t = in.tradeOffs();
    Map<String, Object> ev = new LinkedHashMap<>();
    List<String> lines = t.rows().stream().map(TradeOffs.Row::describe).toList();
    ev.put("measures", lines);
    ev.put("decision", t.decision());
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
