SET TimeZone = 'UTC'
;
CREATE TEMP VIEW typed AS SELECT *, (_s IS NULL OR isnan(_s) OR isinf(_s) OR _s < 0 OR _s > 1 OR _l IS NULL OR _t IS NULL OR _e IS NULL OR _p IS NULL) AS _bad FROM (SELECT CAST(score AS DOUBLE) AS _s, CAST(CASE WHEN label = 0 THEN 0 WHEN label = 1 THEN 1 END AS TINYINT) AS _l, CAST(floor(epoch_us("time") / 1000000.0) AS BIGINT) AS _t, false AS _nv, nullif(CAST(encounter_id AS VARCHAR), '') AS _e, nullif(CAST(patient_id AS VARCHAR), '') AS _p, coalesce(nullif(CAST(age_band AS VARCHAR), ''), '(missing)') AS _a0, coalesce(nullif(CAST(sex AS VARCHAR), ''), '(missing)') AS _a1, coalesce(nullif(CAST(comorbidity_band AS VARCHAR), ''), '(missing)') AS _a2 FROM read_parquet(['/tmp/tollgate-bench/sepsis-222000/scores.parquet']))
;
SET preserve_insertion_order = false
;
CREATE TEMP TABLE d_e AS SELECT _e AS v, CAST(row_number() OVER (ORDER BY _e) - 1 AS INTEGER) AS c, p0, p1, n, bad, wmin, wmax, imin, imax FROM (SELECT _e, min(_p) AS p0, max(_p) AS p1, count(*) AS n, count(*) FILTER (WHERE _bad) AS bad, min(_t) FILTER (WHERE _nv) AS wmin, max(_t) FILTER (WHERE _nv) AS wmax, min(_t) FILTER (WHERE NOT _nv) AS imin, max(_t) FILTER (WHERE NOT _nv) AS imax FROM typed GROUP BY _e) -- (1) pass 1
;
SET VARIABLE base = (SELECT min(imin) FROM d_e)
;
CREATE TEMP TABLE d_a0 AS SELECT v, CAST(row_number() OVER (ORDER BY v) - 1 AS INTEGER) AS c FROM (SELECT DISTINCT _a0 AS v FROM typed)
;
CREATE TEMP TABLE d_a1 AS SELECT v, CAST(row_number() OVER (ORDER BY v) - 1 AS INTEGER) AS c FROM (SELECT DISTINCT _a1 AS v FROM typed)
;
CREATE TEMP TABLE d_a2 AS SELECT v, CAST(row_number() OVER (ORDER BY v) - 1 AS INTEGER) AS c FROM (SELECT DISTINCT _a2 AS v FROM typed)
;
SELECT CAST((CAST(d_e.c AS BIGINT) << 32) | (_t - getvariable('base')) AS BIGINT), _s, _l, CAST(0 AS INTEGER), (CAST(d_a0.c AS BIGINT) << 0) | (CAST(d_a1.c AS BIGINT) << 16) | (CAST(d_a2.c AS BIGINT) << 32) FROM typed JOIN d_e ON typed._e = d_e.v JOIN d_a0 ON typed._a0 = d_a0.v JOIN d_a1 ON typed._a1 = d_a1.v JOIN d_a2 ON typed._a2 = d_a2.v -- (3a) no ORDER BY, default memory_limit
;
