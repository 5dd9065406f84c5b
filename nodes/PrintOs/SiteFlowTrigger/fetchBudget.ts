/**
 * A bound on "Fetch Full Order" calls for triggers that accept unauthenticated postbacks: anyone
 * with the URL could otherwise make n8n send signed API calls for ids of their choosing and spend
 * the account's rate limit. Counted per trigger node in this process, in windows of one minute.
 */

/** Order fetches per minute a trigger with Authentication "None" may start. */
export const UNAUTHENTICATED_FETCHES_PER_MINUTE = 30;

const WINDOW_MS = 60_000;
/** Triggers remembered at once; beyond that the oldest windows are forgotten. */
const MAX_TRIGGERS = 1000;

interface Window {
	startedAt: number;
	used: number;
}

const windows = new Map<string, Window>();

/** Takes one fetch from the trigger's budget; false when the minute's budget is spent. */
export function takeFetch(triggerKey: string, now: number = Date.now(), perMinute = UNAUTHENTICATED_FETCHES_PER_MINUTE): boolean {
	let window = windows.get(triggerKey);
	if (window === undefined || now - window.startedAt >= WINDOW_MS) {
		if (window === undefined && windows.size >= MAX_TRIGGERS) windows.delete(windows.keys().next().value as string);
		window = { startedAt: now, used: 0 };
		windows.set(triggerKey, window);
	}
	if (window.used >= perMinute) return false;
	window.used++;
	return true;
}

export function fetchBudgetExceededMessage(perMinute = UNAUTHENTICATED_FETCHES_PER_MINUTE): string {
	return (
		`The order was not fetched: this trigger accepts postbacks without authentication, and more than ${perMinute} ` +
		'postbacks asked for an order fetch within a minute. Choose Header Token or Basic Auth authentication to lift the limit.'
	);
}
