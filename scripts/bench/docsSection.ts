/**
 * Sections of `npm run bench` that write their own part of docs/benchmarks.md (sweep, queue) replace
 * only that part, so running one section keeps the others' figures.
 */

/** Where a `## ` section starts (its heading) and ends (the next `## ` heading, or -1: the end of the file). */
function sectionBounds(md: string, heading: string): { start: number; next: number } | undefined {
	const start = md.indexOf(`\n${heading}\n`);
	if (start < 0) return undefined;
	return { start, next: md.indexOf('\n## ', start + heading.length + 1) };
}

/** Replaces (or appends) one `## ` section of a Markdown file, leaving the others alone. */
export function replaceMarkdownSection(md: string, heading: string, section: string): string {
	const bounds = sectionBounds(md, heading);
	if (!bounds) return `${md.trimEnd()}\n\n${section.trim()}\n`;
	const { start, next } = bounds;
	return `${md.slice(0, start).trimEnd()}\n\n${section.trim()}\n${next < 0 ? '' : `\n${md.slice(next + 1)}`}`;
}

/** One `## ` section of a Markdown file, heading included, or undefined when there is none. */
export function markdownSection(md: string, heading: string): string | undefined {
	const bounds = sectionBounds(md, heading);
	if (!bounds) return undefined;
	return md.slice(bounds.start + 1, bounds.next < 0 ? undefined : bounds.next + 1);
}
