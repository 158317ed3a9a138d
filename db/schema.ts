// The data model. Money is integer minor units plus a currency; times are timestamptz.
import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  customType,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  type AnyPgColumn,
} from "drizzle-orm/pg-core";

const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });
const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });
const createdAt = () => ts("created_at").notNull().defaultNow();

export const userRole = pgEnum("user_role", ["customer", "staff", "scanner", "admin"]);
export const eventCategory = pgEnum("event_category", [
  "MOVIE",
  "CONCERT",
  "SPORTS",
  "PLAY",
  "COMEDY",
  "EXHIBITION",
]);
export const eventStatus = pgEnum("event_status", ["DRAFT", "PUBLISHED", "ARCHIVED"]);
export const sectionKind = pgEnum("section_kind", ["SCREEN", "AUDITORIUM", "STADIUM", "HALL"]);
export const seatType = pgEnum("seat_type", ["REGULAR", "PREMIUM", "VIP", "RECLINER", "ACCESSIBLE", "COMPANION"]);
export const showStatus = pgEnum("show_status", ["SCHEDULED", "CANCELLED", "COMPLETED"]);
export const zoneKind = pgEnum("zone_kind", ["STANDING", "TIMED_ENTRY"]);
export const seatStatus = pgEnum("seat_status", ["AVAILABLE", "LOCKED", "BOOKED", "BLOCKED"]);
export const bookingStatus = pgEnum("booking_status", [
  "INITIATED",
  "LOCKED",
  "PAYMENT_PENDING",
  "CONFIRMED",
  "FAILED",
  "EXPIRED",
  "CANCELLED",
  "REFUNDED",
]);
export const paymentStatus = pgEnum("payment_status", [
  "INITIATED",
  "PENDING",
  "SUCCEEDED",
  "FAILED",
  "REFUNDED",
]);
export const paymentMethod = pgEnum("payment_method", ["CARD", "UPI", "WALLET", "NET_BANKING"]);
export const promoKind = pgEnum("promo_kind", ["PERCENT", "FLAT"]);
export const pricingStrategy = pgEnum("pricing_strategy", ["STATIC", "DYNAMIC"]);

export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    email: text("email").notNull(),
    phone: text("phone"),
    passwordHash: text("password_hash"),
    role: userRole("role").notNull().default("customer"),
    emailVerifiedAt: ts("email_verified_at"),
    // Notification choices (profile page): channels, and show reminders 24 h and 2 h before.
    notifyEmail: boolean("notify_email").notNull().default(true),
    notifySms: boolean("notify_sms").notNull().default(false),
    showReminders: boolean("show_reminders").notNull().default(true),
    // Bumped by sign-out and password reset: sessions and API tokens carry the version they were
    // issued under and stop working once it moves on.
    tokenVersion: integer("token_version").notNull().default(0),
    // Opened by a partner key for an On-Behalf-Of email (db/migrations/0021, lib/auth/api-keys.ts).
    createdByApiKeyId: uuid("created_by_api_key_id").references((): AnyPgColumn => apiKeys.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("users_email_lower_key").on(sql`lower(${t.email})`)],
);

export const cities = pgTable("cities", {
  id: text("id").primaryKey(), // slug, e.g. "mumbai": stable, readable in URLs
  name: text("name").notNull(),
  state: text("state").notNull(),
  country: text("country").notNull().default("IN"),
  timeZone: text("time_zone").notNull(),
  lat: doublePrecision("lat").notNull(),
  lng: doublePrecision("lng").notNull(),
  sortOrder: smallint("sort_order").notNull().default(100),
});

export const venues = pgTable(
  "venues",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    cityId: text("city_id")
      .notNull()
      .references(() => cities.id),
    name: text("name").notNull(),
    slug: text("slug").notNull().unique(),
    address: text("address").notNull(),
    lat: doublePrecision("lat").notNull(),
    lng: doublePrecision("lng").notNull(),
    timeZone: text("time_zone").notNull(),
    searchVector: tsvector("search_vector")
      .notNull()
      .generatedAlwaysAs(sql`to_tsvector('simple', marquee_fold(name))`),
    createdAt: createdAt(),
  },
  (t) => [
    index("venues_city_idx").on(t.cityId, t.name),
    index("venues_lat_lng_idx").on(t.lat, t.lng),
    index("venues_search_idx").using("gin", t.searchVector),
  ],
);

export const sections = pgTable(
  "sections",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    venueId: uuid("venue_id")
      .notNull()
      .references(() => venues.id),
    name: text("name").notNull(),
    kind: sectionKind("kind").notNull(),
    // Grid size of the drawn hall; seats sit on it, empty cells are gaps and aisles.
    rowCount: smallint("row_count").notNull(),
    colCount: smallint("col_count").notNull(),
    stageLabel: text("stage_label").notNull().default("SCREEN"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("sections_venue_name_key").on(t.venueId, t.name)],
);

/**
 * A general admission zone of a section: a standing area (Fan Pit, Gold) or a timed-entry
 * allowance, sold by quantity. Its capacity is that many unit rows in seats (zone_id set,
 * row_index -1, col_index the unit number), so holds take units like seats (db/migrations/0014).
 */
