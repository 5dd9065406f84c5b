/**
 * Sections of `npm run bench` that write their own part of docs/benchmarks.md (sweep, queue) replace
 * only that part, so running one section keeps the others' figures.
 */

/** Replaces (or appends) one `## ` section of a Markdown file, leaving the others alone. */
export function replaceMarkdownSection(md: string, heading: string, section: string): string {
	const start = md.indexOf(`\n${heading}\n`);
	if (start < 0) return `${md.trimEnd()}\n\n${section.trim()}\n`;
	const next = md.indexOf('\n## ', start + heading.length + 1);
	return `${md.slice(0, start).trimEnd()}\n\n${section.trim()}\n${next < 0 ? '' : `\n${md.slice(next + 1)}`}`;
}
