#!/usr/bin/env Rscript
# DeLong AUROC intervals from R pROC for the synthetic data sets of
# reference/make_sklearn_fixtures.py (overall and per group), and a check that
# pROC's AUC equals scikit-learn's roc_auc_score in sklearn/<name>.json.
#
# Run from the worktree root, after reference/make_sklearn_fixtures.py:
#     Rscript reference/proc_synthetic.R
#
# Writes tollgate-engine/src/test/resources/reference/proc/synthetic_delong.csv
# columns: dataset,subset,n_controls,n_cases,auc,ci_lower,ci_upper,delong_variance
# (label 0 = control, 1 = case, direction "<"; subsets with one class are omitted).
suppressPackageStartupMessages({ library(pROC); library(jsonlite) })

args <- commandArgs(trailingOnly = FALSE)
script <- sub("^--file=", "", args[grep("^--file=", args)])
root <- normalizePath(file.path(dirname(script), ".."))
base <- file.path(root, "tollgate-engine", "src", "test", "resources", "reference")
g17 <- function(x) {
  for (d in 15:17) { s <- sprintf(paste0("%.", d, "g"), x); if (as.numeric(s) == x) return(s) }
  s
}
rows <- "dataset,subset,n_controls,n_cases,auc,ci_lower,ci_upper,delong_variance"
for (name in c("continuous", "ties", "small", "calibrated_skewed")) {
  d <- read.csv(file.path(base, "sklearn", paste0(name, ".csv")), colClasses = c("character", "numeric", "integer", "character"))
  js <- fromJSON(file.path(base, "sklearn", paste0(name, ".json")), simplifyVector = FALSE)
  for (sub in c("overall", "A", "B", "C")) {
    dd <- if (sub == "overall") d else d[d$group == sub, ]
    ref <- if (sub == "overall") js$overall else js$groups[[sub]]
    if (length(unique(dd$label)) < 2) { stopifnot(is.null(ref$auroc)); next }
    r <- roc(response = dd$label, predictor = dd$score, levels = c(0, 1), direction = "<", quiet = TRUE)
    ci <- ci.auc(r, method = "delong")
    v <- var(r, method = "delong")
    a <- as.numeric(r$auc)
    if (abs(a - ref$auroc) > 1e-12) stop(sprintf("%s %s: pROC AUC %.17g vs sklearn %.17g", name, sub, a, ref$auroc))
    rows <- c(rows, paste(name, sub, length(r$controls), length(r$cases), g17(a), g17(ci[1]), g17(ci[3]), g17(v), sep = ","))
  }
}
writeLines(rows, file.path(base, "proc", "synthetic_delong.csv"))
cat(sprintf("pROC %s AUCs agree with scikit-learn; %d rows written\n", packageVersion("pROC"), length(rows) - 1))
