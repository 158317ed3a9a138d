// The Markdown the API descriptions use, inline only: `code` and **bold** (which may hold code).
// Everything else is text; nothing is parsed as HTML.
function Code({ text }: { text: string }) {
  return (
    <>
      {text.split(/(`[^`]+`)/g).map((part, i) =>
        part.startsWith("`") && part.endsWith("`") && part.length > 2 ? (
          <code key={i} className="rounded bg-slate-100 px-1 py-0.5 font-mono text-[0.85em] text-ink-900">
            {part.slice(1, -1)}
          </code>
        ) : (
          <span key={i}>{part}</span>
        ),
      )}
    </>
  );
}

export function InlineMarkdown({ text }: { text: string }) {
  return (
    <>
      {text.split(/(\*\*[^*]+\*\*)/g).map((part, i) =>
        part.startsWith("**") && part.endsWith("**") && part.length > 4 ? (
          <strong key={i} className="font-semibold text-ink-900">
            <Code text={part.slice(2, -2)} />
          </strong>
        ) : (
          <Code key={i} text={part} />
        ),
      )}
    </>
  );
}