export const zones = pgTable(
  "zones",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    sectionId: uuid("section_id")
      .notNull()
      .references(() => sections.id),
    name: text("name").notNull(),
    kind: zoneKind("kind").notNull().default("STANDING"),
    capacity: integer("capacity").notNull(),
    sortOrder: smallint("sort_order").notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("zones_section_name_key").on(t.sectionId, sql`lower(${t.name})`),
    check("zones_capacity_range", sql`${t.capacity} BETWEEN 1 AND 30000`),
  ],
);

export const seats = pgTable(
  "seats",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    sectionId: uuid("section_id")
      .notNull()
      .references(() => sections.id),
    label: text("label").notNull(), // "A12"
    rowLabel: text("row_label").notNull(),
    rowIndex: smallint("row_index").notNull(),
    colIndex: smallint("col_index").notNull(),
    type: seatType("type").notNull().default("REGULAR"),
    // Set on a zone's units (not drawn on the grid); null for a reserved seat.
    zoneId: uuid("zone_id").references(() => zones.id),
  },
  (t) => [
    uniqueIndex("seats_section_label_key").on(t.sectionId, t.label),
    uniqueIndex("seats_section_position_key").on(t.sectionId, t.rowIndex, t.colIndex).where(sql`${t.zoneId} IS NULL`),
    uniqueIndex("seats_zone_unit_key").on(t.zoneId, t.colIndex).where(sql`${t.zoneId} IS NOT NULL`),
  ],
);

export const events = pgTable(
  "events",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    slug: text("slug").notNull().unique(),
    title: text("title").notNull(),
    category: eventCategory("category").notNull(),
    status: eventStatus("status").notNull().default("PUBLISHED"),
    description: text("description").notNull().default(""),
    languages: text("languages").array().notNull().default(sql`'{}'::text[]`),
    genres: text("genres").array().notNull().default(sql`'{}'::text[]`),
    durationMinutes: smallint("duration_minutes").notNull(),
    certificate: text("certificate"), // "U", "UA", "A" for films; age guidance otherwise
    ratingTenths: smallint("rating_tenths"), // 0..100, i.e. 8.4/10 is 84
    ratingCount: integer("rating_count").notNull().default(0),
    popularity: integer("popularity").notNull().default(0),
    posterUrl: text("poster_url"),
    startDate: date("start_date"),
    endDate: date("end_date"),
    // The staff member who created it (null for seeded events): they may edit and publish it even before it has shows at their venues.
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    // Names of the people credited (event_credits, billing order), kept by triggers: searched with the title.
    credits: text("credits").notNull().default(""),
    // Accent-folded (marquee_fold, migration 0017): title A, people B, description C.
    searchVector: tsvector("search_vector")
      .notNull()
      .generatedAlwaysAs(
        sql`setweight(to_tsvector('simple', marquee_fold(title)), 'A') || setweight(to_tsvector('simple', marquee_fold(credits)), 'B') || setweight(to_tsvector('simple', marquee_fold(description)), 'C')`,
      ),
    // Title and people only (A, B): matched first, so descriptions cannot crowd titles out.
    nameVector: tsvector("name_vector")
      .notNull()
      .generatedAlwaysAs(
        sql`setweight(to_tsvector('simple', marquee_fold(title)), 'A') || setweight(to_tsvector('simple', marquee_fold(credits)), 'B')`,
      ),
    createdAt: createdAt(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [
    // Listings walk events in (popularity DESC, id DESC) order and stop at a page.
    index("events_category_popularity_idx").on(t.category, t.popularity.desc(), t.id.desc()),
    index("events_popularity_idx").on(t.popularity.desc(), t.id.desc()),
    index("events_search_idx").using("gin", t.searchVector),
    index("events_name_search_idx").using("gin", t.nameVector),
    index("events_languages_idx").using("gin", t.languages),
    check("events_rating_range", sql`${t.ratingTenths} IS NULL OR ${t.ratingTenths} BETWEEN 0 AND 100`),
    check("events_duration_positive", sql`${t.durationMinutes} > 0`),
  ],
);

export const shows = pgTable(
  "shows",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    eventId: uuid("event_id")
      .notNull()
      .references(() => events.id),
    sectionId: uuid("section_id")
      .notNull()
      .references(() => sections.id),
    // Denormalised from the section so listings filter by place without three joins.
    venueId: uuid("venue_id")
      .notNull()
      .references(() => venues.id),
    cityId: text("city_id")
      .notNull()
      .references(() => cities.id),
    startsAt: ts("starts_at").notNull(),
    endsAt: ts("ends_at").notNull(),
    status: showStatus("status").notNull().default("SCHEDULED"),
    language: text("language"),
    format: text("format"), // "2D", "IMAX 3D", "Live"
    currency: text("currency").notNull().default("INR"),
    // Cheapest and dearest seat-type price, kept in step with show_prices for price filters.
    minPriceMinor: integer("min_price_minor").notNull(),
    maxPriceMinor: integer("max_price_minor").notNull(),
    pricingStrategy: pricingStrategy("pricing_strategy").notNull().default("STATIC"),
    pricingConfig: jsonb("pricing_config").$type<Record<string, unknown>>(),
    refundCutoffHours: smallint("refund_cutoff_hours").notNull().default(24),
    createdAt: createdAt(),
  },
  (t) => [
    index("shows_event_starts_idx").on(t.eventId, t.startsAt),
    // The listing's per-event probe: upcoming sellable shows of an event in a city, cheapest price at hand.
    index("shows_listing_idx")
      .on(t.eventId, t.cityId, t.startsAt, t.minPriceMinor, t.currency)
      .where(sql`${t.status} = 'SCHEDULED'`),
    index("shows_city_starts_idx").on(t.cityId, t.startsAt, t.eventId),
    index("shows_section_starts_idx").on(t.sectionId, t.startsAt),
    index("shows_venue_starts_idx").on(t.venueId, t.startsAt),
    check("shows_ends_after_start", sql`${t.endsAt} > ${t.startsAt}`),
    check("shows_price_order", sql`0 <= ${t.minPriceMinor} AND ${t.minPriceMinor} <= ${t.maxPriceMinor}`),
  ],
);

