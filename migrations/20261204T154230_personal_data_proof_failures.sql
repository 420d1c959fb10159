-- Seeing or erasing one's personal data through the public routes takes the tracking code and a
-- proof only the citizen has (the last four digits of the phone given). Wrong proofs are counted
-- per code, on every instance: after a few, the code is refused for a while. The key is the code
-- as typed (normalised), whether or not it exists, so a refusal says nothing about the code.
CREATE TABLE proof_failures (
  key text PRIMARY KEY,
  failures integer NOT NULL CHECK (failures > 0),
  last_failure_at timestamptz NOT NULL,
  locked_until timestamptz
);
CREATE INDEX proof_failures_last_idx ON proof_failures (last_failure_at);
