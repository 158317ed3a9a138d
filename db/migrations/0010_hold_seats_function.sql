-- Phase 2 of a seat hold (lib/seating/holds.ts lockSeats), in one round trip.
--
-- Called as one statement outside an explicit transaction, so the statement is the transaction:
-- every check and write below commits together, and any RAISE rolls all of them back.
--
--   1. the booking row is locked (changes to one booking's seats happen one at a time) and must
--      be INITIATED, or LOCKED with its hold not lapsed;
--   2. seats the booking held and no longer asks for go back on sale;
--   3. the wanted show_seats rows are locked in id order (no deadlocks between overlapping
--      requests) and taken by one conditional, versioned UPDATE: AVAILABLE, or LOCKED by a hold
--      that lapsed or by this booking. A row another transaction changed first is re-checked
--      against the WHERE once that transaction ends, so a seat is never taken twice;
--   4. anything short of every requested seat raises MQ409 naming the seats not taken;
--   5. booking_seats become exactly these seats at their price (the show's price for the seat,
--      times p_factor by marquee_apply_factor), and
--      the booking moves to LOCKED until p_expires (INITIATED|LOCKED -> LOCKED in
--      lib/booking/state.ts) unless its hold lapsed meanwhile (MQ410).
--
-- Errors: MQ404 no such booking; MQ410 hold lapsed; MQ422 booking in another state (DETAIL:
-- the status); MQ409 seats taken (DETAIL: their seat ids, comma-separated).
-- Answers {"released": [seat ids], "locked": [{"id", "seatId", "priceMinor"}]}.
-- applyFactor (lib/pricing/strategy.ts): Math.round(base * factor / 100) * 100, in the same IEEE
-- doubles (prices are positive, so floor(x + 0.5) is Math.round). A test holds the two equal.
CREATE OR REPLACE FUNCTION marquee_apply_factor(p_base integer, p_factor double precision) RETURNS integer
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$ SELECT CASE WHEN p_factor = 1 THEN p_base ELSE (floor(p_base::double precision * p_factor / 100 + 0.5) * 100)::integer END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION marquee_hold_seats(
  p_booking uuid,
  p_show uuid,
  p_seats uuid[],
  p_expires timestamptz,
  p_factor double precision
) RETURNS jsonb
LANGUAGE plpgsql
AS $$
DECLARE
  v_status text;
  v_expired boolean;
  v_released uuid[];
  v_locked jsonb;
  v_missing uuid[];
  v_subtotal bigint;
BEGIN
  SELECT status::text, (expires_at IS NOT NULL AND expires_at <= now())
    INTO v_status, v_expired
    FROM bookings WHERE id = p_booking AND show_id = p_show
    FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION USING ERRCODE = 'MQ404', MESSAGE = 'booking not found';
  END IF;
  IF v_status = 'LOCKED' AND v_expired THEN
    RAISE EXCEPTION USING ERRCODE = 'MQ410', MESSAGE = 'hold expired';
  END IF;
  IF v_status NOT IN ('INITIATED', 'LOCKED') THEN
    RAISE EXCEPTION USING ERRCODE = 'MQ422', MESSAGE = 'booking cannot hold seats', DETAIL = v_status;
  END IF;

  WITH released AS (
    UPDATE show_seats SET status = 'AVAILABLE', locked_by_booking_id = NULL, lock_expiry = NULL, version = version + 1
    WHERE show_id = p_show AND locked_by_booking_id = p_booking AND status = 'LOCKED'
      AND NOT (seat_id = ANY(p_seats))
    RETURNING seat_id
  ), wanted AS (
    SELECT id, version FROM show_seats
    WHERE show_id = p_show AND seat_id = ANY(p_seats)
    ORDER BY id FOR UPDATE
  ), taken AS (
    UPDATE show_seats ss
    SET status = 'LOCKED', locked_by_booking_id = p_booking, lock_expiry = p_expires, version = ss.version + 1
    FROM wanted
    WHERE ss.id = wanted.id AND ss.version = wanted.version
      AND (ss.status = 'AVAILABLE'
           OR (ss.status = 'LOCKED' AND (ss.lock_expiry <= now() OR ss.locked_by_booking_id = p_booking)))
    RETURNING ss.id, ss.seat_id, ss.price_minor
  )
  SELECT (SELECT array_agg(seat_id) FROM released),
         (SELECT jsonb_agg(jsonb_build_object(
                   'id', id,
                   'seatId', seat_id,
                   'priceMinor', marquee_apply_factor(price_minor, p_factor)))
          FROM taken)
    INTO v_released, v_locked;

  IF coalesce(jsonb_array_length(v_locked), 0) <> cardinality(p_seats) THEN
    SELECT array_agg(s) INTO v_missing
      FROM unnest(p_seats) AS s
      WHERE v_locked IS NULL OR NOT v_locked @> jsonb_build_array(jsonb_build_object('seatId', s));
    RAISE EXCEPTION USING ERRCODE = 'MQ409', MESSAGE = 'seats unavailable', DETAIL = array_to_string(v_missing, ',');
  END IF;

  DELETE FROM booking_seats WHERE booking_id = p_booking AND NOT (seat_id = ANY(p_seats));
  INSERT INTO booking_seats (booking_id, show_seat_id, seat_id, price_minor)
    SELECT p_booking, (e->>'id')::uuid, (e->>'seatId')::uuid, (e->>'priceMinor')::integer
    FROM jsonb_array_elements(v_locked) AS e
    ON CONFLICT (booking_id, show_seat_id) DO UPDATE SET price_minor = EXCLUDED.price_minor;
  SELECT sum((e->>'priceMinor')::bigint) INTO v_subtotal FROM jsonb_array_elements(v_locked) AS e;

  UPDATE bookings
    SET status = 'LOCKED', version = version + 1, updated_at = now(),
        expires_at = p_expires, subtotal_minor = v_subtotal, total_minor = v_subtotal
    WHERE id = p_booking AND status IN ('INITIATED', 'LOCKED') AND (status = 'INITIATED' OR expires_at > now());
  IF NOT FOUND THEN
    RAISE EXCEPTION USING ERRCODE = 'MQ410', MESSAGE = 'hold expired';
  END IF;

  RETURN jsonb_build_object('released', to_jsonb(coalesce(v_released, '{}'::uuid[])), 'locked', v_locked);
END
$$;