/**
 * The listing's copy of each SCHEDULED show with its event's popularity, category and
 * publication (migration 0018, kept by triggers on shows and events; never written by the app),
 * so every filter shape is one index range walked in listing order.
 */
export const listingShows = pgTable(
  "listing_shows",
  {
    showId: uuid("show_id").primaryKey(),
    eventId: uuid("event_id").notNull(),
    cityId: text("city_id").notNull(),
    localDay: date("local_day").notNull(), // starts_at's date in the city's time zone
    startsAt: ts("starts_at").notNull(),
    language: text("language"), // lower-cased
    minPriceMinor: integer("min_price_minor").notNull(),
    maxPriceMinor: integer("max_price_minor").notNull(),
    currency: text("currency").notNull(),
    category: eventCategory("category").notNull(),
    popularity: integer("popularity").notNull(),
    published: boolean("published").notNull(),
  },
  (t) => {
    const listed = sql`${t.published}`;
    const order = [t.popularity.desc(), t.eventId.desc()] as const;
    return [
      index("listing_shows_city_idx").on(t.cityId, ...order).where(listed),
      index("listing_shows_city_day_idx").on(t.cityId, t.localDay, ...order).where(listed),
      index("listing_shows_city_category_idx").on(t.cityId, t.category, ...order).where(listed),
      index("listing_shows_city_category_day_idx").on(t.cityId, t.category, t.localDay, ...order).where(listed),
      index("listing_shows_city_language_idx").on(t.cityId, t.language, ...order).where(listed),
      index("listing_shows_city_language_day_idx").on(t.cityId, t.language, t.localDay, ...order).where(listed),
      index("listing_shows_popularity_idx").on(...order).where(listed),
      index("listing_shows_day_idx").on(t.localDay, ...order).where(listed),
      index("listing_shows_language_idx").on(t.language, ...order).where(listed),
      index("listing_shows_event_idx").on(t.eventId),
      index("listing_shows_starts_idx").on(t.startsAt),
    ];
  },
);

export const showPrices = pgTable(
  "show_prices",
  {
    showId: uuid("show_id")
      .notNull()
      .references(() => shows.id, { onDelete: "cascade" }),
    seatType: seatType("seat_type").notNull(),
    priceMinor: integer("price_minor").notNull(),
  },
  (t) => [primaryKey({ columns: [t.showId, t.seatType] }), check("show_prices_nonneg", sql`${t.priceMinor} >= 0`)],
);

/** A show's price of each general admission zone it sells (a zone without one is not on sale). */
export const showZonePrices = pgTable(
  "show_zone_prices",
  {
    showId: uuid("show_id")
      .notNull()
      .references(() => shows.id, { onDelete: "cascade" }),
    zoneId: uuid("zone_id")
      .notNull()
      .references(() => zones.id),
    priceMinor: integer("price_minor").notNull(),
  },
  (t) => [primaryKey({ columns: [t.showId, t.zoneId] }), check("show_zone_prices_nonneg", sql`${t.priceMinor} >= 0`)],
);

export const bookings = pgTable(
  "bookings",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    reference: text("reference").notNull().unique(), // short code printed on tickets
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    showId: uuid("show_id")
      .notNull()
      .references(() => shows.id),
    status: bookingStatus("status").notNull().default("INITIATED"),
    currency: text("currency").notNull().default("INR"),
    subtotalMinor: integer("subtotal_minor").notNull().default(0),
    feesMinor: integer("fees_minor").notNull().default(0),
    taxMinor: integer("tax_minor").notNull().default(0),
    discountMinor: integer("discount_minor").notNull().default(0),
    totalMinor: integer("total_minor").notNull().default(0),
    promoCodeId: uuid("promo_code_id").references(() => promoCodes.id),
    expiresAt: ts("expires_at"),
    confirmedAt: ts("confirmed_at"),
    cancelledAt: ts("cancelled_at"),
    version: integer("version").notNull().default(0),
    /** The partner key that made it, when one did (db/migrations/0021). */
    apiKeyId: uuid("api_key_id").references((): AnyPgColumn => apiKeys.id),
    createdAt: createdAt(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [
    index("bookings_user_created_idx").on(t.userId, t.createdAt.desc()),
    index("bookings_show_status_idx").on(t.showId, t.status),
    index("bookings_expiring_idx").on(t.expiresAt).where(sql`${t.status} = 'LOCKED'`),
    // One open hold per user per show: it is changed, not multiplied (no hoarding).
    uniqueIndex("bookings_one_open_hold_key").on(t.userId, t.showId).where(sql`${t.status} IN ('INITIATED', 'LOCKED')`),
    check(
      "bookings_amounts_nonneg",
      sql`${t.subtotalMinor} >= 0 AND ${t.feesMinor} >= 0 AND ${t.taxMinor} >= 0 AND ${t.discountMinor} >= 0 AND ${t.totalMinor} >= 0`,
    ),
  ],
);

export const showSeats = pgTable(
  "show_seats",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    showId: uuid("show_id")
      .notNull()
      .references(() => shows.id, { onDelete: "cascade" }),
    seatId: uuid("seat_id")
      .notNull()
      .references(() => seats.id),
    status: seatStatus("status").notNull().default("AVAILABLE"),
    priceMinor: integer("price_minor").notNull(),
    lockedByBookingId: uuid("locked_by_booking_id").references(() => bookings.id),
    lockExpiry: ts("lock_expiry"),
    version: integer("version").notNull().default(0),
    // The seat's zone when it is a general admission unit (copied from seats).
    zoneId: uuid("zone_id").references(() => zones.id),
  },
  (t) => [
    uniqueIndex("show_seats_show_seat_key").on(t.showId, t.seatId),
    index("show_seats_show_status_idx").on(t.showId, t.status),
    index("show_seats_zone_status_idx").on(t.showId, t.zoneId, t.status).where(sql`${t.zoneId} IS NOT NULL`),
    index("show_seats_lock_expiry_idx").on(t.lockExpiry).where(sql`${t.status} = 'LOCKED'`),
    check(
      "show_seats_lock_consistent",
      sql`(${t.status} IN ('LOCKED', 'BOOKED')) = (${t.lockedByBookingId} IS NOT NULL) AND (${t.status} = 'LOCKED') = (${t.lockExpiry} IS NOT NULL)`,
    ),
  ],
);

