package org.tollgate.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.tollgate.store.AuditLog;
import org.tollgate.store.Digests;
import org.tollgate.store.People;
import org.tollgate.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code tollgate attest USE-CASE ITEM --as USER}: a named person's attestation, with role checks. */
@Command(name = "attest", mixinStandardHelpOptions = true,
    description = {"Records an attestation of a checklist item by a logged-in person: paper_fallback (3) by a clinician,",
        "business_model (6) by a compliance officer, peer_training (7) by a clinician or product manager (frontline lead).",
        "The next `tollgate review` of the use case reads the stored attestations (after those in review.yaml).",
        "Items 3 and 6 sign a text: the paper rule, the business model's facts, as the use case's latest stored run states them;",
        "the signature counts only while a review measures that same text (a changed rule needs a new signature).",
        "Items 3, 6 and 7 each need their own signer.",
        "Credentials: $TOLLGATE_TOKEN, else $TOLLGATE_PASSWORD, else a prompt."})
final class AttestCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin StoreOptions store;

  @Parameters(index = "0", paramLabel = "USE-CASE")
  String useCase;

  @Parameters(index = "1", paramLabel = "ITEM", description = "paper_fallback, business_model or peer_training (or 3, 6, 7).")
  String item;

  @Option(names = "--as", required = true, paramLabel = "USER")
  String user;

  @Option(names = "--note", paramLabel = "TEXT", description = "What was checked (no patient data).")
  String note;

  @Option(names = "--document", paramLabel = "FILE", description = "The backing document; its SHA-256 is recorded.")
  Path document;

  @Option(names = "--staff-trained", paramLabel = "N", description = "For peer_training: frontline staff trained by peers without vendor support.")
  Integer staffTrained;

  @Option(names = "--signs", paramLabel = "TEXT", description = "The text you read and sign (item 3: the paper rule; item 6: the business model's facts); "
      + "refused unless it equals the latest run's. Without it, the latest run's text is signed and printed.")
  String signs;

  @Override
  public Integer call() throws IOException {
    People.AttestedItem it = People.AttestedItem.parse(item);
    try (Store st = store.open()) {
      People.Principal p = StoreOptions.login(st, user);
      String docHash = document == null ? null : Digests.sha256(Files.readAllBytes(document));
      String[] text = new String[1];
      AuditLog.Checkpoint cp = st.people().attest(p, useCase, it, note, docHash, staffTrained, () -> text[0] = org.tollgate.review.StoredRuns.toSign(st, useCase, it, signs));
      PrintWriter out = spec.commandLine().getOut();
      out.println(user + " attested " + it.word() + " for " + useCase);
      if (text[0] != null) out.println("Signed: " + text[0]);
      out.println("Audit checkpoint: " + cp);
      out.flush();
      return ExitCodes.OK;
    }
  }
}
