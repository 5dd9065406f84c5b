/**
 * `npm run lint`: the shipped sources (nodes/, credentials/, package.json) against the exact
 * default ESLint config that @n8n/node-cli exports, with 0 errors and 0 warnings allowed.
 *
 * eslint.config.mjs is the CLI's default file, unchanged, so `n8n-node lint` accepts strict mode.
 * That command lints the whole folder, and the development tooling (sandbox/, scripts/, test/)
 * uses the file system and `process` by design; hence this script, which lints exactly what ships.
 * Usage: npm run lint [-- --fix]
 */
import { info } from './lib/log';
import { ensureNodeCliTools } from './lib/nodeCliTools';
import { repoRoot } from './lib/paths';

export const SHIPPED_SOURCES = ['nodes', 'credentials', 'package.json'];

async function main(): Promise<void> {
	const fix = process.argv.includes('--fix');
	const tools = await ensureNodeCliTools();
	const { ESLint } = tools.require('eslint') as typeof import('eslint');
	const { config } = tools.require('@n8n/node-cli/eslint') as { config: import('eslint').Linter.Config[] };
	const eslint = new ESLint({ cwd: repoRoot, overrideConfigFile: true, overrideConfig: config, fix });
	const results = await eslint.lintFiles(SHIPPED_SOURCES);
	if (fix) await ESLint.outputFixes(results);
	const formatter = await eslint.loadFormatter('stylish');
	const text = await formatter.format(results);
	if (text.trim()) console.log(text);
	const errors = results.reduce((sum, r) => sum + r.errorCount, 0);
	const warnings = results.reduce((sum, r) => sum + r.warningCount, 0);
	info(`lint (the default config of @n8n/node-cli, strict): ${results.length} files, ${errors} errors, ${warnings} warnings`);
	if (errors + warnings > 0) process.exitCode = 1;
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
