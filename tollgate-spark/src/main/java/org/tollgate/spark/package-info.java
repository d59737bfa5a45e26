/**
 * The evaluation ({@link org.tollgate.spark.EvaluateJob}) and the alert simulation
 * ({@link org.tollgate.spark.SimulateJob}) as Spark jobs: Spark moves and sorts the rows, the engine
 * computes on each partition, and the engine's mergeable results are combined with
 * {@code treeAggregate}. Depends on the engine and the ingest module's YAML readers; Spark is provided
 * by the cluster. Nothing else in tollgate depends on this package.
 */
package org.tollgate.spark;
