// Accent folding shared by queries (here) and the index (the marquee_fold SQL function in
// db/migrations/0017_people_search.sql, built from the same two strings): "Café Mocambo" and
// "cafe mocambo" index and search alike. translate() is immutable, so generated columns and
// indexes can use it, and PGlite runs it exactly as Postgres does.
export const FOLD_FROM = "àáâãäåāăąçćčďèéêëēėęěğìíîïīįıľłñńňòóôõöøōőŕřśšşţťùúûüūůűųýÿźżžđ";
export const FOLD_TO = "aaaaaaaaacccdeeeeeeeegiiiiiiillnnnoooooooorrsssttuuuuuuuuyyzzzd";

const MAP = new Map([...FOLD_FROM].map((c, i) => [c, FOLD_TO[i]!]));

/** Lower-case and strip the accents marquee_fold strips (and any other combining marks). */
export function fold(text: string): string {
  let out = "";
  for (const c of text.toLowerCase()) out += MAP.get(c) ?? c;
  // Letters typed as base + combining mark (NFD input) fold the same way.
  return out.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").normalize("NFC");
}
