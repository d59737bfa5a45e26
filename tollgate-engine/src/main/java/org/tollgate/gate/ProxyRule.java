package org.tollgate.gate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tollgate.format.Units;

/** No model input stands in for a protected attribute (one-vs-rest AUROC or Cramér's V above the limits fails, the fix removes the input). */
final class ProxyRule implements Rule {
  static final String TITLE = "No input stands in for a protected attribute";

  @Override public String id() { return "proxies"; }
  @Override public String title() { return TITLE; }
  @Override public Set<Evidence> needs() { return Set.of(Evidence.PROXIES, Evidence.PROTECTED_ATTRIBUTES); }

  @Override
  public ItemResult judge(GateInputs in, GateLimits lim) {
    if (in.proxies() == null || in.proxies().isEmpty()) {
      return ItemResult.missing(id(), TITLE, in.proxies() == null ? "no model inputs and protected attributes were given to test"
          : "none of the model inputs is a column of the predictions file, so none could be tested against the protected attributes",
          "list the model inputs (provenance manifest) and the protected attributes, with the inputs as columns of the predictions file");
    }
    Map<String, Object> ev = new LinkedHashMap<>();
    ev.put("tested", in.proxies().size());
    for (Proxies.Finding f : in.proxies()) {
      boolean strong = (!Double.isNaN(f.auroc()) && f.auroc() > lim.proxyAuroc()) || (!Double.isNaN(f.cramersV()) && f.cramersV() > lim.proxyCramersV());
      if (strong) {
        ev.put("input", f.input());
        ev.put("attribute", f.attribute());
        ev.put("auroc", f.auroc());
        ev.put("cramers_v", f.cramersV());
        return ItemResult.fail(id(), TITLE, Proxies.describe(f) + (f.nameSuggestsProxy() ? "; its name marks a known proxy" : ""), ev,
            "remove '" + f.input() + "' from the model's inputs and re-evaluate",
            "Input '" + f.input() + "' stands in for " + f.attribute() + " — " + Proxies.describe(f) + ": using it is redlining with better math.");
      }
    }
    List<String> named = in.proxies().stream().filter(Proxies.Finding::nameSuggestsProxy).map(Proxies.Finding::input).distinct().toList();
    if (!named.isEmpty()) ev.put("names_to_watch", named);
    return ItemResult.pass(id(), TITLE, "no input predicts a protected attribute above AUROC " + Units.number(lim.proxyAuroc(), 2) + " or Cramér's V "
        + Units.number(lim.proxyCramersV(), 2) + (named.isEmpty() ? "" : " (inputs named like proxies, below the limit: " + String.join(", ", named) + ")"), ev);
  }
}
