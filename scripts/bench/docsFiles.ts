/**
 * Writing docs/benchmarks.json and docs/benchmarks.md. A full run rewrites both; the sweep and the
 * queue section, measured on their own because they take long, then replace only their own key of
 * the JSON and their own section of the page, so a later partial run keeps the others' figures.
 */
import fs from 'node:fs';
import path from 'node:path';

import { replaceMarkdownSection } from './docsSection';
import type { SweepResult } from './latencySweep';
import { benchmarksMarkdown, queueHeading, queueMarkdown, SWEEP_HEADING, sweepMarkdown } from './markdown';
import type { QueueResult } from './queueThroughput';
import { benchmarkJson, type Results } from './report';

function writeJson(file: string, json: unknown): void {
	fs.writeFileSync(file, `${JSON.stringify(json, null, 2)}\n`);
}

function updateJson(docsDir: string, update: (json: Record<string, unknown>) => void): void {
	const file = path.join(docsDir, 'benchmarks.json');
	const json = JSON.parse(fs.readFileSync(file, 'utf8'));
	update(json);
	writeJson(file, json);
}

function replaceSection(docsDir: string, heading: string, section: string): void {
	const file = path.join(docsDir, 'benchmarks.md');
	fs.writeFileSync(file, replaceMarkdownSection(fs.readFileSync(file, 'utf8'), heading, section));
}

/** A full run's docs: both files rewritten. */
export function writeBenchmarkDocs(docsDir: string, results: Results): void {
	writeJson(path.join(docsDir, 'benchmarks.json'), benchmarkJson(results));
	fs.writeFileSync(path.join(docsDir, 'benchmarks.md'), benchmarksMarkdown(results));
}

/** Adds the sweep to docs/benchmarks.json (`latencySweep`) and docs/benchmarks.md, keeping the rest. */
export function writeSweepDocs(docsDir: string, sweep: SweepResult, meta: { date: string; n8nVersion: string; nodeRuntime: string }): void {
	updateJson(docsDir, (json) => {
		json.latencySweep = sweep.ours;
		json.latencySweepComparisons = { items: sweep.items, fixed10: sweep.fixed10, httpBatched: sweep.httpBatched, measured: meta.date };
	});
	replaceSection(docsDir, SWEEP_HEADING, sweepMarkdown(sweep, meta));
}

/** Adds the measurement to docs/benchmarks.json (`queue`) and docs/benchmarks.md, keeping the rest. */
export function writeQueueDocs(docsDir: string, result: QueueResult): void {
	const { details, ...figures } = result;
	const key = details.rateLimitHeaders ? 'queue' : 'queueWithoutRateLimitHeaders';
	updateJson(docsDir, (json) => {
		json[key] = figures;
		json[`${key}Details`] = details;
	});
	replaceSection(docsDir, queueHeading(result), queueMarkdown(result));
}