export const bookingSeats = pgTable(
  "booking_seats",
  {
    bookingId: uuid("booking_id")
      .notNull()
      .references(() => bookings.id),
    showSeatId: uuid("show_seat_id")
      .notNull()
      .references(() => showSeats.id),
    seatId: uuid("seat_id")
      .notNull()
      .references(() => seats.id),
    priceMinor: integer("price_minor").notNull(),
  },
  (t) => [primaryKey({ columns: [t.bookingId, t.showSeatId] }), index("booking_seats_show_seat_idx").on(t.showSeatId)],
);

export const payments = pgTable(
  "payments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    bookingId: uuid("booking_id")
      .notNull()
      .references(() => bookings.id),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    provider: text("provider").notNull(), // "local" | "stripe"
    providerPaymentId: text("provider_payment_id"),
    method: paymentMethod("method").notNull(),
    status: paymentStatus("status").notNull().default("INITIATED"),
    amountMinor: integer("amount_minor").notNull(),
    currency: text("currency").notNull(),
    idempotencyKey: text("idempotency_key").notNull(),
    requestHash: text("request_hash").notNull(),
    failureCode: text("failure_code"),
    refundedMinor: integer("refunded_minor").notNull().default(0),
    createdAt: createdAt(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("payments_idempotency_key").on(t.userId, t.idempotencyKey),
    uniqueIndex("payments_provider_payment_key").on(t.provider, t.providerPaymentId),
    index("payments_booking_idx").on(t.bookingId),
    index("payments_pending_idx").on(t.updatedAt).where(sql`${t.status} = 'PENDING'`),
    check("payments_amount_nonneg", sql`${t.amountMinor} >= 0 AND ${t.refundedMinor} >= 0`),
  ],
);

export type PromoRestrictions = {
  eventIds?: string[];
  categories?: string[];
  cityIds?: string[];
  seatTypes?: string[];
};

export const promoCodes = pgTable(
  "promo_codes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    code: text("code").notNull(),
    description: text("description").notNull().default(""),
    kind: promoKind("kind").notNull(),
    // PERCENT: basis points (1500 = 15%); FLAT: minor units.
    value: integer("value").notNull(),
    currency: text("currency").notNull().default("INR"),
    maxDiscountMinor: integer("max_discount_minor"),
    minOrderMinor: integer("min_order_minor").notNull().default(0),
    startsAt: ts("starts_at"),
    endsAt: ts("ends_at"),
    maxUsesTotal: integer("max_uses_total"),
    maxUsesPerUser: integer("max_uses_per_user"),
    firstBookingOnly: boolean("first_booking_only").notNull().default(false),
    restrictions: jsonb("restrictions").$type<PromoRestrictions>().notNull().default({}),
    active: boolean("active").notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("promo_codes_code_key").on(sql`upper(${t.code})`),
    check("promo_value_positive", sql`${t.value} > 0`),
    check("promo_percent_max", sql`${t.kind} <> 'PERCENT' OR ${t.value} <= 10000`),
  ],
);

export const promoRedemptions = pgTable(
  "promo_redemptions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    promoCodeId: uuid("promo_code_id")
      .notNull()
      .references(() => promoCodes.id),
    bookingId: uuid("booking_id")
      .notNull()
      .references(() => bookings.id)
      .unique(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    discountMinor: integer("discount_minor").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("promo_redemptions_code_user_idx").on(t.promoCodeId, t.userId)],
);

// Vocabulary for typo correction ("avangers" → "avengers"): every folded word of event titles,
// people's and venues' names, kept by triggers on those tables (migration 0017).
export const searchTerms = pgTable(
  "search_terms",
  {
    term: text("term").primaryKey(),
  },
  (t) => [
    index("search_terms_prefix_idx").using("btree", sql`${t.term} text_pattern_ops`),
  ],
);

