package org.tollgate.drill;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.tollgate.alerts.AlertPolicy;
import org.tollgate.alerts.Outcome;
import org.tollgate.fallback.Criterion;
import org.tollgate.fallback.PaperRule;

/**
 * The paper checklist staff follow while the system is down: the one definition the drill, the review,
 * the web pages and the PDF all render. It holds the paper rule's criteria in clinical units (never the
 * model's score), when to check them, whom to notify (the workflow's role), the re-fire rule, and a
 * footer naming the use case, the policy it stands in for, the review run, the date and the clinician who
 * signed it. {@link #lines()} is its plain-text form; {@code ChecklistPage} in the app its printed page.
 *
 * @param title e.g. "Downtime checklist: Sepsis early warning alert"
 * @param criteria one tick box each, e.g. "respiratory rate ≥ 22/min" ("(2 points)" added for a points rule)
 * @param combination when the boxes call for action, e.g. "2 or more of these 3 boxes are ticked"
 * @param when when to check, e.g. "when the system goes down, then every 4 hours until it is back"
 * @param action whom to notify, e.g. "notify the bedside nurse now"
 * @param refire the re-fire rule, e.g. "do not notify again for this patient within 12 hours"
 * @param notes the smaller print
 * @param footer use case, policy, run, date, signer
 */
public record PaperChecklist(String title, List<String> criteria, String combination, String when, String action, String refire,
    List<String> notes, Footer footer) {

  /**
   * @param useCase the use case's title
   * @param policy the alert policy the checklist stands in for
   * @param runId the review run that measured it, or null (a drill outside a review)
   * @param date the date of that run (ISO), or null
   * @param signer "name (role), date" of the clinician who signed the procedure, or null while unsigned
   */
  public record Footer(String useCase, String policy, String runId, String date, String signer) {}

  public PaperChecklist {
    Objects.requireNonNull(title, "title");
    criteria = List.copyOf(criteria);
    notes = List.copyOf(notes);
    Objects.requireNonNull(footer, "footer");
  }

  /**
   * The checklist of a paper rule standing in for {@code policy}.
   *
   * @param notifyRole whom to notify, e.g. "the bedside nurse"; null: "the responsible clinician"
   * @param useCase the use case's title, or null
   */
  public static PaperChecklist of(PaperRule rule, AlertPolicy policy, Outcome outcome, String notifyRole, int checkEveryHours, String useCase) {
    List<String> boxes = new ArrayList<>();
    for (int i = 0; i < rule.criteria().size(); i++) {
      Criterion c = rule.criteria().get(i);
      int p = rule.points().get(i);
      boxes.add(c.text() + (rule.kOfN() ? "" : " (" + p + (p == 1 ? " point)" : " points)")));
    }
    String who = notifyRole == null || notifyRole.isBlank() ? "the responsible clinician" : notifyRole;
    String refire = policy.refireAfterMinutes() == null ? "notify once per stay for the same patient"
        : "do not notify again for the same patient within " + duration(policy.refireAfterMinutes());
    if (policy.maxAlertsPerEncounter() != null) refire += " (at most " + policy.maxAlertsPerEncounter() + " times per stay)";
    List<String> notes = new ArrayList<>();
    notes.add("Use the latest charted value; a vital sign older than 8 hours or a lab result older than 24 hours does not count: measure again.");
    notes.add("Record the time of each notification on the patient's paper record; enter them when the system returns so alerts are not repeated.");
    notes.add("The notification is meant to come before " + outcome.type().replace('_', ' ') + ", up to " + duration(outcome.horizonMinutes()) + " ahead.");
    String title = "Downtime checklist" + (useCase == null || useCase.isBlank() ? "" : ": " + useCase);
    return new PaperChecklist(title, boxes, rule.combination(),
        "when the system goes down, then every " + (checkEveryHours == 1 ? "hour" : checkEveryHours + " hours") + " until it is back",
        "notify " + who + " now", refire, notes, new Footer(useCase, policy.name(), null, null, null));
  }

  /** The same checklist with the review run, its date and the signer in the footer. */
  public PaperChecklist withFooter(String runId, String date, String signer) {
    return new PaperChecklist(title, criteria, combination, when, action, refire, notes,
        new Footer(footer.useCase(), footer.policy(), runId, date, signer));
  }

  /** The plain-text form, line by line (the CLI prints exactly these). */
  public List<String> lines() {
    List<String> l = new ArrayList<>();
    l.add(title);
    l.add("Check every patient " + when + ":");
    for (String c : criteria) l.add("  [ ] " + c);
    l.add("If " + combination + ": " + action + ".");
    l.add("Re-fire: " + refire + ".");
    for (String n : notes) l.add("- " + n);
    l.add(footerLine());
    return l;
  }

  /** "Use case · policy · run · date · signed by", with "not yet signed" while unsigned. */
  public String footerLine() {
    List<String> f = new ArrayList<>();
    if (footer.useCase() != null) f.add(footer.useCase());
    f.add("stands in for policy " + footer.policy());
    f.add(footer.runId() == null ? "no review run" : "review run " + footer.runId());
    if (footer.date() != null) f.add(footer.date());
    f.add(footer.signer() == null ? "not yet signed by a clinician" : "signed by " + footer.signer());
    return String.join(" · ", f);
  }

  /** One line, e.g. "2 or more of these 3 boxes are ticked: respiratory rate ≥ 22/min; … → notify the bedside nurse now". */
  public String oneLine() {
    return combination + ": " + String.join("; ", criteria) + " → " + action;
  }

  static String duration(int minutes) {
    if (minutes % 60 == 0) {
      int h = minutes / 60;
      return h == 1 ? "1 hour" : h + " hours";
    }
    return minutes + " minutes";
  }
}
