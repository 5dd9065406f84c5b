/**
 * Every npm script loads outside jest and answers `--help` with its own usage text. The scripts
 * share harness modules with the tests; one of them once called jest's `afterAll` on load, and
 * `npm run reliability` crashed before doing anything while every test still passed.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = path.resolve(__dirname, '../..');
const tsx = path.join(root, 'node_modules', '.bin', 'tsx');

/** Script file -> the npm script its header names. */
const SCRIPTS: Array<[string, string]> = [
	['scripts/bench.ts', 'npm run bench'],
	['scripts/e2e.ts', 'npm run test:e2e'],
	['scripts/reliability.ts', 'npm run reliability'],
	['scripts/start.ts', 'npm start'],
];

describe('npm scripts outside jest', () => {
	it.each(SCRIPTS)('%s --help prints its usage and exits 0', async (script, npmScript) => {
		// A child process without jest's globals, as `npm run` starts it
		const { stdout } = await run(tsx, [script, '--help'], { cwd: root, env: { ...process.env, JEST_WORKER_ID: '' }, timeout: 60_000 });
		expect(stdout.startsWith('/**')).toBe(true);
		expect(stdout).toContain(`\`${npmScript}`);
		expect(stdout).not.toContain('*/');
	}, 90_000);
});
