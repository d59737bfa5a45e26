#!/usr/bin/env Rscript
# Independent DeLong reference values from R pROC on its bundled aSAH data set.
#
# Run from the worktree root:
#     Rscript reference/proc_asah.R
#
# Writes tollgate-engine/src/test/resources/reference/proc/aSAH.csv and asah.json.
# Deterministic: no random numbers are used (DeLong is closed form).
# Numbers are written as the shortest of %.15g/%.16g/%.17g that reads back
# to the identical double, so the JSON carries full double precision.

suppressPackageStartupMessages(library(pROC))

args <- commandArgs(trailingOnly = FALSE)
script <- sub("^--file=", "", args[grep("^--file=", args)])
root <- normalizePath(file.path(dirname(script), ".."))
out <- file.path(root, "tollgate-engine", "src", "test", "resources", "reference", "proc")
dir.create(out, recursive = TRUE, showWarnings = FALSE)

data(aSAH)

# ---- CSV export (factors as their labels, row names dropped) --------------
csv_path <- file.path(out, "aSAH.csv")
exp <- data.frame(
  gos6 = as.character(aSAH$gos6),
  outcome = as.character(aSAH$outcome),
  gender = as.character(aSAH$gender),
  age = aSAH$age,
  wfns = as.character(aSAH$wfns),
  s100b = aSAH$s100b,
  ndka = aSAH$ndka,
  stringsAsFactors = FALSE
)
write.csv(exp, csv_path, row.names = FALSE, quote = FALSE)
back <- read.csv(csv_path, stringsAsFactors = FALSE)
stopifnot(identical(back$s100b, aSAH$s100b), identical(back$ndka, aSAH$ndka),
          identical(back$age, aSAH$age), identical(back$outcome, as.character(aSAH$outcome)))

# ---- minimal JSON writer with exact doubles --------------------------------
num <- function(x) {
  if (is.na(x)) return("null")
  if (is.infinite(x)) stop("infinite value")
  for (d in 15:17) {
    s <- sprintf(paste0("%.", d, "g"), x)
    if (as.numeric(s) == x) return(s)
  }
  s
}
js <- function(x, indent = 0) {
  pad <- strrep("  ", indent + 1)
  end <- strrep("  ", indent)
  if (is.list(x)) {
    if (length(x) == 0) return("{}")
    if (is.null(names(x))) {
      items <- vapply(x, js, "", indent = indent + 1)
      return(paste0("[\n", paste0(pad, items, collapse = ",\n"), "\n", end, "]"))
    }
    items <- mapply(function(k, v) paste0(pad, "\"", k, "\": ", js(v, indent + 1)), names(x), x)
    return(paste0("{\n", paste(items, collapse = ",\n"), "\n", end, "}"))
  }
  if (is.null(x)) return("null")
  if (length(x) != 1) {
    return(paste0("[", paste(vapply(x, function(e) js(e, indent), ""), collapse = ", "), "]"))
  }
  if (is.logical(x)) return(if (is.na(x)) "null" else if (x) "true" else "false")
  if (is.character(x)) return(paste0("\"", gsub("\"", "\\\\\"", x), "\""))
  if (is.integer(x)) return(if (is.na(x)) "null" else as.character(x))
  num(as.numeric(x))
}

# ---- ROC helpers -----------------------------------------------------------
LEVELS <- c("Good", "Poor")
mkroc <- function(d, predictor) {
  roc(response = d$outcome, predictor = as.numeric(d[[predictor]]),
      levels = LEVELS, direction = "<", quiet = TRUE)
}
summ <- function(r, predictor, subset) {
  ci <- ci.auc(r, method = "delong", conf.level = 0.95)
  v <- var(r, method = "delong")
  list(
    predictor = predictor,
    subset = subset,
    n_controls = length(r$controls),
    n_cases = length(r$cases),
    auc = as.numeric(r$auc),
    ci_lower = as.numeric(ci[1]),
    ci_upper = as.numeric(ci[3]),
    delong_variance = as.numeric(v),
    delong_se = sqrt(as.numeric(v))
  )
}

all_rocs <- list(s100b = mkroc(aSAH, "s100b"), ndka = mkroc(aSAH, "ndka"), wfns = mkroc(aSAH, "wfns"))
single <- lapply(names(all_rocs), function(p) summ(all_rocs[[p]], p, "all"))
names(single) <- names(all_rocs)

# unpaired: s100b, Male vs Female
male <- aSAH[aSAH$gender == "Male", ]
female <- aSAH[aSAH$gender == "Female", ]
r_m <- mkroc(male, "s100b")
r_f <- mkroc(female, "s100b")
t_u <- roc.test(r_m, r_f, method = "delong", paired = FALSE)
unpaired <- list(
  predictor = "s100b",
  roc1 = summ(r_m, "s100b", "gender == Male"),
  roc2 = summ(r_f, "s100b", "gender == Female"),
  method = t_u$method,
  alternative = t_u$alternative,
  z = as.numeric(t_u$statistic),
  p_value = as.numeric(t_u$p.value),
  call = "roc.test(roc_male, roc_female, method = \"delong\", paired = FALSE)"
)

# paired: s100b vs ndka, all patients
t_p <- roc.test(all_rocs$s100b, all_rocs$ndka, method = "delong", paired = TRUE)
paired <- list(
  roc1 = single$s100b,
  roc2 = single$ndka,
  delong_covariance = as.numeric(cov(all_rocs$s100b, all_rocs$ndka, method = "delong")),
  method = t_p$method,
  alternative = t_p$alternative,
  z = as.numeric(t_p$statistic),
  p_value = as.numeric(t_p$p.value),
  call = "roc.test(roc_s100b, roc_ndka, method = \"delong\", paired = TRUE)"
)

res <- list(
  dataset = "aSAH (pROC bundled data), exported to aSAH.csv",
  csv = "aSAH.csv",
  response = "outcome, levels c(\"Good\",\"Poor\"): Good = control, Poor = case",
  direction = "<  (controls have lower predictor values)",
  predictors_note = "wfns is an ordered factor with levels 1..5; used as as.numeric(wfns), which equals its label",
  ci_method = "ci.auc(roc, method = \"delong\", conf.level = 0.95)",
  variance_method = "var(roc, method = \"delong\")",
  versions = list(R = paste(R.version$major, R.version$minor, sep = "."),
                  R_version_string = R.version.string,
                  pROC = as.character(packageVersion("pROC"))),
  single = single,
  unpaired_gender_s100b = unpaired,
  paired_s100b_vs_ndka = paired
)

writeLines(js(res), file.path(out, "asah.json"))

s <- single$s100b
cat(sprintf("s100b AUC %.4f CI %.4f-%.4f\n", s$auc, s$ci_lower, s$ci_upper))
stopifnot(sprintf("%.4f", s$auc) == "0.7314", sprintf("%.4f", s$ci_lower) == "0.6301",
          sprintf("%.4f", s$ci_upper) == "0.8326")
cat(sprintf("unpaired gender: AUC %.4f vs %.4f Z %.6f p %.6f\n", unpaired$roc1$auc, unpaired$roc2$auc, unpaired$z, unpaired$p_value))
cat(sprintf("paired s100b vs ndka: Z %.6f p %.6f\n", paired$z, paired$p_value))
