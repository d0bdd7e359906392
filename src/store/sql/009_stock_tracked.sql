-- A catalog without stock figures means the shop does not count stock: such products are
-- never out of stock, and the till has nothing to warn about. A product may also say it is
-- used up (ink, batteries) so that a reminder to buy it again is allowed: NULL when the
-- catalog does not say, and the sales history decides.
ALTER TABLE products ADD COLUMN stock_tracked INTEGER NOT NULL DEFAULT 1;
ALTER TABLE products ADD COLUMN consumable INTEGER;
