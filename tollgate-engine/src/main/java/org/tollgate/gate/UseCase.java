package org.tollgate.gate;

import java.util.List;
import java.util.Objects;

/**
 * What is being reviewed (the CHAI model card's "uses and directions" and HTI-1's purpose attributes).
 *
 * @param decisionRole informs, augments or replaces a clinician's decision
 * @param outputs the model's outputs; every one must have a harm scenario in the risk table
 */
public record UseCase(
    String id,
    String title,
    String owner,
    String intendedUse,
    List<String> intendedUsers,
    String targetPopulation,
    DecisionRole decisionRole,
    List<String> outOfScope,
    List<String> outputs,
    String developer,
    String version) {

  /** How the output enters the decision. */
  public enum DecisionRole {
    INFORMS,
    AUGMENTS,
    REPLACES
  }

  public UseCase {
    Objects.requireNonNull(id, "use case id");
    if (!id.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
      throw new IllegalArgumentException("use case id must be 1–64 letters, digits, '.', '_' or '-', starting with a letter or digit: '" + id + "'");
    }
    intendedUsers = intendedUsers == null ? List.of() : List.copyOf(intendedUsers);
    outOfScope = outOfScope == null ? List.of() : List.copyOf(outOfScope);
    outputs = outputs == null ? List.of() : List.copyOf(outputs);
  }
}
