package org.tollgate.cli;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.tollgate.store.AuditLog;
import org.tollgate.store.Reviews;
import org.tollgate.store.Store;
import org.tollgate.store.fhir.FhirExport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code tollgate audit verify|show|export}: the tamper-evident audit trail. */
@Command(name = "audit", mixinStandardHelpOptions = true,
    description = "The tamper-evident audit trail: verify the hash chain, show a use case's history, export it as FHIR.",
    subcommands = {AuditCommand.Verify.class, AuditCommand.Show.class, AuditCommand.Export.class, AuditCommand.CheckpointOut.class})
final class AuditCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "verify", mixinStandardHelpOptions = true,
      description = {"Walks the audit chain and reports the first entry that does not match (changed, deleted or reordered).",
          "Exit 0 when intact, 3 on tamper. Compare the printed checkpoint with the one you wrote down."})
  static final class Verify implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin StoreOptions store;

    @Option(names = "--checkpoint", paramLabel = "SEQ:HASH",
        description = "A checkpoint written down earlier ('seq 12 sha256 HEX' or '12:HEX'): that entry must still have that hash.")
    String checkpoint;

    @Option(names = "--checkpoint-file", paramLabel = "FILE",
        description = "A checkpoint published earlier with `audit checkpoint --out FILE` (its first line): that entry must still have that hash.")
    java.nio.file.Path checkpointFile;

    @Override
    public Integer call() throws java.io.IOException {
      PrintWriter out = spec.commandLine().getOut();
      if (checkpointFile != null) {
        if (checkpoint != null) throw new org.tollgate.store.StoreException("give --checkpoint or --checkpoint-file, not both");
        if (!java.nio.file.Files.isRegularFile(checkpointFile)) throw new org.tollgate.store.StoreException(checkpointFile + ": no such checkpoint file");
        checkpoint = java.nio.file.Files.readAllLines(checkpointFile).stream().findFirst().orElse("");
      }
      AuditLog.Checkpoint expected = checkpoint == null ? null : AuditLog.parseCheckpoint(checkpoint);
      AuditLog.Verification v;
      try (Store st = store.open()) {
        v = st.audit().verify(expected);
      }
      if (v.intact()) {
        out.println("INTACT: " + v.entries() + " entries; checkpoint " + v.head() + (expected == null ? "" : "; matches " + expected));
        out.flush();
        return ExitCodes.OK;
      }
      out.println("TAMPERED: first bad entry seq " + v.firstBadSeq() + ": " + v.problem());
      out.println("(" + v.entries() + " entries read; head as stored: " + v.head() + ")");
      out.flush();
      return ExitCodes.HALTED;
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true, description = "The history of one use case: review runs, attestations, decisions.")
  static final class Show implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin StoreOptions store;

    @Parameters(index = "0", paramLabel = "USE-CASE", description = "The use case id (use_case.id in review.yaml).")
    String useCase;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      try (Store st = store.open()) {
        List<AuditLog.Entry> es = st.audit().entries(Reviews.subject(useCase));
        if (es.isEmpty()) {
          out.println("No audit entries for use case " + useCase + " in " + st.url());
          out.flush();
          return ExitCodes.OK;
        }
        out.println("History of " + useCase + " (" + es.size() + " entries)");
        for (AuditLog.Entry e : es) {
          out.printf("%6d  %s  %-14s %-20s %s%n", e.seq(), e.time(), e.action(), e.actor(), summary(e));
        }
        out.println("Checkpoint: " + st.audit().checkpoint());
        out.flush();
        return ExitCodes.OK;
      }
    }
  }

  /** One line about an entry: the fields a committee reads first, then the rest of the payload. */
  static String summary(AuditLog.Entry e) {
    return org.tollgate.report.AuditSummary.of(e);
  }

  @Command(name = "export", mixinStandardHelpOptions = true,
      description = {"Writes the audit trail as FHIR R4 NDJSON: an AuditEvent per entry, a Provenance per review run",
          "(target = the dossier by SHA-256, entity = the inputs by SHA-256, agent = the people)."})
  static final class Export implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin StoreOptions store;

    @Option(names = "--fhir", required = true, description = "FHIR R4 NDJSON (the only format).")
    boolean fhir;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write here instead of standard output.")
    Path output;

    @Override
    public Integer call() throws IOException {
      if (!fhir) throw new ParameterException(spec.commandLine(), "--fhir is the only export format");
      try (Store st = store.open()) {
        FhirExport.Written w;
        if (output == null) {
          Writer out = spec.commandLine().getOut();
          w = FhirExport.write(st, out);
        } else {
          FhirExport.Written[] written = new FhirExport.Written[1];
          Output.atomic(output, o -> {
            Writer out = new OutputStreamWriter(o, StandardCharsets.UTF_8);
            written[0] = FhirExport.write(st, out);
            out.flush();
          });
          w = written[0];
        }
        PrintWriter err = spec.commandLine().getErr();
        err.println(w.auditEvents() + " AuditEvent and " + w.provenances() + " Provenance resources" + (output == null ? "" : " written to " + output));
        err.flush();
        return ExitCodes.OK;
      }
    }
  }

  @Command(name = "checkpoint", mixinStandardHelpOptions = true,
      description = {"Publishes the audit chain's head outside the store: writes 'seq N sha256 HEX' to FILE (keep it on another system,",
          "or print it), and records the publication as an audit entry the web app shows. Later, `audit verify --checkpoint-file FILE`",
          "proves every entry up to it unchanged. What a checkpoint does and does not prove: docs/security.md."})
  static final class CheckpointOut implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin StoreOptions store;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "FILE", description = "Where to write the checkpoint (replaced whole, never half-written).")
    java.nio.file.Path file;

    @Override
    public Integer call() throws java.io.IOException {
      java.nio.file.Path abs = file.toAbsolutePath();
      if (java.nio.file.Files.isDirectory(abs)) throw new org.tollgate.store.StoreException(file + " is a folder; give a file name");
      java.nio.file.Path dir = abs.getParent();
      if (dir == null || !java.nio.file.Files.isDirectory(dir)) throw new org.tollgate.store.StoreException("no folder " + dir + " to write " + file.getFileName() + " in");
      try (Store st = store.open()) {
        AuditLog.Verification v = st.audit().verify();
        if (!v.intact()) {
          spec.commandLine().getOut().println("TAMPERED: first bad entry seq " + v.firstBadSeq() + ": " + v.problem() + "; nothing published");
          spec.commandLine().getOut().flush();
          return ExitCodes.HALTED;
        }
        AuditLog.Checkpoint head = st.audit().checkpoint();
        java.nio.file.Path tmp = java.nio.file.Files.createTempFile(dir, ".checkpoint-", ".tmp");
        try {
          java.nio.file.Files.writeString(tmp, head + "\npublished " + java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
              + " from " + st.url() + "\n");
          java.nio.file.Files.move(tmp, abs, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } finally {
          java.nio.file.Files.deleteIfExists(tmp);
        }
        st.audit().publish(StoreOptions.actor(), file.getFileName().toString());
        PrintWriter out = spec.commandLine().getOut();
        out.println("Published checkpoint " + head + " to " + file);
        out.flush();
        return ExitCodes.OK;
      }
    }
  }
}
