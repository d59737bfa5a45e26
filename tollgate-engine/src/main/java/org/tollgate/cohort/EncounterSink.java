package org.tollgate.cohort;

/** Receives each generated encounter once, before its score rows and events. */
@FunctionalInterface
public interface EncounterSink {
  void encounter(Encounter encounter);
}
