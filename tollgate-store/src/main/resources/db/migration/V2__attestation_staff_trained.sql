-- Item 7 (peer-led training) is attested with the number of frontline staff trained by peers.
ALTER TABLE attestations ADD COLUMN staff_trained INTEGER;
