/**
 * Every child process the scripts start goes through here, so that nothing outlives the script:
 * each child leads its own process group (spawn `detached` = setsid), and stopping it kills the
 * whole group (n8n forks task runners, npm forks node-gyp). Ctrl-C, SIGTERM, an uncaught error
 * or a normal exit all end every group still running.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import { info } from './log';

const OUTPUT_LIMIT = 2_000_000;

export interface StartOptions {
	cwd?: string;
	env?: NodeJS.ProcessEnv;
	/** Also append everything the process prints to this file. */
	logFile?: string;
	/** Echo output to our console, each line prefixed (e.g. "[n8n] "). */
	echoPrefix?: string;
}

export class ManagedProcess {
	readonly exited: Promise<number | null>;
	exitCode: number | null | undefined = undefined;
	private buffer = '';
	private listeners = new Set<() => void>();

	constructor(
		readonly name: string,
		readonly child: ChildProcess,
		options: StartOptions,
	) {
		if (options.logFile) fs.mkdirSync(path.dirname(options.logFile), { recursive: true });
		const log = options.logFile ? fs.createWriteStream(options.logFile, { flags: 'a' }) : undefined;
		const onData = (chunk: Buffer) => {
			const text = chunk.toString('utf8');
			this.buffer += text;
			if (this.buffer.length > OUTPUT_LIMIT) this.buffer = this.buffer.slice(-OUTPUT_LIMIT / 2);
			log?.write(text);
			if (options.echoPrefix !== undefined) {
				for (const line of text.split('\n')) if (line.trim()) process.stdout.write(`${options.echoPrefix}${line}\n`);
			}
			for (const listener of this.listeners) listener();
		};
		child.stdout?.on('data', onData);
		child.stderr?.on('data', onData);
		this.exited = new Promise((resolve) => {
			child.on('error', (error) => {
				this.buffer += `\n[spawn error] ${error.message}\n`;
				this.exitCode = null;
				resolve(null);
			});
			child.on('close', (code, signal) => {
				this.exitCode = code ?? (signal ? 128 : null);
				log?.end();
				registry.delete(this);
				for (const listener of this.listeners) listener();
				resolve(this.exitCode);
			});
		});
	}

	get pid(): number | undefined {
		return this.child.pid;
	}

	get running(): boolean {
		return this.exitCode === undefined;
	}

	output(): string {
		return this.buffer;
	}

	/** Resolves with the match once the output matches; rejects on exit or timeout. */
	waitForOutput(pattern: RegExp, timeoutMs: number, from = 0): Promise<RegExpMatchArray> {
		return new Promise((resolve, reject) => {
			const check = () => {
				const match = this.buffer.slice(from).match(pattern);
				if (match) return done(() => resolve(match));
				if (!this.running) {
					return done(() => reject(new Error(`${this.name} exited (code ${this.exitCode}) before printing ${pattern}\n${tail(this.buffer)}`)));
				}
			};
			const timer = setTimeout(
				() => done(() => reject(new Error(`${this.name} did not print ${pattern} within ${timeoutMs / 1000}s\n${tail(this.buffer)}`))),
				timeoutMs,
			);
			const done = (settle: () => void) => {
				clearTimeout(timer);
				this.listeners.delete(check);
				settle();
			};
			this.listeners.add(check);
			check();
		});
	}

	/** SIGTERM to the process group, SIGKILL after `graceMs`. */
	async stop(graceMs = 15_000): Promise<void> {
		if (!this.running) return;
		signalGroup(this, 'SIGTERM');
		const timer = setTimeout(() => signalGroup(this, 'SIGKILL'), graceMs);
		await this.exited;
		clearTimeout(timer);
		// The leader is gone; make sure nothing it forked is left in the group.
		signalGroup(this, 'SIGKILL');
	}
}

const registry = new Set<ManagedProcess>();

function signalGroup(proc: ManagedProcess, signal: NodeJS.Signals): void {
	if (!proc.pid) return;
	try {
		process.kill(-proc.pid, signal);
	} catch {
		// Already gone.
	}
}

export function tail(text: string, lines = 40): string {
	return text.trimEnd().split('\n').slice(-lines).join('\n');
}

export function startProcess(name: string, command: string, args: string[], options: StartOptions = {}): ManagedProcess {
	installExitHooks();
	const child = spawn(command, args, {
		cwd: options.cwd,
		env: options.env ?? process.env,
		detached: true,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	const proc = new ManagedProcess(name, child, options);
	registry.add(proc);
	return proc;
}

export interface RunResult {
	code: number | null;
	output: string;
}

/** Runs a command to completion (still in its own killable group). */
export async function run(command: string, args: string[], options: StartOptions = {}): Promise<RunResult> {
	const proc = startProcess(`${command} ${args.join(' ')}`.slice(0, 80), command, args, options);
	const code = await proc.exited;
	return { code, output: proc.output() };
}

/** Like `run`, but throws with the output's tail when the exit code is not 0. */
export async function runOrThrow(command: string, args: string[], options: StartOptions = {}): Promise<string> {
	const result = await run(command, args, options);
	if (result.code !== 0) {
		throw new Error(`\`${command} ${args.join(' ')}\` exited with ${result.code}\n${tail(result.output)}`);
	}
	return result.output;
}

/** Stops every process still running, newest first (n8n before the sandbox it talks to). */
export async function stopAll(): Promise<void> {
	const procs = [...registry].reverse();
	for (const proc of procs) await proc.stop();
}

let hooksInstalled = false;
let stopping = 0;

/** True once a signal started the shutdown (children exiting then is expected, not a failure). */
export function isStopping(): boolean {
	return stopping > 0;
}

function installExitHooks(): void {
	if (hooksInstalled) return;
	hooksInstalled = true;
	// Last resort: exit handlers must be synchronous, so no grace period here.
	process.on('exit', () => {
		for (const proc of registry) signalGroup(proc, 'SIGKILL');
	});
	for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
		process.on(signal, () => {
			if (stopping) {
				// Ctrl-C reaches us twice at once (from the terminal and relayed by npm/tsx): only a
				// second Ctrl-C pressed later means "stop now, without waiting".
				if (Date.now() - stopping < 1500) return;
				info('Stopping now (second interrupt).');
				process.exit(130);
			}
			stopping = Date.now();
			info(`${signal} received: stopping ${registry.size} process(es) ...`);
			void stopAll().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
		});
	}
	process.on('uncaughtException', (error) => {
		console.error(error);
		void stopAll().finally(() => process.exit(1));
	});
	process.on('unhandledRejection', (error) => {
		console.error(error);
		void stopAll().finally(() => process.exit(1));
	});
}
