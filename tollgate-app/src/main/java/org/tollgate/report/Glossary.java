package org.tollgate.report;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The glossary of the use-case page: a plain-language definition of every statistical and regulatory term the pages
 * use, each with an anchor {@code g-TERM}, and {@link #link}, which links a term where it appears in a page's text to
 * its definition: its first appearance in each {@code <section>}, never inside a link, a heading, code, a chart or the
 * glossary itself.
 */
public final class Glossary {
  private Glossary() {}

  /**
   * A term, the pattern that finds it in escaped page text (an apostrophe is {@code &#39;} there), and its definition.
   * Patterns of abbreviations are case-sensitive; of words, they take a capital at the start of a sentence too.
   */
  record Term(String term, Pattern pattern, String definition) {
    Term(String term, String regex, String definition) {
      this(term, Pattern.compile(regex), definition);
    }

    /** The anchor id: g- and the term in lower case, letters and digits, '-' between words. */
    String id() {
      return "g-" + anchor(term);
    }
  }

  /** The terms in the order the glossary lists them (alphabetical, as a reader looks one up). */
  static final List<Term> TERMS = List.of(
      new Term("95% CI", "\\b95% (CI|confidence interval)s?\\b",
          "95% confidence interval: the range of values the data are compatible with. A narrow range is a precise estimate; a range that"
              + " crosses a limit means the data cannot say on which side of it the truth lies."),
      new Term("Accuracy paradox", "\\b[Aa]ccuracy paradox\\b|\\bno[- ]information rate\\b",
          "A model can be \"89% accurate\" by almost always answering \"no\" when the outcome is rare. The no-information rate is the accuracy"
              + " of always giving the commonest answer; an accuracy at or below it says nothing about usefulness."),
      new Term("Alert PPV", "\\b[Aa]lert PPV\\b",
          "Of the alerts the policy raised, the share that came in time before a real case of the outcome. One divided by it is how many"
              + " alerts staff work through per real case."),
      new Term("Audit checkpoint", "\\b[Aa]udit checkpoint\\b|\\bcheckpoint\\b",
          "The number and fingerprint of an entry in tollgate's tamper-evident log. Written down outside the system (in the minutes), it"
              + " lets anyone check later that the record of the review was not changed."),
      new Term("AUROC", "\\bAUROC\\b",
          "Area under the ROC curve: the chance that the model gives a higher score to a randomly chosen patient with the outcome than to"
              + " one without it. 0.5 is a coin toss, 1 is perfect; it says nothing about how many alerts a threshold raises."),
      new Term("Average precision", "\\b[Aa]verage precision\\b|\\bAUPRC\\b",
          "The area under the precision–recall curve: how right the flags are, averaged over every level of sensitivity. Flagging"
              + " everyone scores the prevalence."),
      new Term("Bootstrap", "\\b[Bb]ootstrap\\b",
          "Repeating a calculation on many resamples of the data to see how much the result could vary; it gives the 95% intervals of"
              + " figures with no simple formula (time per step, cost)."),
      new Term("Calibration", "\\b[Cc]alibration\\b",
          "Whether a score of 0.3 means a 30% risk. A calibrated model's points lie on the diagonal; a slope below 1 means its scores are"
              + " too extreme."),
      new Term("CHAI model card", "\\bCHAI\\b",
          "The Coalition for Health AI's Applied Model Card: a standard summary of what a model is, how it was tested and its known risks."),
      new Term("Cramér's V", "\\b[Cc]ram(é|e)r(&#39;|')?s V\\b",
          "A measure from 0 (unrelated) to 1 (one determines the other) of how strongly two categories go together. An input with a high"
              + " value against race or sex can stand in for it (a proxy)."),
      new Term("Decision curve", "\\b[Dd]ecision curve\\b",
          "Net benefit drawn against the threshold probability, beside treating everyone and treating no one: where the model's curve lies"
              + " above both, acting on it does more good than harm."),
      new Term("DeLong", "\\bDeLong\\b",
          "The usual method for the 95% interval of an AUROC and for comparing two AUROCs on the same patients (DeLong et al., 1988)."),
      new Term("Detected in time", "\\b[Dd]etected in time\\b",
          "An encounter with the outcome that got an alert before its onset, inside the window the workflow needs to act. Their share of"
              + " all encounters with the outcome is the policy's sensitivity."),
      new Term("FMEA", "\\bFMEA\\b",
          "Failure mode and effects analysis: every way the tool can fail, the harm each failure causes, and how likely and how"
              + " detectable it is."),
      new Term("FTE", "\\bFTE\\b", "Full-time equivalent: one person's working year, 2,080 staff hours."),
      new Term("Holm correction", "\\bHolm\\b(-corrected| correction| adjusted)?",
          "When many subgroups are compared at once, some differences look real by chance. Holm's method raises each p-value to keep the"
              + " chance of any false alarm at 5% over all the comparisons (Holm, 1979)."),
      new Term("HTI-1", "\\bHTI-1\\b",
          "The US ONC rule (45 CFR 170.315(b)(11)) listing the 31 source attributes a predictive decision support tool must disclose to"
              + " the people who use it."),
      new Term("Lead time", "\\b[Ll]ead time\\b",
          "How long before the onset of the outcome the first timely alert came: the time staff have to act."),
      new Term("Net benefit", "\\b[Nn]et benefit\\b",
          "True positives per patient minus false positives per patient, the false ones weighted by how many a clinician would accept per"
              + " true one at that threshold (Vickers & Elkin, 2006). Above zero and above treating everyone, the model helps."),
      new Term("Operating point", "\\b[Oo]perating point\\b|\\b[Pp]olicy under review\\b",
          "The one alert policy (threshold and rules) that would go live. Every number that describes what goes live is measured at it."),
      new Term("p-value", "\\badjusted p\\b|\\bp-values?\\b",
          "The chance of a difference at least this large if the groups truly performed the same. Below 0.05 (after the Holm"
              + " correction) it is reported as a difference."),
      new Term("Pareto front", "\\bPareto front\\b",
          "The policies no other policy beats on both goals at once: none detects more patients in time with fewer minutes of staff time"
              + " lost to false alerts."),
      new Term("Power", "\\b80% power\\b|\\b[Uu]nderpowered\\b",
          "The chance that a comparison would detect a real difference of a given size. A comparison with less than 80% power that finds"
              + " no difference is not evidence that there is none."),
      new Term("PPV", "(?<![Aa]lert )\\bPPV\\b",
          "Positive predictive value: of the patients the tool flagged, the share who had the outcome. One divided by it is how many"
              + " flags are worked up per real case."),
      new Term("Prevalence", "\\b[Pp]revalence\\b", "The share of patients who had the outcome in the data reviewed."),
      new Term("PSI", "\\bPSI\\b",
          "Population stability index: how far a distribution (of scores, of an input) has moved from the one approved. Below 0.1 is"
              + " usually read as no shift, 0.1 to 0.25 as moderate, above 0.25 as major."),
      new Term("ROC curve", "\\bROC curve\\b",
          "Sensitivity against the false-positive rate as the score threshold moves: the closer the curve runs to the top left, the better"
              + " the score separates patients with and without the outcome."),
      new Term("RPN", "\\bRPN\\b",
          "Risk priority number = severity × occurrence × detection, each scored 1 to 10: higher is worse, at most 1,000."),
      new Term("Sensitivity", "\\b[Ss]ensitivity\\b", "Of the patients who had the outcome, the share the tool flagged (in time, for an alert)."),
      new Term("SHA-256", "\\bSHA-256\\b|\\bsha256\\b",
          "A fingerprint of a file: any change to the file changes it, so it proves which data a review read."),
      new Term("Small-cell rule", "\\b[Ss]mall[- ]cell rule\\b|\\b[Ww]ithheld\\b",
          "A count of 1 to 10 is never shown (a zero is), nor any figure it could be worked back from, so that no patient can be singled"
              + " out (the CMS cell-size suppression policy)."),
      new Term("Specificity", "\\b[Ss]pecificity\\b", "Of the patients who did not have the outcome, the share the tool left alone."));

  /** The glossary section: a definition list, each term with its anchor. */
  static String section() {
    StringBuilder h = new StringBuilder("<section class=\"glossary\" id=\"glossary\"><h2>Glossary</h2>")
        .append("<p class=\"note\">Each term links here from its first appearance in every section of the page.</p><dl>");
    for (Term t : TERMS) {
      h.append("<dt id=\"").append(t.id()).append("\">").append(Html.esc(t.term())).append("</dt><dd>").append(Html.esc(t.definition())).append("</dd>");
    }
    return h.append("</dl></section>").toString();
  }

  /** Elements whose text is never linked: links themselves, headings and bold labels, code, charts, form controls and the definitions. */
  private static final Set<String> SKIP = Set.of("a", "h1", "h2", "h3", "summary", "code", "svg", "title", "script", "style", "textarea", "option",
      "select", "button", "label", "dt", "dd", "legend", "strong", "b");

  private static final Pattern TAG_NAME = Pattern.compile("^</?([a-zA-Z][a-zA-Z0-9]*)");

  /**
   * The HTML with each glossary term linked ({@code <a class="term" href="#g-TERM">}) at its first appearance in each
   * {@code <section>} (and in the text before the first one). The HTML must be the pages' own: text escaped, every
   * {@code >} inside an attribute value escaped.
   */
  public static String link(String html) {
    StringBuilder out = new StringBuilder(html.length() + 2048);
    Set<String> done = new HashSet<>();
    int skip = 0;
    boolean inGlossary = false;
    int i = 0;
    while (i < html.length()) {
      int lt = html.indexOf('<', i);
      String text = lt < 0 ? html.substring(i) : html.substring(i, lt);
      out.append(skip > 0 || inGlossary || text.isBlank() ? text : linkText(text, done));
      if (lt < 0) break;
      int gt = html.indexOf('>', lt);
      if (gt < 0) {
        out.append(html, lt, html.length());
        break;
      }
      String tag = html.substring(lt, gt + 1);
      out.append(tag);
      Matcher m = TAG_NAME.matcher(tag);
      if (m.find()) {
        String name = m.group(1).toLowerCase(Locale.ROOT);
        boolean closing = tag.startsWith("</");
        if (name.equals("section")) {
          if (!closing) done.clear();
          // the glossary (no section inside it) is never linked to itself
          inGlossary = !closing && tag.contains("id=\"glossary\"");
        }
        if (SKIP.contains(name) && !tag.endsWith("/>")) skip = Math.max(0, skip + (closing ? -1 : 1));
      }
      i = gt + 1;
    }
    return out.toString();
  }

  /** One run of escaped text with each term not yet linked in this section linked at its first match. */
  private static String linkText(String text, Set<String> done) {
    // Find the earliest match of every term not yet done, then link them left to right without overlaps.
    record Hit(int start, int end, Term term) {}
    List<Hit> hits = new java.util.ArrayList<>();
    for (Term t : TERMS) {
      if (done.contains(t.term())) continue;
      Matcher m = t.pattern().matcher(text);
      if (m.find()) hits.add(new Hit(m.start(), m.end(), t));
    }
    if (hits.isEmpty()) return text;
    hits.sort(java.util.Comparator.comparingInt(Hit::start).thenComparing(h -> -(h.end() - h.start())));
    StringBuilder b = new StringBuilder(text.length() + 64 * hits.size());
    int at = 0;
    for (Hit h : hits) {
      if (h.start() < at) continue; // overlaps a longer term linked just before (alert PPV over PPV): next section may link it
      int end = h.end();
      b.append(text, at, h.start()).append("<a class=\"term\" href=\"#").append(h.term().id()).append("\">").append(text, h.start(), end).append("</a>");
      at = end;
      done.add(h.term().term());
    }
    return b.append(text, at, text.length()).toString();
  }

  /** A term's anchor: lower case, letters and digits, '-' between words. */
  static String anchor(String term) {
    return java.text.Normalizer.normalize(term, java.text.Normalizer.Form.NFD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT)
        .replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
  }
}
