SET TimeZone = 'UTC'
;
CREATE TEMP VIEW typed AS SELECT *, (_s IS NULL OR isnan(_s) OR isinf(_s) OR _s < 0 OR _s > 1 OR _l IS NULL OR _t IS NULL OR _e IS NULL OR _p IS NULL) AS _bad FROM (SELECT CAST(score AS DOUBLE) AS _s, CAST(CASE WHEN label = 0 THEN 0 WHEN label = 1 THEN 1 END AS TINYINT) AS _l, CAST(floor(epoch_us("time") / 1000000.0) AS BIGINT) AS _t, false AS _nv, nullif(CAST(encounter_id AS VARCHAR), '') AS _e, nullif(CAST(patient_id AS VARCHAR), '') AS _p, coalesce(nullif(CAST(age_band AS VARCHAR), ''), '(missing)') AS _a0, coalesce(nullif(CAST(sex AS VARCHAR), ''), '(missing)') AS _a1, coalesce(nullif(CAST(comorbidity_band AS VARCHAR), ''), '(missing)') AS _a2 FROM read_parquet(['/tmp/tollgate-bench/sepsis-222000/scores.parquet']))
;
SET preserve_insertion_order = false
;
SELECT _e, max(_s), max(_l), count(*) FROM typed GROUP BY _e -- (6) per-encounter numeric aggregates only
;
SELECT _e, min(_p), max(_p) FROM typed GROUP BY _e -- (7) patient min/max strings per encounter
;
SELECT _e, min(_a0), min(_a1), min(_a2) FROM typed GROUP BY _e -- (8) attribute strings per encounter
;
SELECT _e, min(list_position(['18-44','45-64','65-74','75+'], _a0)), min(list_position(['F','M'], _a1)), min(list_position(['0','1-2','3+'], _a2)) FROM typed GROUP BY _e -- (8b) attribute codes per encounter
;
SELECT _e, max(_s), max(_l), arg_min(list_position(['18-44','45-64','65-74','75+'], _a0) | (list_position(['F','M'], _a1) << 8) | (list_position(['0','1-2','3+'], _a2) << 16), _t), min(_p) = max(_p), count(*) FILTER (WHERE _bad) FROM typed GROUP BY _e -- (9) evaluate's cases in one SQL pass, codes not strings
;
SELECT count(*) FILTER (WHERE _bad) FROM typed -- (10) the bad-row check alone
;
