/**
 * `--data <file>`: the state as one JSON file, replaced atomically (write a temp file, then rename)
 * so a crash mid-write leaves the previous state intact. Order-creating calls wait for a write that
 * started after their change; other changes are batched.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'fs';
import { rename, writeFile } from 'fs/promises';

const BATCH_MS = 100;
/** Batched writes wait this many times the last write's duration, so a big state cannot hog the CPU. */
const BACKOFF_FACTOR = 4;

export class Persistence {
	private writing: Promise<void> | null = null;
	private queued: Promise<void> | null = null;
	private timer: NodeJS.Timeout | null = null;
	private closed = false;
	lastError: Error | null = null;
	private lastWriteMs = 0;

	constructor(
		readonly file: string,
		private readonly snapshot: () => unknown,
	) {}

	load(): unknown {
		if (!existsSync(this.file)) return undefined;
		const text = readFileSync(this.file, 'utf8');
		return text.trim() ? JSON.parse(text) : undefined;
	}

	/** Resolves once a write that began after this call has finished. */
	flush(): Promise<void> {
		if (this.closed) return Promise.resolve();
		this.cancelTimer();
		if (!this.writing) {
			this.writing = this.write().finally(() => {
				this.writing = null;
			});
			return this.writing;
		}
		if (!this.queued) {
			this.queued = this.writing.then(() => {
				this.queued = null;
				return this.flush();
			});
		}
		return this.queued;
	}

	soon(): void {
		if (this.closed || this.timer) return;
		this.timer = setTimeout(() => {
			this.timer = null;
			this.flush().catch(() => undefined);
		}, Math.max(BATCH_MS, this.lastWriteMs * BACKOFF_FACTOR));
		this.timer.unref();
	}

	/** For signal handlers and close: nothing asynchronous can be trusted to finish. */
	flushSync(): void {
		if (this.closed) return;
		this.cancelTimer();
		const temp = `${this.file}.${process.pid}.tmp`;
		writeFileSync(temp, JSON.stringify(this.snapshot()));
		renameSync(temp, this.file);
	}

	/** Waits for writes already under way, so a final synchronous write is the last one to land. */
	async drain(): Promise<void> {
		for (let round = 0; round < 100 && (this.writing || this.queued); round++) {
			await (this.queued ?? this.writing)?.catch(() => undefined);
		}
	}

	close(): void {
		this.cancelTimer();
		this.closed = true;
	}

	private cancelTimer(): void {
		if (this.timer) clearTimeout(this.timer);
		this.timer = null;
	}

	private async write(): Promise<void> {
		const started = Date.now();
		const text = JSON.stringify(this.snapshot());
		const temp = `${this.file}.${process.pid}.${Date.now()}.tmp`;
		try {
			await writeFile(temp, text);
			await rename(temp, this.file);
			this.lastError = null;
			this.lastWriteMs = Date.now() - started;
		} catch (error) {
			this.lastError = error as Error;
			throw error;
		}
	}
}
