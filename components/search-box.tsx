"use client";
import { useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useId, useState } from "react";

type Suggestion = { kind: "event" | "person" | "venue"; id: string; title: string; href: string; category?: string };

const KIND_LABEL = { person: "person", venue: "venue" } as const;

function useDebounced<T>(value: T, ms: number) {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}

/**
 * Search with typo-tolerant autocomplete (events, people, venues) for the chosen city: an ARIA
 * combobox; Enter searches, arrows pick a suggestion.
 */
export function SearchBox({ initial = "", city }: { initial?: string; city?: string }) {
  const router = useRouter();
  const listId = useId();
  const [text, setText] = useState(initial);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const prefix = useDebounced(text.trim(), 150);

  const { data } = useQuery({
    queryKey: ["autocomplete", prefix, city],
    enabled: prefix.length >= 2,
    queryFn: async ({ signal }) => {
      const params = new URLSearchParams({ prefix, limit: "8", ...(city ? { city } : {}) });
      const res = await fetch(`/api/v1/events/autocomplete?${params}`, { signal });
      if (!res.ok) return [];
      return ((await res.json()) as { suggestions: Suggestion[] }).suggestions;
    },
  });
  const suggestions = prefix.length >= 2 ? (data ?? []) : [];
  const showList = open && suggestions.length > 0;

  function go(s?: Suggestion) {
    setOpen(false);
    if (s) router.push(s.href);
    else if (text.trim()) router.push(`/search?${new URLSearchParams({ q: text.trim() })}`);
  }

  return (
    <form
      role="search"
      className="relative w-full max-w-xl"
      onSubmit={(e) => {
        e.preventDefault();
        go(active >= 0 ? suggestions[active] : undefined);
      }}
    >
      <label htmlFor={`${listId}-input`} className="sr-only">
        Search movies, events, plays, sports and venues
      </label>
      <input
        id={`${listId}-input`}
        name="q"
        type="search"
        autoComplete="off"
        role="combobox"
        aria-expanded={showList}
        aria-controls={`${listId}-list`}
        aria-autocomplete="list"
        aria-activedescendant={showList && active >= 0 ? `${listId}-opt-${active}` : undefined}
        placeholder="Search for movies, events, plays, sports…"
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setOpen(true);
          setActive(-1);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={(e) => {
          if (!showList) return;
          if (e.key === "ArrowDown") {
            e.preventDefault();
            setActive((a) => Math.min(a + 1, suggestions.length - 1));
          } else if (e.key === "ArrowUp") {
            e.preventDefault();
            setActive((a) => Math.max(a - 1, -1));
          } else if (e.key === "Escape") setOpen(false);
        }}
        className="w-full rounded-lg border border-white/10 bg-white px-4 py-2 pl-10 text-sm text-ink-900 placeholder:text-slate-500"
      />
      <svg aria-hidden viewBox="0 0 24 24" className="pointer-events-none absolute left-3 top-2.5 h-4 w-4 fill-slate-500">
        <path d="M10 2a8 8 0 1 0 4.9 14.3l5.4 5.4 1.4-1.4-5.4-5.4A8 8 0 0 0 10 2Zm0 2a6 6 0 1 1 0 12 6 6 0 0 1 0-12Z" />
      </svg>
      {showList && (
        <ul
          id={`${listId}-list`}
          role="listbox"
          aria-label="Suggestions"
          className="absolute z-30 mt-1 w-full overflow-hidden rounded-lg border border-slate-200 bg-white py-1 text-sm shadow-lg"
        >
          {suggestions.map((s, i) => (
            <li
              key={s.id}
              id={`${listId}-opt-${i}`}
              role="option"
              aria-selected={i === active}
              onMouseDown={(e) => {
                e.preventDefault();
                go(s);
              }}
              onMouseEnter={() => setActive(i)}
              className={`flex cursor-pointer items-center justify-between px-4 py-2 ${i === active ? "bg-brand-50" : ""}`}
            >
              <span className="font-medium text-ink-900">{s.title}</span>
              <span className="text-xs uppercase tracking-wide text-slate-500">
                {s.kind === "event" ? s.category?.toLowerCase() : KIND_LABEL[s.kind]}
              </span>
            </li>
          ))}
        </ul>
      )}
    </form>
  );
}
