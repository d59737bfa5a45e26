package org.tollgate.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Terms are linked to their definitions where they first appear in each section, and nowhere a link would be wrong. */
class GlossaryTest {

  @Test
  void aTermIsLinkedAtItsFirstAppearanceInEachSectionOnly() {
    String html = "<section id=\"a\"><h2>AUROC by subgroup</h2><p>The AUROC is 0.87; the AUROC of 75+ is 0.81.</p></section>"
        + "<section id=\"b\"><p>AUROC again.</p></section>";
    assertEquals("<section id=\"a\"><h2>AUROC by subgroup</h2><p>The <a class=\"term\" href=\"#g-auroc\">AUROC</a> is 0.87; the AUROC of 75+ is 0.81.</p></section>"
        + "<section id=\"b\"><p><a class=\"term\" href=\"#g-auroc\">AUROC</a> again.</p></section>", Glossary.link(html));
  }

  @Test
  void termsInLinksCodeChartsAndTheGlossaryItselfAreLeftAlone() {
    String html = "<section><a href=\"/x\">RPN</a><code>sha256</code><svg><text>PPV</text></svg><p>RPN 96</p></section>"
        + "<section class=\"glossary\" id=\"glossary\"><dl><dt id=\"g-rpn\">RPN</dt><dd>RPN = severity × occurrence × detection</dd></dl><p>RPN</p></section>";
    String out = Glossary.link(html);
    assertEquals("<section><a href=\"/x\">RPN</a><code>sha256</code><svg><text>PPV</text></svg><p><a class=\"term\" href=\"#g-rpn\">RPN</a> 96</p></section>"
        + "<section class=\"glossary\" id=\"glossary\"><dl><dt id=\"g-rpn\">RPN</dt><dd>RPN = severity × occurrence × detection</dd></dl><p>RPN</p></section>", out);
  }

  /** Escaped text as the pages hold it: Cramér&#39;s V; "alert PPV" is its own term, so "PPV" after it is PPV's first appearance. */
  @Test
  void escapedApostrophesAndLongerTermsMatchFirst() {
    String out = Glossary.link("<section><p>zip3 predicts race (AUROC 0.84, Cram\u00e9r&#39;s V 0.32); alert PPV 94%, PPV 20%; adjusted p = 0.013; Holm-corrected</p></section>");
    assertTrue(out.contains("<a class=\"term\" href=\"#g-cramer-s-v\">Cram\u00e9r&#39;s V</a>"), out);
    assertTrue(out.contains("<a class=\"term\" href=\"#g-alert-ppv\">alert PPV</a>"), out);
    assertTrue(out.contains("<a class=\"term\" href=\"#g-ppv\">PPV</a> 20%"), out);
    assertTrue(out.contains("<a class=\"term\" href=\"#g-p-value\">adjusted p</a> = 0.013"), out);
    assertTrue(out.contains("<a class=\"term\" href=\"#g-holm-correction\">Holm-corrected</a>"), out);
  }

  /** Every term has a plain definition and a distinct anchor that the glossary section carries. */
  @Test
  void everyTermHasADefinitionAndAnAnchorInTheSection() {
    String section = Glossary.section();
    Set<String> ids = new HashSet<>();
    for (Glossary.Term t : Glossary.TERMS) {
      assertTrue(t.definition().length() > 30, t.term());
      assertTrue(ids.add(t.id()), "duplicate anchor " + t.id());
      assertTrue(section.contains("<dt id=\"" + t.id() + "\">"), t.id());
    }
    for (String needed : new String[] {"g-rpn", "g-holm-correction", "g-cramer-s-v", "g-psi", "g-auroc", "g-ppv", "g-sensitivity", "g-net-benefit",
        "g-hti-1", "g-fmea", "g-sha-256", "g-small-cell-rule"}) {
      assertTrue(ids.contains(needed), needed);
    }
    assertFalse(section.contains("fewer than"), "withheld counts are '1 to 10'");
    assertTrue(section.contains("A count of 1 to 10 is never shown (a zero is)"));
  }
}
