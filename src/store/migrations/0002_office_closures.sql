-- Schema version 2: days the office is closed (besides its calendar's holidays); they count as non-working days.
CREATE TABLE office_closures (
    day  TEXT PRIMARY KEY,  -- YYYY-MM-DD
    note TEXT NOT NULL DEFAULT ''
) STRICT;
