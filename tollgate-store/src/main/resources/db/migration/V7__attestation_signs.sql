-- What an attestation signed: the paper rule (item 3) or the business model's stated facts (item 6), as the run
-- the signer saw printed them. A signature counts only while the review measures that same text.
ALTER TABLE attestations ADD COLUMN signs TEXT;