// Each term's one-letter deletions (a trigger on search_terms writes them): a word one edit from
// a term (dropped, doubled, replaced or swapped letter) shares a deletion with it, or is one.
export const searchTermDeletes = pgTable(
  "search_term_deletes",
  {
    variant: text("variant").notNull(),
    term: text("term")
      .notNull()
      .references(() => searchTerms.term, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ name: "search_term_deletes_pk", columns: [t.variant, t.term] })],
);

export const creditRole = pgEnum("credit_role", ["CAST", "CREW", "ARTIST", "TEAM", "SPEAKER"]);
export const CREDIT_ROLES = creditRole.enumValues;
export type CreditRole = (typeof CREDIT_ROLES)[number];

/** A performer, cast or crew member, speaker, band or team (kind GROUP for the last two). */
export const people = pgTable(
  "people",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    slug: text("slug").notNull().unique("people_slug_key"),
    name: text("name").notNull(),
    kind: text("kind", { enum: ["PERSON", "GROUP"] }).notNull().default("PERSON"),
    bio: text("bio").notNull().default(""),
    imageUrl: text("image_url"),
    searchVector: tsvector("search_vector")
      .notNull()
      .generatedAlwaysAs(sql`to_tsvector('simple', marquee_fold(name))`),
    createdAt: createdAt(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [
    index("people_search_idx").using("gin", t.searchVector),
    check("people_kind", sql`${t.kind} IN ('PERSON', 'GROUP')`),
    check("people_name_length", sql`length(${t.name}) BETWEEN 1 AND 120`),
  ],
);

/** Who is on an event: cast and crew of a film or play, artists of a concert, teams, speakers. */
export const eventCredits = pgTable(
  "event_credits",
  {
    eventId: uuid("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    personId: uuid("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    role: creditRole("role").notNull(),
    credit: text("credit").notNull().default(""), // "Director", "as Vikram", "Lead vocals"
    position: smallint("position").notNull().default(0), // billing order, 0 first
  },
  (t) => [
    primaryKey({ name: "event_credits_pk", columns: [t.eventId, t.personId, t.role] }),
    index("event_credits_person_idx").on(t.personId, t.eventId),
    check("event_credits_credit_length", sql`length(${t.credit}) <= 120`),
  ],
);

/** Venues a staff or scanner user works at; their access is scoped to these. */
export const staffVenues = pgTable(
  "staff_venues",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    venueId: uuid("venue_id")
      .notNull()
      .references(() => venues.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.userId, t.venueId] }), index("staff_venues_venue_idx").on(t.venueId)],
);

export const authTokenPurpose = pgEnum("auth_token_purpose", ["PASSWORD_RESET", "EMAIL_VERIFY"]);

/** One-time links (password reset, email verification). Only a hash of the token is stored. */
export const authTokens = pgTable(
  "auth_tokens",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    purpose: authTokenPurpose("purpose").notNull(),
    tokenHash: text("token_hash").notNull().unique(),
    expiresAt: ts("expires_at").notNull(),
    usedAt: ts("used_at"),
    createdAt: createdAt(),
  },
  (t) => [index("auth_tokens_user_purpose_idx").on(t.userId, t.purpose)],
);

export const outboxChannel = pgEnum("outbox_channel", ["EMAIL", "SMS"]);
export const outboxStatus = pgEnum("outbox_status", ["PENDING", "SENT", "FAILED"]);

/**
 * Transactional outbox: a message is written in the same transaction as the change that
 * causes it, and a dispatcher delivers it later (or the dev mailbox shows it).
 */
export const outbox = pgTable(
  "outbox",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    channel: outboxChannel("channel").notNull(),
    kind: text("kind").notNull(), // "password_reset", "email_verify", "booking_confirmed", …
    userId: uuid("user_id").references(() => users.id, { onDelete: "set null" }),
    recipient: text("recipient").notNull(),
    subject: text("subject").notNull(),
    bodyText: text("body_text").notNull(),
    bodyHtml: text("body_html"),
    // Makes "send once" a database fact: the same logical message cannot be queued twice.
    dedupeKey: text("dedupe_key").unique(),
    status: outboxStatus("status").notNull().default("PENDING"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: ts("next_attempt_at").notNull().defaultNow(),
    lastError: text("last_error"),
    sentAt: ts("sent_at"),
    /** What the sender needs besides the text, e.g. { bookingId } to attach the e-ticket. */
    payload: jsonb("payload").$type<Record<string, string>>(),
    /** A dispatcher's claim: only the holder of this token marks the message sent or retried. */
    claimToken: uuid("claim_token"),
    lockedUntil: ts("locked_until"),
    providerMessageId: text("provider_message_id"),
    createdAt: createdAt(),
  },
  (t) => [
    index("outbox_pending_idx").on(t.nextAttemptAt).where(sql`${t.status} = 'PENDING'`),
    index("outbox_recipient_idx").on(t.recipient, t.createdAt.desc()),
  ],
);

