/**
 * YAML settings files (alert policies, workflow profiles; later review files), read with SnakeYAML's
 * node API so every error names the file, the line and the key path. Produces engine records.
 */
package org.tollgate.ingest.config;
