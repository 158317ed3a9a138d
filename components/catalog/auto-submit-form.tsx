"use client";
import type { ReactNode } from "react";

/** A GET form that applies itself on every change; the submit button remains for no-JS use. */
export function AutoSubmitForm({ action, children, className, label }: { action: string; children: ReactNode; className?: string; label: string }) {
  return (
    <form
      method="get"
      action={action}
      aria-label={label}
      className={className}
      onChange={(e) => {
        const form = e.currentTarget;
        // Text-like inputs apply on submit (Enter), not on every keystroke.
        if ((e.target as unknown as HTMLInputElement).type === "number") return;
        form.requestSubmit();
      }}
    >
      {children}
    </form>
  );
}
