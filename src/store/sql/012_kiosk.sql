-- A kiosk's own PIN lock, and orders a kiosk parks for the counter.

-- PINs typed at a kiosk count against the kiosk alone; `locks` is how many locks in a row
-- it has had, which makes the next one longer.
CREATE TABLE kiosk_pin_guards (
    kiosk        TEXT PRIMARY KEY,
    failed_pins  INTEGER NOT NULL DEFAULT 0,
    locked_until TEXT,
    locks        INTEGER NOT NULL DEFAULT 0
);

-- The number a shopper gives at the counter for an order a kiosk parked ("pay at the
-- counter"). It names one order while that order is open (held, or recalled and not yet
-- paid or voided); once it is closed the number may serve another.
ALTER TABLE orders ADD COLUMN park_no INTEGER;
CREATE UNIQUE INDEX orders_open_park_no ON orders (park_no)
    WHERE park_no IS NOT NULL AND status IN ('held', 'draft');
