-- Where an offer was shown: at a staffed till ('till') or to a shopper at a self-service
-- kiosk ('kiosk'). Kept apart from `source`, which says what produced the offer (a curated
-- pairing, a mined rule, …) and which the reports break figures down by: a kiosk's offers
-- come from the same engine, so their source stays that of the engine. Offers recorded
-- before were all shown at a till.
ALTER TABLE suggestion_events ADD COLUMN channel TEXT NOT NULL DEFAULT 'till'
    CHECK (channel IN ('till', 'kiosk'));
