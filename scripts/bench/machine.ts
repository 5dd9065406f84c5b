/** What the benchmark ran on, for the head of docs/benchmarks.md. */
import { execFileSync } from 'node:child_process';
import os from 'node:os';

import type { N8nInstall } from '../lib/n8nHost';
import { repoRoot } from '../lib/paths';
import type { Meta } from './report';

function gitDescription(): string {
	try {
		const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repoRoot, encoding: 'utf8' }).trim();
		const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: repoRoot, encoding: 'utf8' }).trim();
		return dirty ? `${commit} (with uncommitted changes)` : commit;
	} catch {
		return 'unknown';
	}
}

export function machineMeta(install: N8nInstall): Meta {
	const cpus = os.cpus();
	const command = `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`;
	return {
		date: new Date().toISOString(),
		command,
		n8nVersion: install.version,
		nodeRuntime: install.runtime.label,
		cpuModel: cpus[0]?.model?.trim() || 'unknown',
		cores: cpus.length,
		ramGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
		os: `${os.type()} ${os.release()} ${os.arch()}`,
		commit: gitDescription(),
	};
}
