/**
 * Sandbox time: production steps (print-ready, printed, shipped, errored after 12 h) happen on this
 * clock, so tests jump hours ahead instantly while `--realtime` lets a demo watch them happen.
 * Authentication and rate limits use the real clock instead: clients sign with their own wall clock.
 */
export class SandboxClock {
	private anchorSandbox: number;
	private anchorReal: number;
	realtime = false;
	speed = 1;

	constructor(startMs: number = Date.now()) {
		this.anchorSandbox = startMs;
		this.anchorReal = Date.now();
	}

	now(): number {
		if (!this.realtime) return this.anchorSandbox;
		return this.anchorSandbox + (Date.now() - this.anchorReal) * this.speed;
	}

	iso(): string {
		return new Date(this.now()).toISOString();
	}

	/** Moves to `ms`, never backwards: events must not appear to happen before earlier ones. */
	set(ms: number): void {
		this.anchorSandbox = Math.max(ms, this.now());
		this.anchorReal = Date.now();
	}

	setRealtime(enabled: boolean, speed: number = this.speed): void {
		const now = this.now();
		this.realtime = enabled;
		this.speed = Number.isFinite(speed) && speed > 0 ? speed : 1;
		this.anchorSandbox = now;
		this.anchorReal = Date.now();
	}

	restore(ms: number): void {
		this.anchorSandbox = ms;
		this.anchorReal = Date.now();
	}
}

export type TaskKind = 'printready' | 'componentPrinted' | 'shipped' | 'errored';

/** Plain data, so pending steps survive a restart with `--data`. */
export interface Task {
	seq: number;
	due: number;
	kind: TaskKind;
	orderId: string;
	index?: number;
}

function before(a: Task, b: Task): boolean {
	return a.due < b.due || (a.due === b.due && a.seq < b.seq);
}

/** A binary heap of due tasks: order-of-magnitude more orders than steps per advance stay cheap. */
export class Scheduler {
	private heap: Task[] = [];
	private seq = 0;
	private pendingByKey = new Map<string, number>();

	get size(): number {
		return this.heap.length;
	}

	schedule(due: number, kind: TaskKind, orderId: string, index?: number): void {
		this.push({ seq: ++this.seq, due, kind, orderId, index });
	}

	has(kind: TaskKind, orderId: string): boolean {
		return (this.pendingByKey.get(`${kind}:${orderId}`) ?? 0) > 0;
	}

	peek(): Task | undefined {
		return this.heap[0];
	}

	pop(): Task | undefined {
		const top = this.heap[0];
		if (!top) return undefined;
		const last = this.heap.pop() as Task;
		if (this.heap.length > 0) {
			this.heap[0] = last;
			this.sinkDown(0);
		}
		this.count(top, -1);
		return top;
	}

	clear(): void {
		this.heap = [];
		this.pendingByKey.clear();
	}

	toJSON(): Task[] {
		return [...this.heap].sort((a, b) => (before(a, b) ? -1 : 1));
	}

	load(tasks: Task[]): void {
		this.clear();
		for (const task of tasks) {
			this.seq = Math.max(this.seq, task.seq);
			this.push({ ...task });
		}
	}

	private push(task: Task): void {
		this.heap.push(task);
		this.count(task, 1);
		let index = this.heap.length - 1;
		while (index > 0) {
			const parent = (index - 1) >> 1;
			if (!before(this.heap[index], this.heap[parent])) break;
			[this.heap[index], this.heap[parent]] = [this.heap[parent], this.heap[index]];
			index = parent;
		}
	}

	private sinkDown(start: number): void {
		let index = start;
		const length = this.heap.length;
		for (;;) {
			const left = index * 2 + 1;
			const right = left + 1;
			let smallest = index;
			if (left < length && before(this.heap[left], this.heap[smallest])) smallest = left;
			if (right < length && before(this.heap[right], this.heap[smallest])) smallest = right;
			if (smallest === index) return;
			[this.heap[index], this.heap[smallest]] = [this.heap[smallest], this.heap[index]];
			index = smallest;
		}
	}

	private count(task: Task, delta: number): void {
		const key = `${task.kind}:${task.orderId}`;
		const next = (this.pendingByKey.get(key) ?? 0) + delta;
		if (next <= 0) this.pendingByKey.delete(key);
		else this.pendingByKey.set(key, next);
	}
}
