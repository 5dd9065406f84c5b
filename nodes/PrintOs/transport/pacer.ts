/**
 * Client-side pacing, shared by every node in this n8n process that uses the same PrintOS account:
 * requests are spaced to stay under the account's per-minute limit instead of discovering it
 * through 429s, and a 429 pauses every request of that account until the server's moment.
 */
import { sleep } from 'n8n-workflow';

/** Site Flow allows 3000 requests per minute per user (spec §3.8). */
export const PRINTOS_REQUESTS_PER_MINUTE = 3000;
/** Headroom for clock edges of the server's fixed one-minute window. */
export const DEFAULT_PACE_PER_MINUTE = 2940;

interface PacerState {
	perMinute: number;
	nextSlotAt: number;
	pausedUntil: number;
}

const pacers = new Map<string, PacerState>();

function stateFor(key: string, perMinute: number): PacerState {
	let state = pacers.get(key);
	if (!state) {
		state = { perMinute, nextSlotAt: 0, pausedUntil: 0 };
		pacers.set(key, state);
	}
	state.perMinute = perMinute;
	return state;
}

/** Waits until this request may go out. `perMinute <= 0` turns pacing off. */
export async function acquireSlot(key: string, perMinute: number): Promise<void> {
	if (perMinute <= 0) return;
	const state = stateFor(key, perMinute);
	const interval = 60_000 / state.perMinute;
	const now = Date.now();
	const slot = Math.max(now, state.nextSlotAt, state.pausedUntil);
	state.nextSlotAt = slot + interval;
	const wait = slot - now;
	if (wait > 0) await sleep(wait);
}

/** A 429 tells every request of this account to hold off until `untilMs`. */
export function pauseAccount(key: string, untilMs: number): void {
	const state = pacers.get(key);
	if (state && untilMs > state.pausedUntil) state.pausedUntil = untilMs;
}

/** A server that announces its limit (X-RateLimit-Limit, name unconfirmed) is paced just under it. */
export function adoptAnnouncedLimit(key: string, announcedPerMinute: number, configured: number) {
	if (!Number.isFinite(announcedPerMinute) || announcedPerMinute <= 0) return configured;
	const ceiling = Math.floor(announcedPerMinute * (DEFAULT_PACE_PER_MINUTE / PRINTOS_REQUESTS_PER_MINUTE));
	const effective = configured > 0 ? Math.min(configured, ceiling) : configured;
	const state = pacers.get(key);
	if (state && effective > 0) state.perMinute = effective;
	return effective;
}

/** For tests: forget all accounts' pacing state. */
export function resetPacers(): void {
	pacers.clear();
}
