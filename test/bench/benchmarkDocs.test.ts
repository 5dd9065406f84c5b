/**
 * docs/benchmarks.md must say what docs/benchmarks.json holds: the parts of the page that can be
 * rendered from the JSON alone are rendered here with the bench's own renderer
 * (scripts/bench/markdown.ts) and compared with the committed page, so a change to the renderer
 * that alters the page, or a page edited apart from its figures, fails here.
 *
 * Not derivable from the JSON, so not compared: the head of the page (machine, n8n and commit of
 * the run, the table of sections 1–7 and how each was measured), which renders from the full run's
 * raw results (per-minute counts, memory baselines, …) of which the JSON keeps only the figures.
 */
import fs from 'node:fs';
import path from 'node:path';

import { markdownSection } from '../../scripts/bench/docsSection';
import type { SweepResult } from '../../scripts/bench/latencySweep';
import { queueHeading, queueMarkdown, SWEEP_HEADING, sweepMarkdown } from '../../scripts/bench/markdown';
import type { QueueResult } from '../../scripts/bench/queueThroughput';

const docs = path.join(__dirname, '..', '..', 'docs');
const json = JSON.parse(fs.readFileSync(path.join(docs, 'benchmarks.json'), 'utf8'));
const page = fs.readFileSync(path.join(docs, 'benchmarks.md'), 'utf8');

function committedSection(heading: string): string {
	const section = markdownSection(page, heading);
	if (section === undefined) throw new Error(`docs/benchmarks.md has no section "${heading}"`);
	return section;
}

describe('docs/benchmarks.md rendered from docs/benchmarks.json', () => {
	// the two queue variants are stored under these keys (scripts/bench/docsFiles.ts)
	it.each(['queue', 'queueWithoutRateLimitHeaders'])('the queue section stored as "%s" is exactly what the renderer makes of the JSON', (key) => {
		expect(json[key]).toBeDefined();
		const result: QueueResult = { ...json[key], details: json[`${key}Details`] };
		expect(committedSection(queueHeading(result)).trim()).toBe(queueMarkdown(result).trim());
	});

	it('the latency sweep section starts with what the renderer makes of the JSON', () => {
		const comparisons = json.latencySweepComparisons;
		const sweep: SweepResult = { items: comparisons.items, ours: json.latencySweep, fixed10: comparisons.fixed10, httpBatched: comparisons.httpBatched };
		const section = committedSection(SWEEP_HEADING);
		// The sweep's n8n version and Node runtime are not in the JSON: they are taken from the page,
		// everything else must come from the JSON. A note on the run's conditions may follow the table.
		const run = /`npm run bench -- --only sweep`, n8n (\S+) on (.+?), \d{4}-/.exec(section);
		expect(run).not.toBeNull();
		const rendered = sweepMarkdown(sweep, { date: comparisons.measured, n8nVersion: run![1], nodeRuntime: run![2] });
		expect(section.slice(0, rendered.length)).toBe(rendered);
	});
});
