-- The seat limit per user and show (lib/seating/holds.ts lockSeats): marquee_hold_seats (0010)
-- takes p_limit and refuses, with MQLIM (DETAIL: the seats the user already has for the show in
-- other bookings), a hold that would give the user more than p_limit seats for the show over all
-- their live bookings: LOCKED or PAYMENT_PENDING within their hold, PAYMENT_PENDING with a
-- payment still able to succeed (it may re-take its seats after the hold), and CONFIRMED.
-- Otherwise the function is 0010's, step for step.
DROP FUNCTION IF EXISTS marquee_hold_seats(uuid, uuid, uuid[], timestamptz, double precision);
--> statement-breakpoint
CREATE OR REPLACE FUNCTION marquee_hold_seats(
  p_booking uuid,
  p_show uuid,
  p_seats uuid[],
  p_expires timestamptz,
  p_factor double precision,
  p_limit integer
) RETURNS jsonb
LANGUAGE plpgsql
AS $$
DECLARE
  v_status text;
  v_expired boolean;
  v_user uuid;
  v_elsewhere integer;
  v_released uuid[];
  v_locked jsonb;
  v_missing uuid[];
  v_subtotal bigint;
BEGIN
  SELECT status::text, (expires_at IS NOT NULL AND expires_at <= now()), user_id
    INTO v_status, v_expired, v_user
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

  -- The user's seats for this show in their other live bookings. One user's holds on one show
  -- take turns here (a transaction-scoped advisory lock), so two at once cannot both pass the count.
  PERFORM pg_advisory_xact_lock(hashtextextended('marquee_hold_seats:' || v_user::text || ':' || p_show::text, 0));
  SELECT count(*) INTO v_elsewhere
    FROM bookings b JOIN booking_seats bs ON bs.booking_id = b.id
    WHERE b.user_id = v_user AND b.show_id = p_show AND b.id <> p_booking
      AND (b.status = 'CONFIRMED'
           OR (b.status IN ('LOCKED', 'PAYMENT_PENDING') AND b.expires_at > now())
           OR (b.status = 'PAYMENT_PENDING' AND EXISTS (
                 SELECT 1 FROM payments p WHERE p.booking_id = b.id AND p.status IN ('INITIATED', 'PENDING', 'SUCCEEDED'))));
  IF v_elsewhere + cardinality(p_seats) > p_limit THEN
    RAISE EXCEPTION USING ERRCODE = 'MQLIM', MESSAGE = 'seat limit per user and show reached', DETAIL = v_elsewhere::text;
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
