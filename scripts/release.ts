/**
 * `npm run release -- <version>` prepares a release on a maintainer's machine; the release
 * workflow (.github/workflows/release.yml) publishes it with provenance when the tag arrives.
 * It refuses unless the tree is clean and CHANGELOG.md has notes under "## Unreleased", runs the
 * README's test command, then sets the version, dates the changelog section, commits and tags
 * v<version>. Pushing (`git push --follow-tags`) is left to the maintainer.
 */
import fs from 'node:fs';
import path from 'node:path';

import { info } from './lib/log';
import { repoRoot } from './lib/paths';
import { runOrThrow } from './lib/processes';

const changelogFile = path.join(repoRoot, 'CHANGELOG.md');

/** CHANGELOG.md with its "## Unreleased" section renamed to the version; throws when there are no notes. */
export function dateChangelog(text: string, version: string, date: string): string {
	const match = /^## Unreleased[^\n]*\n([\s\S]*?)(?=^## |$(?![\s\S]))/m.exec(text);
	if (!match || !match[1].trim()) throw new Error('CHANGELOG.md has no notes under "## Unreleased": write them first');
	if (new RegExp(`^## ${version.replace(/\./g, '\\.')}\\b`, 'm').test(text)) throw new Error(`CHANGELOG.md already has ${version}`);
	return text.replace(/^## Unreleased[^\n]*\n/m, `## Unreleased\n\n## ${version} (${date})\n`);
}

async function main(): Promise<void> {
	const version = process.argv[2];
	if (!version || !/^\d+\.\d+\.\d+(-[0-9A-Za-z.]+)?$/.test(version)) {
		throw new Error('Usage: npm run release -- <version>, for example npm run release -- 0.2.0');
	}
	const status = await runOrThrow('git', ['status', '--porcelain'], { cwd: repoRoot });
	if (status.trim()) throw new Error('The working tree has uncommitted changes: commit or stash them first');
	const changelog = dateChangelog(fs.readFileSync(changelogFile, 'utf8'), version, new Date().toISOString().slice(0, 10));
	info('Running the checks (npm test) ...');
	await runOrThrow('npm', ['test'], { cwd: repoRoot, echoPrefix: '  ' });
	await runOrThrow('npm', ['version', version, '--no-git-tag-version', '--allow-same-version'], { cwd: repoRoot });
	fs.writeFileSync(changelogFile, changelog);
	await runOrThrow('git', ['commit', '-am', `Release ${version}`], { cwd: repoRoot });
	await runOrThrow('git', ['tag', '-a', `v${version}`, '-m', `Release ${version}`], { cwd: repoRoot });
	info(`Tagged v${version}. Push it to publish: git push --follow-tags`);
}

if (require.main === module) {
	main().catch((error) => {
		console.error(error instanceof Error ? error.message : error);
		process.exitCode = 1;
	});
}
