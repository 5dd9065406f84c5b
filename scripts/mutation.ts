/**
 * `npm run mutation [-- <files>]`: Stryker over the critical modules (stryker.config.mjs), on Node 24
 * because Stryker 10 needs Node 22 or later. Incremental: the committed report
 * reports/mutation/incremental.json keeps every mutant's result, so a run after a change tests only
 * the mutants whose code or covering tests changed.
 *
 *   npm run mutation                                    every critical module
 *   npm run mutation -- nodes/PrintOs/transport/pacer.ts  only these files; their results are merged
 *                                                         into the committed report, the others kept
 *   npm run mutation -- --summary                       print the scores of the committed report
 *
 * Not part of `npm test` or CI: a full run from scratch takes about an hour on 2 cores.
 */
import fs from 'node:fs';
import path from 'node:path';

import { info } from './lib/log';
import { ensureNode24 } from './lib/n8nHost';
import { startProcess, stopAll } from './lib/processes';
import { repoRoot } from './lib/paths';

const REPORT = path.join(repoRoot, 'reports', 'mutation', 'incremental.json');
const SCOPED_REPORT = path.join(repoRoot, 'reports', 'mutation', 'scoped.json');

interface ReportMutant {
	id: string;
	mutatorName: string;
	replacement?: string;
	status: string;
	location: { start: { line: number; column: number } };
}

interface MutationReport {
	files: Record<string, { source: string; mutants: ReportMutant[] }>;
	testFiles?: Record<string, unknown>;
	[key: string]: unknown;
}

function readReport(file: string): MutationReport | undefined {
	return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as MutationReport) : undefined;
}

/** A scoped run replaces the results of its files (and the test files it saw), keeping the rest. */
function mergeInto(target: MutationReport | undefined, scoped: MutationReport): MutationReport {
	if (!target) return scoped;
	return {
		...target,
		files: { ...target.files, ...scoped.files },
		testFiles: { ...(target.testFiles ?? {}), ...(scoped.testFiles ?? {}) },
	};
}

/**
 * The committed report names no folder of this machine: stack traces carry absolute paths, of the
 * checkout and of the folder node_modules really lives in (a worktree may link another checkout's).
 */
function withoutMachinePaths(json: string): string {
	const roots = new Set([repoRoot, path.dirname(fs.realpathSync(path.join(repoRoot, 'node_modules')))]);
	let text = json;
	for (const root of roots) text = text.split(`"projectRoot":"${root}"`).join('"projectRoot":"."').split(`${root}/`).join('');
	return text;
}

const DETECTED = new Set(['Killed', 'Timeout']);
const UNDETECTED = new Set(['Survived', 'NoCoverage']);

/** Mutation score per file as Stryker counts it: detected / (detected + undetected); invalid mutants do not count. */
export function summarize(report: MutationReport): string {
	const rows: string[] = ['| Module | Mutants | Killed | Timed out | Survived | No coverage | Invalid | Score |', '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |'];
	const survivors: string[] = [];
	let detectedTotal = 0;
	let undetectedTotal = 0;
	for (const [file, { mutants }] of Object.entries(report.files).sort(([a], [b]) => a.localeCompare(b))) {
		const count = (status: string) => mutants.filter((mutant) => mutant.status === status).length;
		const detected = mutants.filter((mutant) => DETECTED.has(mutant.status)).length;
		const undetected = mutants.filter((mutant) => UNDETECTED.has(mutant.status)).length;
		detectedTotal += detected;
		undetectedTotal += undetected;
		const score = detected + undetected ? ((100 * detected) / (detected + undetected)).toFixed(1) : '–';
		rows.push(`| \`${file}\` | ${mutants.length} | ${count('Killed')} | ${count('Timeout')} | ${count('Survived')} | ${count('NoCoverage')} | ${count('CompileError') + count('RuntimeError')} | ${score} % |`);
		for (const mutant of mutants.filter((candidate) => UNDETECTED.has(candidate.status))) {
			const { line, column } = mutant.location.start;
			const replacement = (mutant.replacement ?? '').replace(/\s+/g, ' ').slice(0, 80);
			survivors.push(`- \`${file}:${line}:${column}\` ${mutant.status}, ${mutant.mutatorName}: \`${replacement}\``);
		}
	}
	const total = detectedTotal + undetectedTotal ? ((100 * detectedTotal) / (detectedTotal + undetectedTotal)).toFixed(1) : '–';
	rows.push(`| **all** | | | | | | | **${total} %** |`);
	return [...rows, '', survivors.length ? 'Undetected mutants:' : 'No undetected mutants.', ...survivors].join('\n');
}

async function main(): Promise<void> {
	const args = process.argv.slice(2);
	if (args.includes('--summary')) {
		const report = readReport(REPORT);
		if (!report) throw new Error('No report yet: run `npm run mutation` first');
		console.log(summarize(report));
		return;
	}
	const files = args.filter((argument) => !argument.startsWith('-'));
	const passThrough = args.filter((argument) => argument.startsWith('-'));
	for (const file of files) {
		if (!fs.existsSync(path.join(repoRoot, file))) throw new Error(`No such file: ${file}`);
	}

	const runtime = await ensureNode24();
	const reportFile = files.length ? SCOPED_REPORT : REPORT;
	if (files.length && fs.existsSync(REPORT)) fs.copyFileSync(REPORT, SCOPED_REPORT);
	const stryker = path.join(repoRoot, 'node_modules', '@stryker-mutator', 'core', 'bin', 'stryker.js');
	const strykerArgs = [stryker, 'run', '--incrementalFile', path.relative(repoRoot, reportFile), ...passThrough];
	if (files.length) strykerArgs.push('--mutate', files.join(','));
	info(`Stryker on ${runtime.label}${files.length ? ` over ${files.join(', ')}` : ' over the critical modules (stryker.config.mjs)'}`);
	const child = startProcess('stryker', runtime.nodeBin, strykerArgs, { cwd: repoRoot, env: runtime.env, echoPrefix: '' });
	const code = await child.exited;
	if (code !== 0) throw new Error(`Stryker exited with ${code}`);

	if (files.length) {
		const scoped = readReport(SCOPED_REPORT);
		if (!scoped) throw new Error(`Stryker wrote no report to ${SCOPED_REPORT}`);
		fs.writeFileSync(REPORT, `${withoutMachinePaths(JSON.stringify(mergeInto(readReport(REPORT), scoped)))}\n`);
		fs.rmSync(SCOPED_REPORT);
	}
	const merged = readReport(REPORT);
	if (merged) console.log(`\n${summarize(merged)}`);
}

main()
	.catch((error) => {
		console.error(error instanceof Error ? error.message : error);
		process.exitCode = 1;
	})
	.finally(() => stopAll());
