/**
 * dist/ (what the package ships, `"files": ["dist"]`) holds exactly what n8n needs: the compiled
 * code of nodes/ and credentials/, the light and dark icons every node and credential names, and
 * the codex file of every node; nothing else. Runs after `npm run build` (npm test builds first).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import { dateChangelog } from '../../scripts/release';

const root = path.resolve(__dirname, '..', '..');
const dist = path.join(root, 'dist');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

function filesUnder(dir: string): string[] {
	return fs.readdirSync(dir, { withFileTypes: true, recursive: true })
		.filter((entry) => entry.isFile())
		.map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
		.sort();
}

type Icon = string | { light: string; dark: string };

function iconFiles(icon: Icon | undefined, besideFile: string): string[] {
	expect(icon).toEqual({ light: expect.stringMatching(/^file:.+\.svg$/), dark: expect.stringMatching(/^file:.+\.dark\.svg$/) });
	const themed = icon as { light: string; dark: string };
	return [themed.light, themed.dark].map((ref) => path.posix.join(path.posix.dirname(besideFile), ref.slice('file:'.length)));
}

function loadClass(file: string): any {
	const exported = require(path.join(root, file));
	const Class = Object.values(exported)[0] as new () => any;
	return new Class();
}

describe('dist/', () => {
	const shipped = filesUnder(dist);

	it('holds the compiled code of every source file of nodes/ and credentials/, and nothing compiled from elsewhere', () => {
		const sources = [...filesUnder(path.join(root, 'nodes')), ...filesUnder(path.join(root, 'credentials'))]
			.filter((file) => file.endsWith('.ts'))
			.map((file) => `dist/${file.replace(/\.ts$/, '.js')}`);
		const compiled = shipped.filter((file) => file.endsWith('.js'));
		expect(compiled).toEqual(sources.sort());
	});

	it('holds only code, SVG icons and codex files', () => {
		const other = shipped.filter((file) => !/\.(js|svg)$/.test(file) && !/\.node\.json$/.test(file));
		expect(other).toEqual([]);
	});

	it('holds each node listed in package.json with its codex file and both icons, and no other icon or codex', () => {
		const expected = new Set<string>();
		for (const file of manifest.n8n.nodes as string[]) {
			const node = loadClass(file);
			const description = node.description ?? node.nodeVersions?.[node.currentVersion]?.description;
			expected.add(file.replace(/\.js$/, '.json'));
			for (const icon of iconFiles(description.icon, file)) expected.add(icon);
		}
		for (const file of manifest.n8n.credentials as string[]) {
			for (const icon of iconFiles(loadClass(file).icon, file)) expected.add(icon);
		}
		for (const file of expected) expect(shipped).toContain(file);
		const assets = shipped.filter((file) => !file.endsWith('.js'));
		expect(assets.sort()).toEqual([...expected].sort());
	});

	it('is what npm packs, beside package.json, README, LICENSE and the empty index.js', () => {
		const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, stdio: ['ignore', 'pipe', 'ignore'] }).toString();
		const packed = (JSON.parse(out.slice(out.indexOf('['))) as Array<{ files: Array<{ path: string }> }>)[0].files.map((f) => f.path);
		expect(packed.sort()).toEqual([...shipped, 'LICENSE', 'README.md', 'index.js', 'package.json'].sort());
	});
});

describe('release notes', () => {
	it('dates the Unreleased section under the new version and keeps an empty Unreleased on top', () => {
		const text = '# Changelog\n\n## Unreleased\n\n- A fix.\n\n## 0.1.0 (2026-01-01)\n\n- First.\n';
		expect(dateChangelog(text, '0.2.0', '2026-12-02')).toBe(
			'# Changelog\n\n## Unreleased\n\n## 0.2.0 (2026-12-02)\n\n- A fix.\n\n## 0.1.0 (2026-01-01)\n\n- First.\n',
		);
	});

	it('refuses a release without notes, or a version already released', () => {
		expect(() => dateChangelog('# Changelog\n\n## Unreleased\n\n## 0.1.0\n\n- First.\n', '0.2.0', 'd')).toThrow(/no notes/);
		expect(() => dateChangelog('## Unreleased\n\n- x\n\n## 0.2.0\n', '0.2.0', 'd')).toThrow(/already has 0\.2\.0/);
	});
});