/** Cards and wallets saved at the payment gateway: only its token and display details. */
export const savedPaymentMethods = pgTable(
  "saved_payment_methods",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    provider: text("provider").notNull(), // "local" | "stripe"
    providerMethodId: text("provider_method_id").notNull(),
    kind: paymentMethod("kind").notNull(),
    brand: text("brand").notNull(), // "visa", "mastercard", "upi", "paytm"
    last4: text("last4"),
    expMonth: smallint("exp_month"),
    expYear: smallint("exp_year"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("saved_payment_methods_provider_key").on(t.provider, t.providerMethodId),
    index("saved_payment_methods_user_idx").on(t.userId, t.createdAt.desc()),
    check("saved_payment_methods_last4", sql`${t.last4} IS NULL OR ${t.last4} ~ '^[0-9]{4}$'`),
  ],
);

/** Webhook events applied, by the gateway's event id: written in the transaction that applies one. */
export const paymentEvents = pgTable(
  "payment_events",
  {
    id: text("id").primaryKey(), // "evt_…" (gateway) or "reconcile:…" (our reconciliation)
    provider: text("provider").notNull(),
    type: text("type").notNull(),
    paymentId: uuid("payment_id").references(() => payments.id),
    bookingId: uuid("booking_id").references(() => bookings.id),
    outcome: text("outcome").notNull(), // what applying it did: "confirmed", "ignored: …"
    receivedAt: ts("received_at").notNull().defaultNow(),
  },
  (t) => [index("payment_events_booking_idx").on(t.bookingId, t.receivedAt)],
);

export const refundStatus = pgEnum("refund_status", ["PENDING", "SUCCEEDED", "FAILED"]);

export const refunds = pgTable(
  "refunds",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    paymentId: uuid("payment_id")
      .notNull()
      .references(() => payments.id),
    bookingId: uuid("booking_id")
      .notNull()
      .references(() => bookings.id),
    amountMinor: integer("amount_minor").notNull(),
    currency: text("currency").notNull(),
    reason: text("reason").notNull(), // "customer_cancelled", "late_payment", "show_cancelled", "staff"
    status: refundStatus("status").notNull().default("PENDING"),
    providerRefundId: text("provider_refund_id"),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    createdAt: createdAt(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [
    // One refund per payment: retries reuse it (and its idempotency key, the refund id).
    uniqueIndex("refunds_payment_key").on(t.paymentId),
    index("refunds_pending_idx").on(t.updatedAt).where(sql`${t.status} = 'PENDING'`),
    check("refunds_amount_positive", sql`${t.amountMinor} > 0`),
  ],
);

/** A user's customer record at a gateway (Stripe Customer, local gateway customer). */
export const paymentCustomers = pgTable(
  "payment_customers",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    provider: text("provider").notNull(),
    customerId: text("customer_id").notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.provider] })],
);

/**
 * The local gateway's own books (it stands in for Stripe in the demo and tests): payment
 * intents and the webhook deliveries it owes the app, kept in the database so they survive
 * restarts and are shared by every server process.
 */
export const localGatewayIntents = pgTable("local_gateway_intents", {
  id: text("id").primaryKey(), // "pi_local_…"
  idempotencyKey: text("idempotency_key").notNull().unique(),
  requestHash: text("request_hash").notNull(),
  amountMinor: integer("amount_minor").notNull(),
  currency: text("currency").notNull(),
  status: text("status").notNull(), // processing | succeeded | failed
  method: jsonb("method").$type<Record<string, unknown>>().notNull(),
  metadata: jsonb("metadata").$type<Record<string, string>>().notNull(),
  customerId: text("customer_id"),
  failureCode: text("failure_code"),
  refundedMinor: integer("refunded_minor").notNull().default(0),
  settlesAt: ts("settles_at").notNull(),
  createdAt: createdAt(),
});

export const localGatewayDeliveries = pgTable(
  "local_gateway_deliveries",
  {
    id: text("id").primaryKey(), // the event id, "evt_local_…"
    payload: text("payload").notNull(),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: ts("next_attempt_at").notNull().defaultNow(),
    deliveredAt: ts("delivered_at"),
    lastError: text("last_error"),
    createdAt: createdAt(),
  },
  (t) => [index("local_gateway_deliveries_due_idx").on(t.nextAttemptAt).where(sql`${t.deliveredAt} IS NULL`)],
);

/** Reminders sent, one row per booking and kind: the cron inserts before it enqueues, so each goes once. */
export const bookingReminders = pgTable(
  "booking_reminders",
  {
    bookingId: uuid("booking_id")
      .notNull()
      .references(() => bookings.id),
    kind: text("kind").notNull(), // "24h" | "2h"
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.bookingId, t.kind] })],
);

/** A ticket's admission: one row per booking, so a second scan anywhere is refused by the database. */
export const checkins = pgTable(
  "checkins",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    bookingId: uuid("booking_id")
      .notNull()
      .references(() => bookings.id),
    showId: uuid("show_id")
      .notNull()
      .references(() => shows.id),
    /** The seat or general admission unit admitted: a booking checks in person by person (db/migrations/0015). */
    seatId: uuid("seat_id")
      .notNull()
      .references(() => seats.id),
    scannedBy: uuid("scanned_by")
      .notNull()
      .references(() => users.id),
    deviceId: text("device_id").notNull(),
    /** When the door scanned it (an offline scan syncs later with its own time). */
    scannedAt: ts("scanned_at").notNull(),
    offline: boolean("offline").notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [index("checkins_show_idx").on(t.showId, t.scannedAt.desc()), uniqueIndex("checkins_booking_seat_key").on(t.bookingId, t.seatId)],
);

