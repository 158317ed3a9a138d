import type { Category } from "@/lib/catalog/filters";

const paths: Record<Category, string> = {
  MOVIE: "M4 5h16v14H4zM8 5v14M16 5v14M4 9h4M4 15h4M16 9h4M16 15h4",
  CONCERT: "M9 18V5l12-2v13M9 18a3 3 0 1 1-6 0 3 3 0 0 1 6 0ZM21 16a3 3 0 1 1-6 0 3 3 0 0 1 6 0Z",
  SPORTS: "M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18ZM3.6 9h16.8M3.6 15h16.8M12 3c2.5 2.5 2.5 15.5 0 18M12 3c-2.5 2.5-2.5 15.5 0 18",
  PLAY: "M4 4h7v8a3.5 3.5 0 0 1-7 0zM13 8h7v8a3.5 3.5 0 0 1-7 0zM6 8h.01M9 8h.01M15 12h.01M18 12h.01",
  COMEDY: "M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18ZM8 14s1.5 2.5 4 2.5 4-2.5 4-2.5M9 9h.01M15 9h.01",
  EXHIBITION: "M3 21h18M5 21V10M19 21V10M9 21v-7M15 21v-7M2 10l10-7 10 7z",
};

export function CategoryIcon({ category, className = "h-7 w-7" }: { category: Category; className?: string }) {
  return (
    <svg aria-hidden viewBox="0 0 24 24" className={`${className} fill-none stroke-brand-500`} strokeWidth={1.6} strokeLinecap="round" strokeLinejoin="round">
      <path d={paths[category]} />
    </svg>
  );
}
