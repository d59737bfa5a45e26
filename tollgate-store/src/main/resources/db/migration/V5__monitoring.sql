-- After the launch (tollgate monitor): one row per monitored period of a use case, holding that period of the
-- tollgate.monitoring/v1 document (counts and intervals only, counts 1..10 withheld) with its SHA-256 and the
-- inputs' hashes; and the use case's monitoring status (re-review due, with the sentence that says why).
-- Version 5: the web/store work uses version 4.
CREATE TABLE monitor_periods (
  use_case_id     VARCHAR(200)  NOT NULL,
  period_start    VARCHAR(40)   NOT NULL,
  period_end      VARCHAR(40)   NOT NULL,
  period          VARCHAR(10)   NOT NULL,
  summary         TEXT          NOT NULL,
  summary_sha256  VARCHAR(64)   NOT NULL,
  breached        BOOLEAN       NOT NULL,
  inputs          TEXT          NOT NULL,
  actor           VARCHAR(200)  NOT NULL,
  created_at      VARCHAR(40)   NOT NULL,
  PRIMARY KEY (use_case_id, period_start, period_end)
);

CREATE TABLE monitor_status (
  use_case_id  VARCHAR(200)  PRIMARY KEY,
  status       VARCHAR(20)   NOT NULL,
  reason       TEXT,
  since        VARCHAR(40)   NOT NULL,
  updated_at   VARCHAR(40)   NOT NULL
);
