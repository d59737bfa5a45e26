/**
 * Server-side SVG charts for the dossier page and its PDF: plain string building, no JavaScript, so the
 * same markup shows in a browser and in openhtmltopdf. Every chart is a {@code <figure class="chart">}
 * whose {@code <svg>} has {@code <g class="axis x-axis">} and {@code <g class="axis y-axis">} groups with
 * ticks and titled axes; series differ by dash pattern and marker as well as colour; points carry hover
 * {@code <title>}s. Depends only on {@link org.tollgate.report.Html} for escaping.
 */
package org.tollgate.report.chart;
