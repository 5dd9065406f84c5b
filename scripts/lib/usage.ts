import fs from 'node:fs';

/**
 * `--help` for the npm scripts: prints the script's own header comment, which is where its usage is
 * written, so the two cannot drift apart. Returns true when it printed (the caller then stops).
 */
export function printUsageIfAsked(asked: boolean | undefined, scriptFile: string): boolean {
	if (!asked) return false;
	console.log(fs.readFileSync(scriptFile, 'utf8').split('*/')[0]);
	return true;
}
