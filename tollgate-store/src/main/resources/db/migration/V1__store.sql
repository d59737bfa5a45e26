-- tollgate store, version 1. One SQL subset that H2 2.x and PostgreSQL both run: VARCHAR, TEXT, BIGINT,
-- INTEGER, BOOLEAN; times are ISO-8601 text (UTC, millisecond precision) so both databases round-trip
-- them byte for byte and the audit chain hashes the same string it stores.
-- Privacy: summaries, counts and hashes only. No table has a column for patient-level rows or patient ids.

CREATE TABLE use_cases (
  id          VARCHAR(200)  PRIMARY KEY,
  title       VARCHAR(2000) NOT NULL,
  created_at  VARCHAR(40)   NOT NULL
);

CREATE TABLE review_runs (
  id              VARCHAR(36)   PRIMARY KEY,
  use_case_id     VARCHAR(200)  NOT NULL REFERENCES use_cases (id),
  verdict         VARCHAR(20)   NOT NULL,
  fatal_flaw      TEXT,
  tool_version    VARCHAR(200)  NOT NULL,
  review_dir      VARCHAR(4000) NOT NULL,
  settings        TEXT          NOT NULL,
  settings_sha256 VARCHAR(64)   NOT NULL,
  dossier         TEXT          NOT NULL,
  dossier_sha256  VARCHAR(64)   NOT NULL,
  actor           VARCHAR(200)  NOT NULL,
  created_at      VARCHAR(40)   NOT NULL
);

CREATE TABLE run_items (
  run_id    VARCHAR(36)  NOT NULL REFERENCES review_runs (id),
  position  INTEGER      NOT NULL,
  item_id   VARCHAR(100) NOT NULL,
  title     VARCHAR(2000) NOT NULL,
  status    VARCHAR(10)  NOT NULL,
  reason    TEXT         NOT NULL,
  evidence  TEXT         NOT NULL,
  PRIMARY KEY (run_id, position)
);

CREATE TABLE run_inputs (
  run_id     VARCHAR(36)   NOT NULL REFERENCES review_runs (id),
  position   INTEGER       NOT NULL,
  path       VARCHAR(4000) NOT NULL,
  format     VARCHAR(40)   NOT NULL,
  sha256     VARCHAR(64)   NOT NULL,
  row_count  BIGINT        NOT NULL,
  PRIMARY KEY (run_id, position)
);

CREATE TABLE users (
  name           VARCHAR(200) PRIMARY KEY,
  roles          VARCHAR(500) NOT NULL,
  password_hash  VARCHAR(200) NOT NULL,
  failed_logins  INTEGER      NOT NULL,
  locked         BOOLEAN      NOT NULL,
  created_at     VARCHAR(40)  NOT NULL
);

CREATE TABLE api_tokens (
  id          VARCHAR(36)  PRIMARY KEY,
  user_name   VARCHAR(200) NOT NULL REFERENCES users (name),
  token_hash  VARCHAR(64)  NOT NULL UNIQUE,
  label       VARCHAR(200) NOT NULL,
  revoked     BOOLEAN      NOT NULL,
  created_at  VARCHAR(40)  NOT NULL
);

CREATE TABLE attestations (
  id           VARCHAR(36)  PRIMARY KEY,
  use_case_id  VARCHAR(200) NOT NULL,
  item         VARCHAR(40)  NOT NULL,
  user_name    VARCHAR(200) NOT NULL REFERENCES users (name),
  role_used    VARCHAR(40)  NOT NULL,
  note         TEXT,
  document_sha256 VARCHAR(64),
  created_at   VARCHAR(40)  NOT NULL
);

CREATE TABLE decisions (
  id           VARCHAR(36)  PRIMARY KEY,
  use_case_id  VARCHAR(200) NOT NULL,
  run_id       VARCHAR(36),
  outcome      VARCHAR(40)  NOT NULL,
  conditions   TEXT,
  review_date  VARCHAR(10),
  user_name    VARCHAR(200) NOT NULL REFERENCES users (name),
  created_at   VARCHAR(40)  NOT NULL
);

CREATE TABLE audit_log (
  seq             BIGINT       PRIMARY KEY,
  created_at      VARCHAR(40)  NOT NULL,
  actor           VARCHAR(200) NOT NULL,
  action          VARCHAR(60)  NOT NULL,
  subject         VARCHAR(400) NOT NULL,
  payload         TEXT         NOT NULL,
  payload_digest  VARCHAR(64)  NOT NULL,
  prev_hash       VARCHAR(64)  NOT NULL,
  hash            VARCHAR(64)  NOT NULL
);

-- The single row every append locks (SELECT ... FOR UPDATE): appends are serialized, so the chain stays linear.
CREATE TABLE audit_head (
  id        INTEGER     PRIMARY KEY,
  last_seq  BIGINT      NOT NULL,
  last_hash VARCHAR(64) NOT NULL
);
INSERT INTO audit_head (id, last_seq, last_hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
