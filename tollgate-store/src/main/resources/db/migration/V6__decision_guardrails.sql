-- A committee decision may attach the monitoring guardrails as structured conditions (the limits of a review's
-- monitoring: block, as JSON), beside its free-text conditions and review date. tollgate monitor then holds the
-- live tool to the decision's guardrails.
ALTER TABLE decisions ADD COLUMN guardrails TEXT;