export const scanResult = pgEnum("scan_result", ["OK", "ALREADY_CHECKED_IN", "INVALID", "WRONG_SHOW", "NOT_CONFIRMED", "TOO_EARLY", "TOO_LATE", "CANCELLED", "REFUNDED"]);

/** Every scan and its answer, for the door's "last scans" and the booking's history. */
export const scanLog = pgTable(
  "scan_log",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    showId: uuid("show_id").references(() => shows.id),
    bookingId: uuid("booking_id").references(() => bookings.id),
    result: scanResult("result").notNull(),
    reason: text("reason"),
    deviceId: text("device_id").notNull(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    scannedAt: ts("scanned_at").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("scan_log_show_idx").on(t.showId, t.createdAt.desc())],
);

/** Every change made in the admin area: who, what, when (admins read it). */
export const auditLog = pgTable(
  "audit_log",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    action: text("action").notNull(), // "shows.schedule", "shows.cancel", "seats.block", "bookings.refund", …
    entity: text("entity").notNull(),
    entityId: text("entity_id").notNull(),
    details: jsonb("details").$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [index("audit_log_created_idx").on(t.createdAt.desc()), index("audit_log_entity_idx").on(t.entityId, t.createdAt.desc())],
);

/** A show's on-sale time and, optionally, its waiting room (db/migrations/0016, lib/onsale). */
export const onSales = pgTable(
  "on_sales",
  {
    showId: uuid("show_id")
      .primaryKey()
      .references(() => shows.id, { onDelete: "cascade" }),
    onSaleAt: ts("on_sale_at").notNull(),
    waitingRoom: boolean("waiting_room").notNull().default(false),
    admitPerMinute: integer("admit_per_minute").notNull().default(200),
    /** Queue places admitted so far (fractional: the rate carries over between ticks). */
    admitted: doublePrecision("admitted").notNull().default(0),
    tickedAt: ts("ticked_at"),
    paused: boolean("paused").notNull().default(false),
    closedAt: ts("closed_at"),
    closedReason: text("closed_reason").$type<"SOLD_OUT" | "ENDED">(),
    updatedBy: uuid("updated_by").references(() => users.id),
    createdAt: createdAt(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [
    check("on_sales_rate", sql`${t.admitPerMinute} BETWEEN 1 AND 100000`),
    check("on_sales_closed_reason", sql`${t.closedReason} IS NULL OR ${t.closedReason} IN ('SOLD_OUT', 'ENDED')`),
  ],
);

/** The waiting room's queue without Redis: random order before the on-sale, first come after. */
export const queueEntries = pgTable(
  "queue_entries",
  {
    showId: uuid("show_id")
      .notNull()
      .references(() => shows.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    sortKey: doublePrecision("sort_key").notNull(),
    position: integer("position"),
    joinedAt: ts("joined_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.showId, t.userId] }), index("queue_entries_order_idx").on(t.showId, t.sortKey)],
);

export type WaitlistStatus = "WAITING" | "OFFERED" | "CLAIMED" | "LAPSED" | "LEFT" | "CLOSED";

/** A place in line for a sold-out show's reserved seats (zoneId null) or one of its zones. */
export const waitlistEntries = pgTable(
  "waitlist_entries",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    showId: uuid("show_id")
      .notNull()
      .references(() => shows.id, { onDelete: "cascade" }),
    zoneId: uuid("zone_id").references(() => zones.id),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    quantity: smallint("quantity").notNull(),
    status: text("status").$type<WaitlistStatus>().notNull().default("WAITING"),
    /** The offer: a hold made for this user, valid until offerExpiresAt. */
    /** The partner key that joined for the customer (null: the customer, on the site or app). */
    apiKeyId: uuid("api_key_id").references((): AnyPgColumn => apiKeys.id),
    bookingId: uuid("booking_id").references(() => bookings.id),
    offeredAt: ts("offered_at"),
    offerExpiresAt: ts("offer_expires_at"),
    closedAt: ts("closed_at"),
    createdAt: createdAt(),
  },
  (t) => [
    check("waitlist_quantity", sql`${t.quantity} BETWEEN 1 AND 10`),
    check("waitlist_status", sql`${t.status} IN ('WAITING', 'OFFERED', 'CLAIMED', 'LAPSED', 'LEFT', 'CLOSED')`),
    uniqueIndex("waitlist_one_live_key")
      .on(t.showId, t.userId, sql`coalesce(${t.zoneId}, '00000000-0000-0000-0000-000000000000'::uuid)`)
      .where(sql`${t.status} IN ('WAITING', 'OFFERED')`),
    index("waitlist_line_idx").on(t.showId, t.createdAt).where(sql`${t.status} = 'WAITING'`),
    index("waitlist_offered_idx").on(t.offerExpiresAt).where(sql`${t.status} = 'OFFERED'`),
    index("waitlist_user_idx").on(t.userId, t.createdAt),
  ],
);

/**
 * Outbound webhooks (db/migrations/0022, lib/webhooks): partners' endpoints, the events written in
 * the transaction that causes them, one delivery per event × endpoint, and every attempt's outcome.
 */
export const webhookEndpoints = pgTable(
  "webhook_endpoints",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    url: text("url").notNull(),
    description: text("description").notNull().default(""),
    eventTypes: text("event_types").array().notNull(),
    /** Null: every venue's events (admins only). */
    venueId: uuid("venue_id").references(() => venues.id, { onDelete: "cascade" }),
    /** Stored readable: it signs every delivery (a hash could not). */
    secret: text("secret").notNull(),
    /** After a rotation the old secret signs too, until it expires, so receivers can switch over. */
    previousSecret: text("previous_secret"),
    previousSecretExpiresAt: ts("previous_secret_expires_at"),
    status: text("status").$type<"active" | "disabled">().notNull().default("active"),
    disabledReason: text("disabled_reason"),
    disabledAt: ts("disabled_at"),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [
    check("webhook_endpoint_status", sql`${t.status} IN ('active', 'disabled')`),
    check("webhook_endpoint_secret", sql`${t.secret} LIKE 'whsec\\_%'`),
    index("webhook_endpoints_venue_idx").on(t.venueId),
  ],
);

export const webhookEvents = pgTable(
  "webhook_events",
  {
    id: text("id").primaryKey(), // evt_…
    type: text("type").notNull(),
    venueId: uuid("venue_id"),
    /** One event per change however often its cause is replayed ("booking.confirmed:<booking id>"). */
    dedupeKey: text("dedupe_key").unique(),
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull(),
    createdAt: createdAt(),
  },
  // Retention (lib/webhooks/prune.ts) walks events oldest first.
  (t) => [index("webhook_events_created_idx").on(t.createdAt)],
);

export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    eventId: text("event_id")
      .notNull()
      .references(() => webhookEvents.id, { onDelete: "cascade" }),
    endpointId: uuid("endpoint_id")
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: "cascade" }),
    status: text("status").$type<"pending" | "succeeded" | "failed">().notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: ts("next_attempt_at").notNull().defaultNow(),
    /** A manual redelivery asked for (next_attempt_at set to then): one attempt now, whatever the status. */
    redeliverRequestedAt: ts("redeliver_requested_at"),
    claimToken: uuid("claim_token"),
    lockedUntil: ts("locked_until"),
    lastAttemptAt: ts("last_attempt_at"),
    lastStatusCode: integer("last_status_code"),
    lastError: text("last_error"),
    lastResponse: text("last_response"),
    succeededAt: ts("succeeded_at"),
    createdAt: createdAt(),
  },
  (t) => [
    check("webhook_delivery_status", sql`${t.status} IN ('pending', 'succeeded', 'failed')`),
    uniqueIndex("webhook_deliveries_event_endpoint_unique").on(t.eventId, t.endpointId),
    // What the dispatcher scans: due retries and asked-for redeliveries, never the (many) finished rows.
    index("webhook_deliveries_due_idx").on(t.nextAttemptAt).where(sql`${t.status} = 'pending' OR ${t.redeliverRequestedAt} IS NOT NULL`),
    index("webhook_deliveries_endpoint_idx").on(t.endpointId, t.createdAt.desc()),
  ],
);

