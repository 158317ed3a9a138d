// Large mode's people: a pool of ~20k names (every first name with every last name) plus the
// league teams, and 2–4 credits per generated event, all set-based. Sports fixtures credit the
// two teams in their title (league legs, some of the league's teams); concerts and comedy named
// after someone credit them first.
import * as W from "./data-words";
import { index, textArray } from "./sqlgen";

const slug = (expr: string) => `trim(BOTH '-' FROM regexp_replace(lower(${expr}), '[^a-z0-9]+', '-', 'g'))`;
const NL = W.PERSON_LAST.length;
const POOL = W.PERSON_FIRST.length * NL;
const TEAMS = W.TEAM_CITIES.length * W.MASCOTS.length;

// Generated concert and comedy titles "Name: …" / "Name Live in …" take the name from these
// draws (see large-events.ts); the pool is ordered so that name is person (f-1)*NL + l.
const headliner = `(${index("e.n", 11, W.FIRST_NAMES.length)} * ${NL} + ${index("e.n", 12, W.LAST_NAMES.length)} + 1)`;

export const LARGE_CREDITS_SQL = [
  `CREATE TEMP TABLE seed_pool_names ON COMMIT DROP AS
    SELECT ((f.i - 1) * ${NL} + l.i)::int AS k, f.name || ' ' || l.name AS name, 'PERSON' AS kind
    FROM unnest(${textArray(W.PERSON_FIRST)}) WITH ORDINALITY f(name, i)
    CROSS JOIN unnest(${textArray(W.PERSON_LAST)}) WITH ORDINALITY l(name, i)
    UNION ALL
    SELECT -row_number() OVER ()::int, c || ' ' || m, 'GROUP'
    FROM unnest(${textArray(W.TEAM_CITIES)}) c CROSS JOIN unnest(${textArray(W.MASCOTS)}) m`,
  // A name the normal catalog already has (a comic, a team) is that person, not a namesake.
  `INSERT INTO people (slug, name, kind)
    SELECT ${slug("name")}, name, kind FROM seed_pool_names ORDER BY k
    ON CONFLICT (slug) DO NOTHING`,
  `CREATE TEMP TABLE seed_pool ON COMMIT DROP AS
    SELECT s.k, s.name, p.id FROM seed_pool_names s JOIN people p ON p.slug = ${slug("s.name")}`,
  `CREATE UNIQUE INDEX ON seed_pool (k)`,
  `CREATE INDEX ON seed_pool (name)`,
  `ANALYZE seed_pool`,
];

/** Credits for the generated events in seed_large_events whose n % batches = batch. */
export function largeCreditsSql(batches: number, batch: number): string {
  const role = `CASE WHEN e.category IN ('MOVIE', 'PLAY') THEN (CASE WHEN j = 1 THEN 'CREW' ELSE 'CAST' END)
      WHEN e.category = 'EXHIBITION' AND j = 1 THEN 'CREW' WHEN e.category = 'SPORTS' THEN 'TEAM' ELSE 'ARTIST' END`;
  const credit = `CASE WHEN j > 1 THEN '' WHEN e.category IN ('MOVIE', 'PLAY') THEN 'Director' WHEN e.category = 'EXHIBITION' THEN 'Curator' ELSE '' END`;
  const named = `e.category IN ('CONCERT', 'COMEDY') AND e.title LIKE '%' || (SELECT name FROM seed_pool WHERE k = ${headliner}) || '%'`;
  return `
    INSERT INTO event_credits (event_id, person_id, role, credit, position)
    SELECT e.id, p.id, c.role::credit_role, c.credit, c.position
    FROM seed_large_events e
    CROSS JOIN LATERAL (
      SELECT ${role} AS role, ${credit} AS credit, (j - 1)::smallint AS position,
        CASE WHEN j = 1 AND ${named} THEN ${headliner}
          WHEN e.category = 'SPORTS' THEN -1 - ${index("e.n * 8 + j", 62, TEAMS)}
          ELSE 1 + ${index("e.n * 8 + j", 61, POOL)} END AS k
      FROM generate_series(1, 2 + ${index("e.n", 60, 3)}) AS j
      WHERE e.category <> 'SPORTS' OR e.title NOT LIKE '% vs %'
      UNION ALL
      SELECT 'TEAM', '', (j - 1)::smallint, t.k
      FROM generate_series(1, 2) AS j
      JOIN seed_pool t ON t.name = split_part(e.title, ' vs ', j)
      WHERE e.category = 'SPORTS' AND e.title LIKE '% vs %'
    ) c
    JOIN seed_pool p ON p.k = c.k
    WHERE e.n % ${batches} = ${batch}
    ON CONFLICT DO NOTHING`;
}
