/**
 * One formatter per unit (money, percent, minutes, seconds, plain numbers), used by the gate's sentences and
 * by every writer (CLI, pages, dossier, briefs), so one figure is printed one way everywhere. Depends on nothing.
 */
package org.tollgate.format;
