-- The first run without the demo: while no account exists, the server prints a set-up code and
-- the console's first-run screen asks for it, so that only whoever can read the server's output
-- may create the first organizer. One row at most; it is deleted when the set-up is done.
CREATE TABLE setup_codes (
  only_one boolean PRIMARY KEY DEFAULT true CHECK (only_one),
  code text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
