-- Every offer has an id the register makes when it appears (a UUID), so that it can be
-- answered, and its line sold, without waiting for the store's row id. Offers recorded
-- before keep an id derived from their row id (the last twelve hex digits), which is also
-- what a draft saved before this version names; rows inserted without one (an import) get
-- the same derived id.
ALTER TABLE suggestion_events ADD COLUMN uid TEXT;
UPDATE suggestion_events SET uid = printf('00000000-0000-0000-0000-%012x', id);
CREATE UNIQUE INDEX suggestion_events_uid ON suggestion_events (uid);
CREATE TRIGGER suggestion_events_uid_default AFTER INSERT ON suggestion_events
WHEN NEW.uid IS NULL
BEGIN
    UPDATE suggestion_events SET uid = printf('00000000-0000-0000-0000-%012x', NEW.id) WHERE id = NEW.id;
END;
