#!/usr/bin/env Rscript
# Cross-check of the calibration values in sklearn/<name>.json with R glm.
#
# Run from the worktree root, after reference/make_sklearn_fixtures.py:
#     Rscript reference/check_calibration.R
#
# Fits, for each data set overall and per group,
#   slope model:  glm(label ~ qlogis(score), family = binomial)
#   CITL model:   glm(label ~ 1 + offset(qlogis(score)), family = binomial)
# with glm.control(epsilon = 1e-14, maxit = 100), writes
# sklearn/calibration_r_glm.csv and stops if any value differs from the
# statsmodels value in the JSON by more than 1e-9 (relative, floor 1).
suppressPackageStartupMessages(library(jsonlite))

args <- commandArgs(trailingOnly = FALSE)
script <- sub("^--file=", "", args[grep("^--file=", args)])
root <- normalizePath(file.path(dirname(script), ".."))
dir <- file.path(root, "tollgate-engine", "src", "test", "resources", "reference", "sklearn")

g17 <- function(x) if (is.null(x) || is.na(x)) "" else {
  for (d in 15:17) { s <- sprintf(paste0("%.", d, "g"), x); if (as.numeric(s) == x) return(s) }
  s
}
ctl <- glm.control(epsilon = 1e-14, maxit = 100)
rows <- c("dataset,subset,calibration_slope,calibration_slope_fit_intercept,calibration_intercept,R,stats")
maxdiff <- 0
for (name in c("continuous", "ties", "small", "calibrated_skewed")) {
  d <- read.csv(file.path(dir, paste0(name, ".csv")), colClasses = c("character", "numeric", "integer", "character"))
  js <- fromJSON(file.path(dir, paste0(name, ".json")), simplifyVector = FALSE)
  for (sub in c("overall", "A", "B", "C")) {
    dd <- if (sub == "overall") d else d[d$group == sub, ]
    ref <- if (sub == "overall") js$overall else js$groups[[sub]]
    lg <- qlogis(dd$score)
    slope <- NA; fi <- NA; citl <- NA
    if (!is.null(ref$calibration_intercept)) {
      citl <- unname(coef(glm(dd$label ~ 1 + offset(lg), family = binomial, control = ctl))[1])
    }
    if (!is.null(ref$calibration_slope)) {
      cf <- unname(coef(glm(dd$label ~ lg, family = binomial, control = ctl)))
      fi <- cf[1]; slope <- cf[2]
    }
    for (k in c("calibration_slope", "calibration_slope_fit_intercept", "calibration_intercept")) {
      r <- switch(k, calibration_slope = slope, calibration_slope_fit_intercept = fi, calibration_intercept = citl)
      p <- ref[[k]]
      if (is.null(p) != is.na(r)) stop(sprintf("%s %s %s: null mismatch", name, sub, k))
      if (!is.null(p)) {
        diff <- abs(r - p) / max(1, abs(p))
        maxdiff <- max(maxdiff, diff)
        if (diff > 1e-9) stop(sprintf("%s %s %s: R %.17g vs statsmodels %.17g", name, sub, k, r, p))
      }
    }
    rows <- c(rows, paste(name, sub, g17(slope), g17(fi), g17(citl),
                          paste(R.version$major, R.version$minor, sep = "."), "glm binomial logit", sep = ","))
  }
}
writeLines(rows, file.path(dir, "calibration_r_glm.csv"))
cat(sprintf("R glm agrees with statsmodels; max relative difference %.3g\n", maxdiff))