export const webhookAttempts = pgTable(
  "webhook_attempts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    deliveryId: uuid("delivery_id")
      .notNull()
      .references(() => webhookDeliveries.id, { onDelete: "cascade" }),
    manual: boolean("manual").notNull().default(false),
    attemptedAt: ts("attempted_at").notNull(),
    durationMs: integer("duration_ms").notNull(),
    statusCode: integer("status_code"),
    error: text("error"),
    responseExcerpt: text("response_excerpt"),
  },
  (t) => [index("webhook_attempts_delivery_idx").on(t.deliveryId, t.attemptedAt.desc())],
);

/**
 * Partner API keys (db/migrations/0021, lib/auth/api-keys.ts): `mqk_<publicId>_<secret>`, of which
 * only the public id and a SHA-256 of the secret are kept.
 */
export const apiKeys = pgTable(
  "api_keys",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    publicId: text("public_id").notNull().unique("api_keys_public_id_key"),
    secretHash: text("secret_hash").notNull(),
    scopes: text("scopes").array().notNull(),
    /** The venues venue:manage is limited to; empty without that scope. */
    venueIds: uuid("venue_ids").array().notNull().default(sql`'{}'`),
    createdBy: uuid("created_by")
      .notNull()
      .references((): AnyPgColumn => users.id),
    createdAt: createdAt(),
    expiresAt: ts("expires_at"),
    revokedAt: ts("revoked_at"),
    revokedBy: uuid("revoked_by").references((): AnyPgColumn => users.id),
    /** Updated at most about once a minute per key, not per request. */
    lastUsedAt: ts("last_used_at"),
    rateLimitPerMinute: integer("rate_limit_per_minute").notNull().default(600),
  },
  (t) => [
    index("api_keys_created_idx").on(t.createdAt.desc()),
    check("api_keys_name_len", sql`char_length(${t.name}) BETWEEN 1 AND 80`),
    check("api_keys_secret_hash_hex", sql`${t.secretHash} ~ '^[0-9a-f]{64}$'`),
    check("api_keys_scopes_known", sql`cardinality(${t.scopes}) > 0 AND ${t.scopes} <@ ARRAY['catalog:read', 'bookings:write', 'venue:manage']::text[]`),
    check("api_keys_venues_iff_manage", sql`('venue:manage' = ANY (${t.scopes})) = (cardinality(${t.venueIds}) > 0)`),
    check("api_keys_rate_limit", sql`${t.rateLimitPerMinute} BETWEEN 1 AND 100000`),
    check("api_keys_revoked_by", sql`(${t.revokedAt} IS NULL) = (${t.revokedBy} IS NULL)`),
  ],
);
