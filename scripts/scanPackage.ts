/**
 * `npm run scan`: n8n's verification scanner (@n8n/scan-community-package) on the packed package,
 * offline. The scanner's own CLI downloads the published package and the source its npm
 * provenance points at; here the same two legs run on `npm pack`'s tarball and on this checkout:
 * the scanner's config over the sources (package.json, nodes/, credentials/) and over the tarball's
 * compiled .js and package.json. Its provenance check needs a published version: the release
 * workflow publishes with provenance (.github/workflows/release.yml).
 * Counts errors and warnings; any of either fails. Needs a built dist/ (npm run build).
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import { info } from './lib/log';
import { ensureNodeCliTools } from './lib/nodeCliTools';
import { packPackage } from './lib/packageTarball';
import { repoRoot } from './lib/paths';
import { runOrThrow } from './lib/processes';

type ESLintModule = typeof import('eslint');

interface Leg {
	name: string;
	cwd: string;
	patterns: string[];
}

async function lintLeg(eslintModule: ESLintModule, config: unknown, leg: Leg, glob: (p: string[], o: object) => string[]) {
	const eslint = new eslintModule.ESLint({
		cwd: leg.cwd,
		allowInlineConfig: false,
		overrideConfigFile: true,
		overrideConfig: config as import('eslint').Linter.Config[],
	});
	const files = glob(leg.patterns, { cwd: leg.cwd, absolute: true, ignore: ['node_modules/**', '**/package-lock.json'] });
	if (files.length === 0) throw new Error(`${leg.name}: no files to scan in ${leg.cwd}`);
	const results = await eslint.lintFiles(files);
	const text = await (await eslint.loadFormatter('stylish')).format(results);
	return {
		files: files.length,
		errors: results.reduce((sum, r) => sum + r.errorCount, 0),
		warnings: results.reduce((sum, r) => sum + r.warningCount, 0),
		text,
	};
}

async function main(): Promise<void> {
	if (!fs.existsSync(path.join(repoRoot, 'dist'))) throw new Error('dist/ is missing: run `npm run build` first');
	const tools = await ensureNodeCliTools();
	const scannerFile = tools.require.resolve('@n8n/scan-community-package/scanner/scanner.mjs');
	const scanner = await import(pathToFileURL(scannerFile).href);
	const fromScanner = createRequire(scannerFile);
	const eslintModule = fromScanner('eslint') as ESLintModule;
	const glob = fromScanner('fast-glob').sync as (p: string[], o: object) => string[];
	const config = await scanner.buildScanConfig();

	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'printos-scan-'));
	try {
		const tarball = await packPackage(work);
		const unpacked = path.join(work, 'package');
		fs.mkdirSync(unpacked);
		await runOrThrow('tar', ['-xzf', tarball, '-C', unpacked, '--strip-components=1']);
		const legs: Leg[] = [
			{ name: 'sources', cwd: repoRoot, patterns: scanner.SOURCE_FILE_PATTERNS },
			{ name: `tarball ${path.basename(tarball)}`, cwd: unpacked, patterns: ['**/*.js', 'package.json'] },
		];
		let problems = 0;
		for (const leg of legs) {
			const result = await lintLeg(eslintModule, config, leg, glob);
			if (result.text.trim()) console.log(result.text);
			info(`scan-community-package, ${leg.name}: ${result.files} files, ${result.errors} errors, ${result.warnings} warnings`);
			problems += result.errors + result.warnings;
		}
		if (problems > 0) process.exitCode = 1;
	} finally {
		fs.rmSync(work, { recursive: true, force: true });
	}
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
